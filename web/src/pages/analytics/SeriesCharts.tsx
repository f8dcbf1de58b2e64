/** The figures over time at a chosen grain: traffic (requests, page views, sessions, users) and tokens with cost. */
import { Card, Col, Row, Segmented, Typography } from 'antd';
import { useMemo } from 'react';
import type { AnalyticsReport } from '../../api/analytics.ts';
import { useT } from '../../i18n/index.ts';
import { AnalyticsChart, type AnalyticsChartOption, type ChartClick } from './AnalyticsChart.tsx';
import { grainsFor, type Grain } from './analytics-view.ts';
import { bucketLabel } from './format.ts';

const COLORS = ['#1677ff', '#13c2c2', '#722ed1', '#fa8c16', '#52c41a', '#ff4d4f'];

interface Line {
  name: string;
  type: 'bar' | 'line';
  data: Array<number | null>;
  axis?: number;
}

function option(labels: string[], lines: Line[], twoAxes: boolean): AnalyticsChartOption {
  return {
    color: COLORS,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, boundaryGap: true },
    yAxis: twoAxes
      ? [
          { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
          { type: 'value', splitLine: { show: false } },
        ]
      : { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
    series: lines.map((l) =>
      l.type === 'bar'
        ? { name: l.name, type: 'bar', data: l.data, yAxisIndex: l.axis ?? 0, barMaxWidth: 18 }
        : { name: l.name, type: 'line', data: l.data, yAxisIndex: l.axis ?? 0, showSymbol: labels.length < 60 },
    ),
  } as AnalyticsChartOption;
}

export function SeriesCharts({
  report,
  grain,
  days,
  onGrain,
  onBucket,
}: {
  report: AnalyticsReport;
  /** The grain asked for (absent: the server's choice). */
  grain?: Grain;
  days: number;
  onGrain: (g: Grain | undefined) => void;
  /** A click on bucket `i` of the series. */
  onBucket: (i: number) => void;
}) {
  const t = useT();
  const points = report.series.points;
  const shown = report.series.grain;
  const charts = useMemo(() => {
    const labels = points.map((p) => bucketLabel(p.t, shown, days <= 1));
    const col = (f: (p: (typeof points)[number]) => number | null) => points.map(f);
    return {
      traffic: option(
        labels,
        [
          { name: t('analytics.series.requests'), type: 'bar', data: col((p) => p.requests) },
          { name: t('analytics.series.pageViews'), type: 'line', data: col((p) => p.page_views) },
          { name: t('analytics.series.sessions'), type: 'line', data: col((p) => p.sessions) },
          { name: t('analytics.series.users'), type: 'line', data: col((p) => p.users) },
          { name: t('analytics.series.newUsers'), type: 'line', data: col((p) => p.new_users) },
        ],
        false,
      ),
      usage: option(
        labels,
        [
          { name: t('analytics.series.tokens'), type: 'bar', data: col((p) => p.tokens) },
          { name: t('analytics.series.cost'), type: 'line', data: col((p) => Math.round(p.cost * 10_000) / 10_000), axis: 1 },
        ],
        true,
      ),
      quality: option(
        labels,
        [
          { name: t('analytics.series.errors'), type: 'bar', data: col((p) => p.errors) },
          { name: t('analytics.series.p95'), type: 'line', data: col((p) => p.latency_p95_ms), axis: 1 },
          { name: t('analytics.series.dwell'), type: 'line', data: col((p) => p.avg_dwell_seconds), axis: 1 },
        ],
        true,
      ),
    };
  }, [points, shown, days, t]);
  const click = (e: ChartClick) => onBucket(e.dataIndex);
  const attrs = { 'data-grain': shown, 'data-points': points.length };

  return (
    <Card
      size="small"
      title={t('analytics.series.title')}
      extra={
        <Segmented<string>
          size="small"
          data-testid="analytics-grain"
          value={grain ?? 'auto'}
          onChange={(v) => onGrain(v === 'auto' ? undefined : (v as Grain))}
          options={[
            { value: 'auto', label: t('analytics.grain.auto') },
            ...grainsFor(days).map((g) => ({
              value: g,
              label: <span data-testid={`analytics-grain-${g}`}>{t(`analytics.grain.${g}`)}</span>,
            })),
          ]}
        />
      }
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('analytics.series.hint')}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <AnalyticsChart option={charts.traffic} height={280} testId="analytics-chart-series" onItemClick={click} attrs={attrs} />
        </Col>
        <Col xs={24} xl={12}>
          <AnalyticsChart option={charts.usage} height={240} testId="analytics-chart-usage" onItemClick={click} attrs={attrs} />
        </Col>
        <Col xs={24} xl={12}>
          <AnalyticsChart option={charts.quality} height={240} testId="analytics-chart-quality" onItemClick={click} attrs={attrs} />
        </Col>
      </Row>
    </Card>
  );
}
