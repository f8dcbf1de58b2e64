import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentileOf } from '../../src/server/api/stats-routes.js';
import { migrations } from '../../src/store/migrations.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { openPostgres, parsePostgresUrl } from '../../src/store/open-postgres.js';
import type { RequestLogRow } from '../../src/store/schema.js';
import { HISTOGRAM_BOUNDS_MS, HISTOGRAM_BUCKETS, LATENCY_COLUMNS, TTFT_COLUMNS } from '../../src/store/stats-columns.js';
import { api, createKey } from '../helpers/admin-api.js';
import { queryRows } from '../helpers/db-query.js';
import { logRow } from '../helpers/log-row.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { freshDatabase, TEST_DIALECT } from '../helpers/test-database.js';

// The instance-wide overview (no workspace, no key) reads stats_minute_all and stats_hour_all: the minute
// and hour rollups without the workspace. They must hold exactly the sums of stats_minute and stats_hour
// over workspaces, whether the log writer kept them (both dialects' writers) or 0009 filled them from a
// database written before it.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const VALUES = ['requests', 'errors', 'cache_hits', 'prompt_tokens', 'completion_tokens', 'cost_cny', 'cost_usd'];
const COLUMNS = [...VALUES, ...LATENCY_COLUMNS, ...TTFT_COLUMNS];
const RANGES = ['1h', '24h', '7d', '30d'] as const;
/** How far back each range reaches safely (its oldest bucket starts a little earlier). */
const REACH: Record<(typeof RANGES)[number], number> = { '1h': 59 * MINUTE, '24h': 23.5 * HOUR, '7d': 6.9 * DAY, '30d': 29.5 * DAY };

/** Rows of `table` summed over workspaces (`grouped`), or as stored, in one order; money rounded to 1e-9. */
async function rollupRows(db: Pick<OpenedDatabase, 'db'>, table: string, bucket: string, grouped: boolean): Promise<unknown[]> {
  const dims = `${bucket}, model, provider`;
  const cols = COLUMNS.map((c) => (grouped ? `sum(${c}) as ${c}` : c)).join(', ');
  const rows = await queryRows(db, `select ${dims}, ${cols} from ${table} ${grouped ? `group by ${dims}` : ''} order by ${dims}`);
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v])));
}

async function expectSumsOverWorkspaces(db: Pick<OpenedDatabase, 'db'>): Promise<void> {
  for (const [all, by, bucket] of [
    ['stats_minute_all', 'stats_minute', 'minute'],
    ['stats_hour_all', 'stats_hour', 'hour'],
  ]) {
    const want = await rollupRows(db, by, bucket, true);
    expect(want.length, by).toBeGreaterThan(0);
    expect(await rollupRows(db, all, bucket, false), all).toEqual(want);
  }
}

describe('instance-wide stats rollups kept by the log writer', () => {
  let baimo: TestBaimo;
  const ws: string[] = [];
  const rows: RequestLogRow[] = [];
  /** Age of each row (ms before the minute the rows were made in). */
  const age = new Map<RequestLogRow, number>();

  beforeAll(async () => {
    baimo = await startBaimo({});
    for (const name of ['all A', 'all B', 'all C']) {
      const id = (await api(baimo, 'POST', '/api/workspaces', { name })).body.id as string;
      ws.push(id);
    }
    const keys = [];
    for (const id of ws) keys.push((await createKey(baimo, { name: 'k' }, id)).id);
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE;
    // Ages across every range (and one in none); models and providers shared between workspaces, so
    // their rows meet in one instance-wide row; a null provider stores as ''.
    const ages = [2 * MINUTE, 7 * MINUTE, 30 * MINUTE, 5 * HOUR, 20 * HOUR, 3 * DAY, 5 * DAY, 12 * DAY, 25 * DAY, 40 * DAY];
    const models = ['chat', 'other', 'third'];
    const providers = ['fake', 'p2', null];
    for (let i = 0; i < 600; i++) {
      const w = i % 3;
      const ago = ages[(i * 7) % ages.length];
      const usd = i % 4 === 0;
      const r = logRow({
        id: `req_all_${i}`,
        created_at: minute - ago + ((i * 977) % MINUTE),
        workspace_id: ws[w],
        key_id: i % 5 === 0 ? null : keys[w],
        model_requested: models[Math.floor(i / 3) % 3],
        provider: providers[(i >> 1) % 3],
        status: i % 11 === 0 ? 500 : 200,
        cache_hit: i % 13 === 0 ? 1 : 0,
        prompt_tokens: 10 + (i % 17),
        completion_tokens: i % 23,
        cost: usd ? (i % 9) / 64 : (i % 7) / 32,
        currency: usd ? 'USD' : 'CNY',
        cost_cny: usd ? ((i % 9) / 64) * 8 : (i % 7) / 32,
        latency_ms: (i * 131) % 40_000,
        ttft_ms: i % 3 === 0 ? null : (i * 53) % 9_000,
        stream: i % 3 === 0 ? 0 : 1,
      });
      rows.push(r);
      age.set(r, ago);
    }
    // In batches, as the writer gets them.
    for (let i = 0; i < rows.length; i += 150) await baimo.runtime.logs.insertMany(rows.slice(i, i + 150));
  });
  afterAll(async () => {
    await baimo?.close();
  });

  const overview = async (range: string, workspace?: string) => {
    const r = await api(baimo, 'GET', `/api/stats/overview?range=${range}${workspace ? `&workspace_id=${workspace}` : ''}`);
    expect(r.status, `${range} ${workspace ?? ''}`).toBe(200);
    return r.body;
  };

  it('hold the sums of stats_minute and stats_hour over workspaces (pruned minutes alike)', async () => {
    await expectSumsOverWorkspaces(baimo.runtime.database);
    // Minutes are kept 3 days: the writer's first batch pruned its older ones from both minute tables
    // (the sums above would differ if it had pruned one only); hours are kept.
    const hours = await queryRows<{ n: number }>(baimo.runtime.database, 'select sum(requests) as n from stats_hour_all');
    expect(Number(hours[0].n)).toBe(rows.length);
  });

  it('the instance-wide overview equals the sum of the per-workspace overviews', async () => {
    const sumOf = (bodies: any[], pick: (b: any) => any, field: string): number => bodies.reduce((s, b) => s + pick(b)[field], 0);
    for (const range of RANGES) {
      const all = await overview(range);
      const per = await Promise.all(ws.map((w) => overview(range, w)));
      const inRange = rows.filter((r) => age.get(r)! <= REACH[range]);
      expect(all.totals.requests, range).toBe(inRange.length);
      expect(all.series).toHaveLength(per[0].series.length);
      for (const field of ['requests', 'errors', 'cache_hits', 'prompt_tokens', 'completion_tokens']) {
        expect(all.totals[field], `${range} ${field}`).toBe(sumOf(per, (b) => b.totals, field));
        for (let i = 0; i < all.series.length; i++)
          expect(all.series[i][field], `${range} ${field} bucket ${i}`).toBe(sumOf(per, (b) => b.series[i], field));
      }
      for (const field of ['cost_cny', 'cost_usd']) {
        expect(all.totals[field], `${range} ${field}`).toBeCloseTo(
          sumOf(per, (b) => b.totals, field),
          5,
        );
        for (let i = 0; i < all.series.length; i++)
          expect(all.series[i][field], `${range} ${field} bucket ${i}`).toBeCloseTo(
            sumOf(per, (b) => b.series[i], field),
            5,
          );
      }
      // Top models: the per-workspace figures added up.
      const models = new Map<string, { requests: number; tokens: number }>();
      for (const b of per)
        for (const m of b.top_models) {
          const t = models.get(m.model) ?? { requests: 0, tokens: 0 };
          models.set(m.model, { requests: t.requests + m.requests, tokens: t.tokens + m.tokens });
        }
      expect(
        all.top_models.map((m: { model: string; requests: number; tokens: number }) => [m.model, m.requests, m.tokens]),
        range,
      ).toEqual(
        [...models]
          .sort(([ma, a], [mb, b]) => b.requests - a.requests || b.tokens - a.tokens || ma.localeCompare(mb))
          .map(([m, t]) => [m, t.requests, t.tokens]),
      );
      // Percentiles from the summed histograms: what the rows' own latencies give.
      const hist = (ms: Array<number | null>): number[] => {
        const h = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
        for (const v of ms) {
          if (v === null) continue;
          const i = HISTOGRAM_BOUNDS_MS.findIndex((b) => v <= b);
          h[i === -1 ? HISTOGRAM_BUCKETS - 1 : i]++;
        }
        return h;
      };
      const lat = hist(inRange.map((r) => r.latency_ms));
      const ttft = hist(inRange.map((r) => r.ttft_ms));
      expect(all.totals, range).toMatchObject({
        latency_p50_ms: percentileOf(lat, 0.5),
        latency_p95_ms: percentileOf(lat, 0.95),
        ttft_p50_ms: percentileOf(ttft, 0.5),
        ttft_p95_ms: percentileOf(ttft, 0.95),
      });
    }
  });

  it('count traffic outside every workspace (admin token, no key)', async () => {
    const before = (await overview('1h')).totals.requests;
    const at = Date.now() - MINUTE;
    const extra = [0, 1, 2, 3].map((i) =>
      logRow({ id: `req_all_nows_${i}`, created_at: at, provider: i % 2 ? null : 'fake', latency_ms: 40 }),
    );
    await baimo.runtime.logs.insertMany(extra);
    expect((await overview('1h')).totals.requests).toBe(before + 4);
    await expectSumsOverWorkspaces(baimo.runtime.database);
  });
});

/** Opens `location` migrated up to 0008 (before the instance-wide rollups), for `fn` to write in. */
async function atMigration0008(location: string, fn: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  let db: Kysely<unknown>;
  let schema: string | undefined;
  if (TEST_DIALECT === 'postgres') {
    const target = parsePostgresUrl(location);
    db = (await openPostgres(target)).db as unknown as Kysely<unknown>;
    schema = target.schema;
  } else {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(location) }) });
  }
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
    const { error, results } = await migrator.migrateTo('0008_postgres_widen');
    expect(error).toBeUndefined();
    expect(results?.at(-1)?.migrationName).toBe('0008_postgres_widen');
    await fn(db);
  } finally {
    await db.destroy();
  }
}

describe('migration 0009_stats_all', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-stats-all-'));
  const fresh = freshDatabase(dir);
  let baimo: TestBaimo | undefined;
  afterAll(async () => {
    await baimo?.close();
    await fresh.drop();
  });

  it('fills the instance-wide rollups from a database written before it', async () => {
    const hour = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    await atMigration0008(fresh.location, async (db) => {
      // Three workspaces (one of them none: '') on one model and provider, another model in one only.
      const rows: Array<[string, number, string, string, string, number]> = [];
      for (const [table, t] of [
        ['stats_minute', minute],
        ['stats_hour', hour],
      ] as const) {
        rows.push([table, t, 'ws_a', 'chat', 'fake', 3], [table, t, 'ws_b', 'chat', 'fake', 5], [table, t, '', 'chat', 'fake', 7]);
        // And one older row: three days before (hours), a minute before (minutes).
        rows.push(
          [table, t, 'ws_b', 'other', '', 11],
          [table, table === 'stats_hour' ? t - 3 * DAY : t - MINUTE, 'ws_a', 'chat', 'fake', 13],
        );
      }
      for (const [table, t, w, model, provider, n] of rows) {
        const bucket = table === 'stats_hour' ? 'hour' : 'minute';
        await sql
          .raw(
            `insert into ${table} (${bucket}, workspace_id, model, provider, requests, errors, cache_hits, prompt_tokens, completion_tokens,
               cost_cny, cost_usd, lat_2, lat_15, ttft_0)
             values (${t}, '${w}', '${model}', '${provider}', ${n}, ${n % 3}, ${n % 2}, ${n * 100}, ${n * 10}, ${n / 4}, ${n / 32}, ${n - 1}, 1, ${n % 4})`,
          )
          .execute(db);
      }
    });

    await (async () => {
      const opened = await openDatabase(fresh.location);
      try {
        await expectSumsOverWorkspaces(opened);
        const one = await queryRows(
          opened,
          `select requests, errors, cache_hits, prompt_tokens, cost_cny, lat_2, lat_15, ttft_0 from stats_hour_all
           where hour = ${hour} and model = 'chat' and provider = 'fake'`,
        );
        expect(one.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))).toEqual([
          {
            requests: 15,
            errors: 0 + 2 + 1,
            cache_hits: 3,
            prompt_tokens: 1500,
            cost_cny: 15 / 4,
            lat_2: 2 + 4 + 6,
            lat_15: 3,
            ttft_0: 3 + 1 + 3,
          },
        ]);
      } finally {
        await opened.close();
      }
    })();

    // The server on the migrated database: the instance-wide views show the filled rows.
    baimo = await startBaimo({ database: fresh.location });
    const totals = async (range: string) => (await api(baimo!, 'GET', `/api/stats/overview?range=${range}`)).body.totals;
    expect(await totals('1h')).toMatchObject({ requests: 3 + 5 + 7 + 11 + 13, prompt_tokens: 3900, cost_cny: 39 / 4 });
    expect(await totals('24h')).toMatchObject({ requests: 39 });
    expect(await totals('7d')).toMatchObject({ requests: 39, errors: 0 + 2 + 1 + 2 + 1, cache_hits: 1 + 1 + 1 + 1 + 1 });
    expect(await totals('30d')).toMatchObject({ requests: 39, completion_tokens: 390 });
  });
});
