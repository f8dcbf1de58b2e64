import type { EvalRunRepository } from '../store/eval-run-repository.js';
import type { EvalRunTable } from '../store/schema.js';
import { buildLeaderboard } from './build-leaderboard.js';
import type { ModelResult, RunReport } from './eval-types.js';
import type { LeaderboardView } from './leaderboard-types.js';
import { storedSuite } from './run-results.js';
import { runView } from './run-views.js';
import type { SuiteType } from './suite.js';

/** Completed runs the leaderboard draws on at most (the newest), and runs looked at to find them. */
export const LEADERBOARD_LIMITS = { runs: 200, scanned: 1000, page: 100 } as const;

/** The cross-run leaderboard of a workspace, and how much of its history it covers. */
export interface WorkspaceLeaderboard extends LeaderboardView {
  /** Completed runs it was built from. */
  runs: number;
  /** Older completed runs were left out (the limit was reached). */
  truncated: boolean;
}

/** A completed run as a report from its stored summary (no item is read); undefined when the summary does not parse. */
function storedReport(row: EvalRunTable, usdCny: number, now: string): RunReport | undefined {
  try {
    const results = JSON.parse(row.summary ?? 'null') as ModelResult[] | null;
    if (!Array.isArray(results)) return undefined;
    return {
      run: runView(row),
      suite: storedSuite(row) as unknown as Record<string, unknown>,
      results,
      usd_cny: usdCny,
      generated_at: now,
    };
  } catch {
    return undefined;
  }
}

/**
 * `buildLeaderboard` over a workspace's completed runs — of the suite named `suite` and of `type`
 * when given — the newest {@link LEADERBOARD_LIMITS.runs} of them, found among at most
 * {@link LEADERBOARD_LIMITS.scanned} completed runs (newest first). Each run's stored summary is used
 * as it is: a model's row is its latest completed result per suite and dataset version.
 */
export async function workspaceLeaderboard(
  store: Pick<EvalRunRepository, 'listRuns'>,
  workspaceId: string,
  opts: { suite?: string; type?: SuiteType; usdCny: number },
): Promise<WorkspaceLeaderboard> {
  const now = new Date().toISOString();
  const reports: RunReport[] = [];
  let before: { created_at: number; id: string } | undefined;
  let scanned = 0;
  let more = true;
  while (more && reports.length < LEADERBOARD_LIMITS.runs && scanned < LEADERBOARD_LIMITS.scanned) {
    const rows = await store.listRuns(workspaceId, { limit: LEADERBOARD_LIMITS.page, before, status: 'completed', name: opts.suite });
    scanned += rows.length;
    more = rows.length === LEADERBOARD_LIMITS.page;
    const last = rows[rows.length - 1];
    if (last) before = { created_at: last.created_at, id: last.id };
    for (const row of rows) {
      if (opts.type && row.type !== opts.type) continue;
      const report = storedReport(row, opts.usdCny, now);
      if (report && reports.length < LEADERBOARD_LIMITS.runs) reports.push(report);
      else if (report) more = true;
    }
  }
  const view = buildLeaderboard(reports, { type: opts.type, suite: opts.suite });
  return { ...view, runs: reports.length, truncated: more };
}
