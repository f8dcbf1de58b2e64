/**
 * The quality-vs-cost scatter: x = cost per 1,000 items in CNY (a log axis when the costs span more
 * than two decades), y = score; each point labelled with its model; the Pareto front (the best score
 * for its cost) drawn as a step line through its points.
 */
import { Empty } from 'antd';
import { useMemo } from 'react';
import type { ModelResult } from '../../api/eval.ts';
import { useT, type TFunction } from '../../i18n/index.ts';
import { Chart, type ChartOption } from '../overview/Chart.tsx';
import { fmtMoney, fmtPct } from './format.ts';

type Point = Pick<ModelResult, 'model' | 'score' | 'cost_per_1k_cny' | 'pareto'>;

/** Costs spanning more than this ratio (two decades) get a log axis. */
const LOG_SPAN = 100;

export interface ScatterLayout {
  log: boolean;
  /** Plotted points: free (zero-cost) models sit at `floor` on a log axis. */
  points: Array<{ model: string; x: number; y: number; cost: number; pareto: boolean }>;
  /** The Pareto front, cheapest first. */
  front: Array<[number, number]>;
}

/** Where each model goes: only models with a score and a known cost are plotted. */
export function scatterLayout(results: readonly Point[]): ScatterLayout {
  const known = results.filter((r) => r.score !== null && r.cost_per_1k_cny !== null);
  const positive = known.map((r) => r.cost_per_1k_cny!).filter((c) => c > 0);
  const min = positive.length ? Math.min(...positive) : 0;
  const max = positive.length ? Math.max(...positive) : 0;
  const log = positive.length >= 2 && max / min > LOG_SPAN;
  const floor = min / 10;
  const points = known.map((r) => {
    const cost = r.cost_per_1k_cny!;
    return { model: r.model, x: log && cost <= 0 ? floor : cost, y: r.score!, cost, pareto: r.pareto };
  });
  const front = points
    .filter((p) => p.pareto)
    .sort((a, b) => a.x - b.x || a.y - b.y)
    .map((p) => [p.x, p.y] as [number, number]);
  return { log, points, front };
}

function option(layout: ScatterLayout, t: TFunction): ChartOption {
  const tip = (model: string, cost: number, score: number, pareto: boolean) =>
    `<b>${escapeHtml(model)}</b><br/>${t('eval.scatter.score')}: ${fmtPct(score)}<br/>${t('eval.scatter.cost')}: ${fmtMoney(cost, '¥')}${
      pareto ? `<br/>${t('eval.pareto')}` : ''
    }`;
  return {
    color: ['#1677ff', '#fa8c16'],
    grid: { left: 16, right: 40, top: 48, bottom: 36, containLabel: true },
    legend: { top: 0, data: [t('eval.scatter.models'), t('eval.scatter.front')] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const d = (p as { data?: { name?: string; cost?: number; value?: [number, number]; pareto?: boolean } }).data;
        return d?.name && d.value ? tip(d.name, d.cost ?? d.value[0], d.value[1], Boolean(d.pareto)) : '';
      },
    },
    xAxis: {
      type: layout.log ? 'log' : 'value',
      name: t('eval.scatter.x'),
      nameLocation: 'middle',
      nameGap: 28,
      scale: !layout.log,
      axisLabel: { formatter: (v: number) => fmtMoney(v, '¥') },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: {
      type: 'value',
      name: t('eval.scatter.y'),
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series: [
      {
        name: t('eval.scatter.models'),
        type: 'scatter',
        symbolSize: 14,
        data: layout.points.map((p) => ({
          name: p.model,
          value: [p.x, p.y],
          cost: p.cost,
          pareto: p.pareto,
          itemStyle: p.pareto ? { color: '#fa8c16', borderColor: '#ad4e00', borderWidth: 2 } : undefined,
        })),
        label: { show: true, position: 'top', formatter: '{b}', fontSize: 12 },
        z: 3,
      },
      {
        name: t('eval.scatter.front'),
        type: 'line',
        step: 'end',
        data: layout.front,
        symbol: 'none',
        lineStyle: { width: 2, type: 'dashed', color: '#fa8c16' },
        tooltip: { show: false },
        z: 2,
      },
    ],
  } as ChartOption;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function QualityCostScatter({
  results,
  height = 360,
  testId = 'eval-scatter',
}: {
  results: readonly Point[];
  height?: number;
  testId?: string;
}) {
  const t = useT();
  const layout = useMemo(() => scatterLayout(results), [results]);
  const opt = useMemo(() => option(layout, t), [layout, t]);
  if (!layout.points.length) return <Empty description={t('eval.scatter.empty')} data-testid={`${testId}-empty`} />;
  return (
    <div data-log-axis={layout.log ? 'true' : 'false'} data-points={layout.points.length}>
      <Chart option={opt} height={height} testId={testId} />
    </div>
  );
}
