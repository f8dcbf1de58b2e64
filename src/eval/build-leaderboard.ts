import type { ModelResult, RunReport } from './eval-types.js';
import type { LeaderboardGroup, LeaderboardOverallRow, LeaderboardRow, LeaderboardView } from './leaderboard-types.js';
import { paretoFlags } from './pareto.js';
import type { SuiteType } from './suite.js';

/** Which runs the leaderboard draws on (all completed ones by default). */
export interface BuildLeaderboardOptions {
  type?: SuiteType;
  /** A suite name. */
  suite?: string;
  datasetId?: string;
  /** Only these models. */
  models?: readonly string[];
}

/** When a run finished, for "latest": finished, else started, else created; -Infinity when none parses. */
function runTime(report: RunReport): number {
  for (const t of [report.run.finished_at, report.run.started_at, report.run.created_at]) {
    const ms = t ? Date.parse(t) : Number.NaN;
    if (Number.isFinite(ms)) return ms;
  }
  return -Infinity;
}

/** Later runs first; at the same time the larger id first (deterministic whatever the input order). */
const latestFirst = (a: RunReport, b: RunReport) => runTime(b) - runTime(a) || (a.run.id < b.run.id ? 1 : a.run.id > b.run.id ? -1 : 0);

const suiteName = (r: RunReport) => (typeof r.suite.name === 'string' && r.suite.name ? r.suite.name : r.run.name);

const datasetLabel = (r: RunReport) => `${r.run.dataset.name}@${r.run.dataset.version}`;

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

const mean = (xs: readonly (number | null | undefined)[]): number | null => {
  const f = xs.filter(finite);
  return f.length ? f.reduce((a, b) => a + b, 0) / f.length : null;
};

/** Best score first (none last), then the cheaper, then by name. */
function byScore<T extends { score: number | null; cost_per_1k_cny: number | null; model: string }>(a: T, b: T): number {
  const sa = finite(a.score) ? a.score : -Infinity;
  const sb = finite(b.score) ? b.score : -Infinity;
  const ca = finite(a.cost_per_1k_cny) ? a.cost_per_1k_cny : Infinity;
  const cb = finite(b.cost_per_1k_cny) ? b.cost_per_1k_cny : Infinity;
  return sb - sa || (ca === cb ? 0 : ca < cb ? -1 : 1) || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0);
}

/** Sorts rows and sets their rank and Pareto flag (score against cost per 1,000 items in CNY). */
function rankRows<T extends { score: number | null; cost_per_1k_cny: number | null; model: string; rank: number | null; pareto: boolean }>(
  rows: T[],
): T[] {
  rows.sort(byScore);
  const flags = paretoFlags(rows.map((r) => ({ quality: r.score ?? Number.NaN, cost: r.cost_per_1k_cny ?? Number.NaN })));
  // Sorted best first: a row's rank is 1 + the position of the first row with its score.
  let first = 0;
  rows.forEach((r, i) => {
    r.pareto = flags[i];
    if (i > 0 && r.score !== rows[i - 1].score) first = i;
    r.rank = finite(r.score) ? first + 1 : null;
  });
  return rows;
}

function row(report: RunReport, r: ModelResult, suite: string): LeaderboardRow {
  const run = report.run;
  return {
    model: r.model,
    suite,
    run_id: run.id,
    dataset: datasetLabel(report),
    dataset_id: run.dataset.id,
    type: run.type,
    score: r.score,
    accuracy: r.accuracy,
    cost_per_1k_cny: r.cost_per_1k_cny,
    cost_per_1k_usd: r.cost_per_1k_usd,
    p50_ms: r.p50_ms,
    p95_ms: r.p95_ms,
    tokens_per_s: r.tokens_per_s,
    error_rate: r.error_rate,
    items: r.done,
    rank: null,
    pareto: false,
    finished_at: run.finished_at,
  };
}

/**
 * The leaderboard across runs. Only completed runs count; they are grouped by suite name, type and
 * dataset (id and version: another version is other data), and in each group every model gets the
 * result of its latest run (by finished_at, then started_at, created_at; a tie goes to the larger run
 * id). Rows are sorted best score first (then cheaper, then by name), ranked, and flagged on the
 * group's own quality-vs-cost Pareto front (the runs' own flags compare only within one run). The
 * overall view averages each model's group rows (each group once). Groups are sorted by suite name,
 * dataset name, then newest version first.
 */
export function buildLeaderboard(reports: readonly RunReport[], opts: BuildLeaderboardOptions = {}): LeaderboardView {
  const wanted = opts.models ? new Set(opts.models) : null;
  const runs = reports
    .filter(
      (r) =>
        r.run.status === 'completed' &&
        (!opts.type || r.run.type === opts.type) &&
        (!opts.suite || suiteName(r) === opts.suite) &&
        (!opts.datasetId || r.run.dataset.id === opts.datasetId),
    )
    .sort(latestFirst);
  const groups = new Map<string, LeaderboardGroup & { seen: Set<string>; name: string; version: number }>();
  for (const report of runs) {
    const suite = suiteName(report);
    const { type, dataset } = report.run;
    const key = JSON.stringify([suite, type, dataset.id, dataset.version]);
    let group = groups.get(key);
    if (!group) {
      group = {
        suite,
        type,
        dataset: datasetLabel(report),
        dataset_id: dataset.id,
        run_ids: [],
        rows: [],
        seen: new Set(),
        name: dataset.name,
        version: dataset.version,
      };
      groups.set(key, group);
    }
    let used = false;
    for (const result of report.results) {
      if (group.seen.has(result.model) || (wanted && !wanted.has(result.model))) continue;
      group.seen.add(result.model);
      group.rows.push(row(report, result, suite));
      used = true;
    }
    if (used) group.run_ids.push(report.run.id);
  }
  const out: LeaderboardGroup[] = [...groups.values()]
    .filter((g) => g.rows.length > 0)
    .sort(
      (a, b) =>
        (a.suite < b.suite ? -1 : a.suite > b.suite ? 1 : 0) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
        b.version - a.version ||
        (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    )
    .map(({ seen: _seen, name: _name, version: _version, ...g }) => ({ ...g, rows: rankRows(g.rows) }));
  return { groups: out, overall: overall(out) };
}

function overall(groups: readonly LeaderboardGroup[]): LeaderboardOverallRow[] {
  const byModel = new Map<string, LeaderboardRow[]>();
  for (const g of groups) for (const r of g.rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  const rows = [...byModel].map(([model, rs]): LeaderboardOverallRow => {
    const times = rs.map((r) => r.finished_at).filter((t): t is string => !!t && Number.isFinite(Date.parse(t)));
    return {
      model,
      groups: rs.length,
      score: mean(rs.map((r) => r.score)),
      accuracy: mean(rs.filter((r) => r.type === 'mcq').map((r) => r.accuracy)),
      cost_per_1k_cny: mean(rs.map((r) => r.cost_per_1k_cny)),
      cost_per_1k_usd: mean(rs.map((r) => r.cost_per_1k_usd)),
      p50_ms: mean(rs.map((r) => r.p50_ms)),
      p95_ms: mean(rs.map((r) => r.p95_ms)),
      tokens_per_s: mean(rs.map((r) => r.tokens_per_s)),
      error_rate: mean(rs.map((r) => r.error_rate)),
      rank: null,
      pareto: false,
      finished_at: times.length ? times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)) : null,
    };
  });
  return rankRows(rows);
}
