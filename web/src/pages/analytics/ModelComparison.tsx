/**
 * The models side by side, like a traffic study: page views, sessions, average dwell time, cost, p95
 * latency and satisfaction per model, as bars of one chosen figure and as a table. A bar or a row
 * opens the logs of that model.
 */
import { Card, Segmented, Table, type TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import type { AnalyticsGroup } from '../../api/analytics.ts';
import { useT, type TFunction } from '../../i18n/index.ts';
import { AnalyticsChart, type AnalyticsChartOption } from './AnalyticsChart.tsx';
import { fmtCny, fmtCompact, fmtDuration, fmtInt, fmtMs, fmtPct, fmtPerMille } from './format.ts';

const METRICS = ['requests', 'page_views', 'sessions', 'users', 'avg_dwell_seconds', 'cost', 'latency_p95', 'satisfaction'] as const;
type Metric = (typeof METRICS)[number];

const value = (g: AnalyticsGroup, m: Metric): number | null => (m === 'latency_p95' ? g.latency_ms.p95 : g[m]);

/**
 * The bars' plot area in pixels (no `containLabel`): fixed, so a bar's place is known from its index
 * (the e2e test clicks one). Long names are cut to fit the left margin.
 */
export const MODEL_BARS_GRID = { left: 132, right: 32, top: 12, bottom: 28 } as const;
const BAR_HEIGHT = 34;

function option(rows: readonly AnalyticsGroup[], metric: Metric, label: string): AnalyticsChartOption {
  return {
    color: ['#1677ff'],
    tooltip: { className: 'analytics-tooltip', trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { ...MODEL_BARS_GRID, containLabel: false },
    xAxis: { type: 'value', splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.key),
      inverse: true,
      axisLabel: { width: MODEL_BARS_GRID.left - 12, overflow: 'truncate' },
    },
    series: [{ name: label, type: 'bar', data: rows.map((r) => value(r, metric) ?? 0), barMaxWidth: 22 }],
  } as AnalyticsChartOption;
}

export function modelColumns(t: TFunction): TableColumnsType<AnalyticsGroup> {
  const num = (title: string, render: (g: AnalyticsGroup) => string, sort: (g: AnalyticsGroup) => number, width = 104) => ({
    title,
    align: 'right' as const,
    width,
    render: (_: unknown, g: AnalyticsGroup) => render(g),
    sorter: (a: AnalyticsGroup, b: AnalyticsGroup) => sort(a) - sort(b),
  });
  return [
    { title: t('analytics.col.model'), dataIndex: 'key', ellipsis: true, fixed: 'left', width: 180 },
    num(
      t('analytics.col.requests'),
      (g) => fmtInt(g.requests),
      (g) => g.requests,
    ),
    num(
      t('analytics.col.pageViews'),
      (g) => fmtInt(g.page_views),
      (g) => g.page_views,
    ),
    num(
      t('analytics.col.sessions'),
      (g) => fmtInt(g.sessions),
      (g) => g.sessions,
    ),
    num(
      t('analytics.col.users'),
      (g) => fmtInt(g.users),
      (g) => g.users,
    ),
    num(
      t('analytics.col.dwell'),
      (g) => fmtDuration(g.avg_dwell_seconds),
      (g) => g.avg_dwell_seconds ?? -1,
      120,
    ),
    num(
      t('analytics.col.tokens'),
      (g) => fmtCompact(g.tokens),
      (g) => g.tokens,
    ),
    num(
      t('analytics.col.cost'),
      (g) => fmtCny(g.cost),
      (g) => g.cost,
    ),
    num(
      t('analytics.col.p95'),
      (g) => fmtMs(g.latency_ms.p95),
      (g) => g.latency_ms.p95 ?? -1,
    ),
    num(
      t('analytics.col.satisfaction'),
      (g) => fmtPerMille(g.satisfaction),
      (g) => g.satisfaction ?? -1,
    ),
    num(
      t('analytics.col.errorRate'),
      (g) => fmtPct(g.error_rate),
      (g) => g.error_rate ?? -1,
    ),
  ];
}

export function ModelComparison({ rows, onModel }: { rows: readonly AnalyticsGroup[]; onModel: (model: string) => void }) {
  const t = useT();
  const [metric, setMetric] = useState<Metric>('requests');
  const label = t(`analytics.metric.${metric}`);
  const opt = useMemo(() => option(rows, metric, label), [rows, metric, label]);
  const columns = useMemo(() => modelColumns(t), [t]);
  return (
    <Card
      size="small"
      title={t('analytics.models.title')}
      extra={
        <Segmented<Metric>
          size="small"
          data-testid="analytics-model-metric"
          value={metric}
          onChange={setMetric}
          options={METRICS.map((m) => ({ value: m, label: t(`analytics.metric.${m}`) }))}
        />
      }
    >
      <AnalyticsChart
        option={opt}
        height={MODEL_BARS_GRID.top + MODEL_BARS_GRID.bottom + Math.max(2, rows.length) * BAR_HEIGHT}
        testId="analytics-chart-models"
        onItemClick={(e) => rows[e.dataIndex] && onModel(rows[e.dataIndex]!.key)}
        attrs={{ 'data-models': JSON.stringify(rows.map((r) => r.key)), 'data-metric': metric }}
      />
      <Table<AnalyticsGroup>
        data-testid="analytics-models-table"
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={[...rows]}
        pagination={false}
        scroll={{ x: 1300 }}
        style={{ marginTop: 12 }}
        onRow={(r) =>
          ({
            onClick: () => onModel(r.key),
            style: { cursor: 'pointer' },
            'data-testid': 'analytics-model-row',
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: t('analytics.empty') }}
      />
    </Card>
  );
}
