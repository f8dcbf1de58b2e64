/** Time series of the overview: requests & errors, tokens, cost, latency, time to first token. */
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { Chart, type ChartOption } from './Chart';
import { fmtBucket } from './format';
import type { Range, SeriesPoint } from '../../api/overview.ts';

const COLORS = { blue: '#1677ff', red: '#ff4d4f', green: '#52c41a', orange: '#fa8c16', purple: '#722ed1', cyan: '#13c2c2' };

interface SeriesSpec {
  name: string;
  type: 'line' | 'bar';
  data: (number | null)[];
  color: string;
  yAxisIndex?: number;
  stack?: string;
}

function build(labels: string[], specs: SeriesSpec[], unit: string, twoAxes = false): ChartOption {
  const axis = (name?: string) => ({
    type: 'value' as const,
    name,
    axisLabel: { formatter: `{value}${unit}` },
    splitLine: { lineStyle: { type: 'dashed' as const } },
  });
  return {
    color: specs.map((s) => s.color),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: specs.map((s) => s.name) },
    grid: { left: 8, right: twoAxes ? 8 : 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, boundaryGap: specs.some((s) => s.type === 'bar') },
    yAxis: twoAxes ? [axis(), { ...axis(), splitLine: { show: false } }] : axis(),
    series: specs.map((s) =>
      s.type === 'bar'
        ? { name: s.name, type: 'bar', data: s.data, stack: s.stack, yAxisIndex: s.yAxisIndex, barMaxWidth: 18 }
        : {
            name: s.name,
            type: 'line',
            data: s.data,
            smooth: true,
            showSymbol: false,
            connectNulls: true,
            yAxisIndex: s.yAxisIndex,
            areaStyle: s.stack ? {} : undefined,
          },
    ),
  } as ChartOption;
}

export function TrendCharts({ series, range }: { series: SeriesPoint[]; range: Range }) {
  const t = useT();
  const charts = useMemo(() => {
    const labels = series.map((p) => fmtBucket(p.t, range));
    const col = (f: (p: SeriesPoint) => number | null) => series.map(f);
    const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
    return [
      {
        key: 'requests',
        title: t('overview.chart.requests'),
        option: build(
          labels,
          [
            { name: t('overview.series.requests'), type: 'bar', data: col((p) => p.requests), color: COLORS.blue },
            { name: t('overview.series.errors'), type: 'line', data: col((p) => p.errors), color: COLORS.red },
          ],
          '',
        ),
      },
      {
        key: 'tokens',
        title: t('overview.chart.tokens'),
        option: build(
          labels,
          [
            { name: t('overview.series.prompt'), type: 'bar', stack: 'tokens', data: col((p) => p.prompt_tokens), color: COLORS.cyan },
            {
              name: t('overview.series.completion'),
              type: 'bar',
              stack: 'tokens',
              data: col((p) => p.completion_tokens),
              color: COLORS.purple,
            },
          ],
          '',
        ),
      },
      {
        key: 'cost',
        title: t('overview.chart.cost'),
        option: build(
          labels,
          [
            { name: t('overview.series.costCny'), type: 'bar', data: col((p) => round4(p.cost_cny)), color: COLORS.orange },
            { name: t('overview.series.costUsd'), type: 'line', yAxisIndex: 1, data: col((p) => round4(p.cost_usd)), color: COLORS.green },
          ],
          '',
          true,
        ),
      },
      {
        key: 'latency',
        title: t('overview.chart.latency'),
        option: build(
          labels,
          [
            { name: t('overview.series.p50'), type: 'line', data: col((p) => p.latency_p50_ms), color: COLORS.blue },
            { name: t('overview.series.p95'), type: 'line', data: col((p) => p.latency_p95_ms), color: COLORS.orange },
          ],
          ' ms',
        ),
      },
      {
        key: 'ttft',
        title: t('overview.chart.ttft'),
        option: build(
          labels,
          [
            { name: t('overview.series.p50'), type: 'line', data: col((p) => p.ttft_p50_ms), color: COLORS.green },
            { name: t('overview.series.p95'), type: 'line', data: col((p) => p.ttft_p95_ms), color: COLORS.purple },
          ],
          ' ms',
        ),
      },
    ];
  }, [series, range, t]);

  return (
    <Row gutter={[16, 16]}>
      {charts.map((c, i) => (
        <Col key={c.key} xs={24} xl={i === 0 ? 24 : 12}>
          <Card size="small" title={c.title}>
            <Chart option={c.option} height={i === 0 ? 280 : 240} testId={`overview-chart-${c.key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
