/** The ratings with their bootstrap 95% intervals as error bars, best model on top. */
import { useMemo } from 'react';
import type { RatingRow } from '../../api/arena.ts';
import { useT, type TFunction } from '../../i18n/index.ts';
import { Chart, type ChartOption } from '../overview/Chart.tsx';

interface RenderApi {
  value: (dim: number) => number;
  coord: (v: [number, number]) => [number, number];
  size: (v: [number, number]) => [number, number];
}

function option(rows: readonly RatingRow[], t: TFunction): ChartOption {
  // Category axes run bottom-up: the worst first puts the best on top.
  const ordered = [...rows].sort((a, b) => a.rating - b.rating);
  const lo = Math.min(...ordered.map((r) => r.ci_low));
  const hi = Math.max(...ordered.map((r) => r.ci_high));
  const pad = Math.max(10, (hi - lo) * 0.1);
  return {
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const i = (p as { dataIndex: number }).dataIndex;
        const r = ordered[i];
        return r
          ? t('arena.chart.tip', { model: r.model, rating: Math.round(r.rating), low: Math.round(r.ci_low), high: Math.round(r.ci_high) })
          : '';
      },
    },
    xAxis: {
      type: 'value',
      min: Math.floor((lo - pad) / 10) * 10,
      max: Math.ceil((hi + pad) / 10) * 10,
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: { type: 'category', data: ordered.map((r) => r.model) },
    series: [
      {
        type: 'custom',
        name: t('arena.col.ci'),
        data: ordered.map((r, i) => [i, r.ci_low, r.ci_high]),
        encode: { x: [1, 2], y: 0 },
        renderItem: (_params: unknown, api: RenderApi) => {
          const y = api.value(0);
          const a = api.coord([api.value(1), y]);
          const b = api.coord([api.value(2), y]);
          const cap = api.size([0, 1])[1] * 0.3;
          const style = { stroke: '#1677ff', lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
              { type: 'line', shape: { x1: a[0], y1: a[1] - cap / 2, x2: a[0], y2: a[1] + cap / 2 }, style },
              { type: 'line', shape: { x1: b[0], y1: b[1] - cap / 2, x2: b[0], y2: b[1] + cap / 2 }, style },
            ],
          };
        },
        z: 1,
      },
      {
        type: 'scatter',
        name: t('arena.col.rating'),
        data: ordered.map((r, i) => [r.rating, i]),
        symbolSize: 10,
        itemStyle: { color: '#fa8c16' },
        z: 2,
      },
    ],
  } as unknown as ChartOption;
}

export function RatingsChart({ rows }: { rows: readonly RatingRow[] }) {
  const t = useT();
  const opt = useMemo(() => option(rows, t), [rows, t]);
  return <Chart option={opt} height={Math.max(200, rows.length * 36 + 60)} testId="arena-ratings-chart" />;
}
