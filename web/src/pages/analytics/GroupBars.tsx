/** Requests (and their share) per group of one dimension as horizontal bars, largest on top. */
import { Empty } from 'antd';
import { useMemo } from 'react';
import type { AnalyticsGroup } from '../../api/analytics.ts';
import { useT } from '../../i18n/index.ts';
import { AnalyticsChart, type AnalyticsChartOption } from './AnalyticsChart.tsx';

/** How many groups a distribution shows (the rest are in the CSV). */
const TOP = 12;
/** The plot area in pixels (no `containLabel`): a bar's place follows from its index (the e2e test clicks one). */
export const GROUP_BARS_GRID = { left: 150, right: 32, top: 8, bottom: 24 } as const;
const BAR_HEIGHT = 32;

export function GroupBars({
  rows,
  testId,
  nameOf,
  onGroup,
}: {
  rows: readonly AnalyticsGroup[];
  testId: string;
  /** The label of a group (a display name, `direct_api` translated, …). */
  nameOf: (g: AnalyticsGroup) => string;
  /** A click on a group's bar; absent: the bars are not clickable. */
  onGroup?: (g: AnalyticsGroup) => void;
}) {
  const t = useT();
  const shown = useMemo(() => rows.slice(0, TOP), [rows]);
  const option = useMemo(() => {
    const total = rows.reduce((a, g) => a + g.requests, 0);
    return {
      color: ['#13c2c2'],
      tooltip: {
        className: 'analytics-tooltip',
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (p: unknown) => {
          const i = (p as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
          const g = shown[i];
          if (!g) return '';
          return t('analytics.groups.tip', {
            name: nameOf(g),
            n: g.requests.toLocaleString(),
            share: total ? ((g.requests / total) * 100).toFixed(1) : '0',
          });
        },
      },
      grid: { ...GROUP_BARS_GRID, containLabel: false },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: shown.map(nameOf),
        axisLabel: { width: GROUP_BARS_GRID.left - 12, overflow: 'truncate' },
      },
      series: [{ name: t('analytics.series.requests'), type: 'bar', data: shown.map((g) => g.requests), barMaxWidth: 20 }],
    } as AnalyticsChartOption;
  }, [rows, shown, nameOf, t]);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.empty')} data-testid={testId} />;
  return (
    <AnalyticsChart
      option={option}
      height={GROUP_BARS_GRID.top + GROUP_BARS_GRID.bottom + shown.length * BAR_HEIGHT}
      testId={testId}
      onItemClick={onGroup ? (e) => shown[e.dataIndex] && onGroup(shown[e.dataIndex]!) : undefined}
      attrs={{ 'data-groups': JSON.stringify(shown.map((g) => g.key)) }}
    />
  );
}
