import { OTHER_LABEL_ID } from './taxonomy.js';

/** One classified request (or a rolled-up count of them) as the interest cloud reads it. */
export interface TopicRow {
  label: string;
  model?: string | null;
  /** A segment value (industry, region, user group), already chosen by the caller. */
  segment?: string | null;
  /** A period key (e.g. `2026-12-07` in the report's time zone), already bucketed by the caller. */
  period?: string | null;
  /** How many requests this row stands for (default 1). */
  count?: number;
}

export interface TopicShare {
  label: string;
  count: number;
  /** count / total of the rows counted, 0..1 (0 when there are none). */
  share: number;
}

export interface TopicGroupShares {
  /** The model, segment or period; `''` for rows without one. */
  group: string;
  total: number;
  shares: TopicShare[];
}

export interface TopicShift {
  label: string;
  before: { count: number; share: number };
  after: { count: number; share: number };
  /** after.share − before.share. */
  delta: number;
}

export interface TopicShareOptions {
  /** Leave `other` out of the shares and the total (default false). */
  excludeOther?: boolean;
}

function rowCount(r: TopicRow): number {
  const c = r.count ?? 1;
  return Number.isFinite(c) && c > 0 ? c : 0;
}

function byCountThenLabel(a: TopicShare, b: TopicShare): number {
  return b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
}

/** Label shares over rows, largest first (ties by label id). */
export function topicShares(rows: Iterable<TopicRow>, options: TopicShareOptions = {}): TopicShare[] {
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    if (options.excludeOther && r.label === OTHER_LABEL_ID) continue;
    const c = rowCount(r);
    if (c === 0) continue;
    counts.set(r.label, (counts.get(r.label) ?? 0) + c);
    total += c;
  }
  return [...counts].map(([label, count]) => ({ label, count, share: total ? count / total : 0 })).sort(byCountThenLabel);
}

/** The top `n` labels (like "top three scenarios"); `other` left out unless asked for. */
export function topTopics(rows: Iterable<TopicRow>, n: number, options: TopicShareOptions = { excludeOther: true }): TopicShare[] {
  return topicShares(rows, options).slice(0, Math.max(0, Math.floor(n)));
}

/** Label shares per model, segment or period: the interest cloud of each group, groups by total then name. */
export function topicSharesBy(
  rows: Iterable<TopicRow>,
  key: 'model' | 'segment' | 'period',
  options: TopicShareOptions = {},
): TopicGroupShares[] {
  const groups = new Map<string, TopicRow[]>();
  for (const r of rows) {
    const g = r[key] ?? '';
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(r);
  }
  return [...groups]
    .map(([group, list]) => {
      const shares = topicShares(list, options);
      return { group, total: shares.reduce((s, x) => s + x.count, 0), shares };
    })
    .sort((a, b) => b.total - a.total || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

/** How label shares moved from one period to another, largest move first (ties by label id). */
export function topicShift(before: Iterable<TopicRow>, after: Iterable<TopicRow>, options: TopicShareOptions = {}): TopicShift[] {
  const a = new Map(topicShares(before, options).map((s) => [s.label, s]));
  const b = new Map(topicShares(after, options).map((s) => [s.label, s]));
  const labels = new Set([...a.keys(), ...b.keys()]);
  return [...labels]
    .map((label) => {
      const x = a.get(label);
      const y = b.get(label);
      const beforeS = { count: x?.count ?? 0, share: x?.share ?? 0 };
      const afterS = { count: y?.count ?? 0, share: y?.share ?? 0 };
      return { label, before: beforeS, after: afterS, delta: afterS.share - beforeS.share };
    })
    .sort((p, q) => Math.abs(q.delta) - Math.abs(p.delta) || (p.label < q.label ? -1 : p.label > q.label ? 1 : 0));
}
