/**
 * The drill-down from a chart or a table row to the request logs behind it: the report's period (or
 * the clicked bucket), its workspace, and the filters the logs know (model, app, key, scenario), the
 * clicked group's value replacing the view's. Segment filters have no log column: they stay on the
 * Analytics page.
 */
import { logsPath } from '../logs/url-filters.ts';
import type { Filters } from './analytics-view.ts';

/** What was clicked: a group's value along one dimension, and/or a time bucket `[from, to)`. */
export interface DrillTarget {
  model?: string;
  app?: string;
  key?: string;
  scenario?: string;
  from?: number;
  to?: number;
}

/** Dimensions whose groups lead to logs (their group values are log columns). */
export const DRILL_DIMENSIONS = ['model', 'app', 'key', 'scenario'] as const;
export type DrillDimension = (typeof DRILL_DIMENSIONS)[number];

/** The `/logs?…` path of a drill-down. */
export function drillPath(
  context: { period: { from: string; to: string }; workspace?: string; filters: Filters },
  target: DrillTarget,
): string {
  const f = context.filters;
  return logsPath({
    from: target.from ?? Date.parse(context.period.from),
    to: target.to ?? Date.parse(context.period.to),
    workspaceId: context.workspace,
    model: target.model ?? f.model,
    appId: target.app ?? f.app,
    keyId: target.key ?? f.key,
    scenario: target.scenario ?? f.scenario,
    status: 'all',
  });
}

/**
 * The `[from, to)` of series bucket `i`: its start, and the next bucket's start (the period's end for
 * the last one), so months and DST days need no arithmetic here.
 */
export function bucketRange(points: ReadonlyArray<{ t: string }>, i: number, periodTo: string): { from: number; to: number } | null {
  const p = points[i];
  if (!p) return null;
  const next = points[i + 1];
  const from = Date.parse(p.t);
  const to = Math.min(next ? Date.parse(next.t) : Date.parse(periodTo), Date.parse(periodTo));
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : null;
}
