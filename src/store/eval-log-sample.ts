import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

/** Which logged chat requests a dataset may be sampled from (all of one workspace; bodies stored). */
export interface LogSampleFilter {
  workspaceId: string;
  /** The model as the client asked for it (`model_requested`). */
  model?: string;
  /** Only runs of this scenario app (its slug). */
  appSlug?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Leaves out calls made with the workspace's keys of this name (the evaluation key: runs' own calls are not traffic). */
  excludeKeyNamed?: string;
  /** Rows in the sample, at most. */
  limit: number;
  /** The same seed over the same rows draws the same sample. */
  seed: number;
  /**
   * Characters of a body read at most: a longer body comes back cut to `maxBodyChars + 1` characters,
   * so the caller can tell and skip it (default {@link LOG_SAMPLE_LIMITS}.bodyChars).
   */
  maxBodyChars?: number;
}

/** A logged chat request drawn into a sample: its stored bodies, as the gateway wrote them. */
export interface SampledLog {
  id: string;
  request_body: string;
  response_body: string | null;
  model: string;
  created_at: number;
}

/** Rows read per page while drawing, rows looked at in all (the newest first), bodies per query, characters per body. */
export const LOG_SAMPLE_LIMITS = { page: 5000, scanRows: 1_000_000, bodiesPerQuery: 100, bodyChars: 1_000_000 } as const;

/** murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 52-bit rank of `id` under `seed`: two FNV-1a lanes, finalised. Uniform enough to sample by. */
export function sampleRank(id: string, seed: number): number {
  let a = (0x811c9dc5 ^ seed) >>> 0;
  let b = (0x01000193 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  const hi = fmix(a);
  const lo = fmix(b ^ hi);
  return hi * 0x100000 + (lo >>> 12);
}

interface Candidate {
  id: string;
  created_at: number;
  rank: number;
}

const byRank = (x: Candidate, y: Candidate) => x.rank - y.rank || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * The ids of a random sample of the workspace's logged chat requests that stored their request body
 * (`logging.store_bodies`), succeeded (status < 400) and match the filter; oldest first. Read-only.
 *
 * The sample is the `limit` rows of smallest {@link sampleRank}(id, seed): a bottom-k sample, uniform
 * over the rows looked at and the same on SQLite and PostgreSQL for the same rows and seed (neither
 * dialect has a seeded random order of its own). Rows are read newest first, ids and times only, in
 * keyset pages over the (workspace_id, created_at) index; at most {@link LOG_SAMPLE_LIMITS}.scanRows
 * are looked at, so a larger range is sampled over its newest rows.
 */
export async function sampleLogIds(db: Kysely<Database>, f: LogSampleFilter): Promise<Array<{ id: string; created_at: number }>> {
  if (f.limit <= 0) return [];
  let kept: Candidate[] = [];
  let bound = Infinity;
  let cursor: { t: number; id: string } | undefined;
  for (let seen = 0; seen < LOG_SAMPLE_LIMITS.scanRows;) {
    let q = db
      .selectFrom('request_logs')
      .select(['id', 'created_at'])
      .where('workspace_id', '=', f.workspaceId)
      .where('endpoint', '=', 'chat')
      .where('status', '<', 400)
      .where('request_body', 'is not', null);
    if (f.model !== undefined) q = q.where('model_requested', '=', f.model);
    if (f.appSlug !== undefined) q = q.where('app_slug', '=', f.appSlug);
    if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('created_at', '<', f.to);
    const excluded = f.excludeKeyNamed;
    if (excluded !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb('key_id', 'is', null),
          eb(
            'key_id',
            'not in',
            eb.selectFrom('virtual_keys').select('id').where('workspace_id', '=', f.workspaceId).where('name', '=', excluded),
          ),
        ]),
      );
    const c = cursor;
    if (c) q = q.where('created_at', '<=', c.t).where((eb) => eb.or([eb('created_at', '<', c.t), eb('id', '<', c.id)]));
    const page = await q
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.min(LOG_SAMPLE_LIMITS.page, LOG_SAMPLE_LIMITS.scanRows - seen))
      .execute();
    for (const r of page) {
      const rank = sampleRank(r.id, f.seed);
      if (rank > bound) continue;
      kept.push({ id: r.id, created_at: Number(r.created_at), rank });
      if (kept.length >= 2 * f.limit) {
        kept = kept.sort(byRank).slice(0, f.limit);
        bound = kept[kept.length - 1].rank;
      }
    }
    seen += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < LOG_SAMPLE_LIMITS.page) break;
    cursor = { t: Number(last.created_at), id: last.id };
  }
  return kept
    .sort(byRank)
    .slice(0, f.limit)
    .sort((x, y) => x.created_at - y.created_at || (x.id < y.id ? -1 : 1))
    .map(({ id, created_at }) => ({ id, created_at }));
}

/** The bodies of these log rows (any order; rows without a request body left out), each cut at `maxBodyChars + 1`. */
export async function logBodies(db: Kysely<Database>, ids: readonly string[], maxBodyChars: number = LOG_SAMPLE_LIMITS.bodyChars) {
  const out: SampledLog[] = [];
  const cut = maxBodyChars + 1;
  for (let i = 0; i < ids.length; i += LOG_SAMPLE_LIMITS.bodiesPerQuery) {
    const rows = await db
      .selectFrom('request_logs')
      .select([
        'id',
        'created_at',
        'model_requested',
        sql<string | null>`substr(request_body, 1, ${cut})`.as('request_body'),
        sql<string | null>`substr(response_body, 1, ${cut})`.as('response_body'),
      ])
      .where('id', 'in', ids.slice(i, i + LOG_SAMPLE_LIMITS.bodiesPerQuery))
      .where(sql<SqlBool>`request_body is not null`)
      .execute();
    for (const r of rows)
      if (r.request_body !== null)
        out.push({
          id: r.id,
          request_body: r.request_body,
          response_body: r.response_body,
          model: r.model_requested,
          created_at: Number(r.created_at),
        });
  }
  return out;
}
