import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { configSchema } from '../src/config/schema.js';
import { Calendar } from '../src/core/calendar.js';
import { startServer } from '../src/server/start-server.js';
import { openDatabase } from '../src/store/open-database.js';
import { RequestLogRepository, type LogQuery } from '../src/store/request-log-repository.js';
import type { Database, RequestLogRow } from '../src/store/schema.js';

/**
 * `npm run bench:logs`: the logs query API over a large request log on SQLite.
 *
 * Seeds a temp database (migrations by `openDatabase`; rows and daily rollups through the log
 * writer's prepared-INSERT path, 50k rows a transaction): 30 days from 20 workspaces (one big), 200
 * apps, 2000 keys, 30 models, ~3% errors, 10% streams, 2% cache hits. Runs ANALYZE, starts the real
 * server on the file and times sequential GET /api/logs and /api/usage (admin token) after a warm-up.
 * Prints a markdown table; exits 1 when a p95 is over the target, printing the slow queries' plans.
 *
 * Env: BENCH_ROWS=1000000  BENCH_REQUESTS=100 (per query)  BENCH_WARMUP=10  BENCH_P95_MS=100
 *   BENCH_DB=path     use (seed if empty) and keep this database instead of a temp one
 *   BENCH_ANALYZE=analyze|optimize|none  statistics: ANALYZE; `PRAGMA optimize` as a server could run
 *                     it on open (analysis_limit=400); none (drops them: what the server sees today)
 *   BENCH_EXPLAIN=1   print every logs query plan        BENCH_ONLY=text  only queries named so
 */

const ROWS = num('BENCH_ROWS', 1_000_000);
const REQUESTS = num('BENCH_REQUESTS', 100);
const WARMUP = num('BENCH_WARMUP', 10);
const TARGET_MS = num('BENCH_P95_MS', 100);
const ANALYZE = process.env.BENCH_ANALYZE ?? 'analyze';
const EXPLAIN_ALL = process.env.BENCH_EXPLAIN === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
const BATCH = 50_000;
const DAYS = 30;
const DAY_MS = 86_400_000;
const USD_CNY = 7.2;
const TOKEN = 'sk-baimo-bench-admin-token';

function num(name: string, def: number): number {
  const n = Number(process.env[name] || def);
  if (!(n > 0)) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

// Deterministic data: mulberry32, so runs are comparable.
let seed = 20_260_101;
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** Roughly normal (sum of three uniforms), mean 0, sd 1. */
const gauss = (): number => (rand() + rand() + rand() - 1.5) * 2;

/** Picks an index with probability proportional to `weights`. */
function picker(weights: number[]): () => number {
  const cum: number[] = [];
  let sum = 0;
  for (const w of weights) cum.push((sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    for (let hi = cum.length - 1; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const zipf = (n: number, s = 1): number[] => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

// Most used first: [name, provider, upstream model, input and output price per million tokens, currency].
type Model = [string, string, string, number, number, 'CNY' | 'USD'];
const MODELS: Model[] = [
  ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat', 2, 8, 'CNY'],
  ['qwen/qwen-plus', 'qwen', 'qwen-plus', 0.8, 2, 'CNY'],
  ['chat', 'deepseek', 'deepseek-chat', 2, 8, 'CNY'],
  ['fast', 'qwen', 'qwen-turbo', 0.3, 0.6, 'CNY'],
  ['deepseek/deepseek-reasoner', 'deepseek', 'deepseek-reasoner', 4, 16, 'CNY'],
  ['qwen/qwen-max', 'qwen', 'qwen-max', 2.4, 9.6, 'CNY'],
  ['moonshot/kimi-k2-0905-preview', 'moonshot', 'kimi-k2-0905-preview', 4, 16, 'CNY'],
  ['zhipu/glm-4.5', 'zhipu', 'glm-4.5', 2, 8, 'CNY'],
  ['qwen/qwen-turbo', 'qwen', 'qwen-turbo', 0.3, 0.6, 'CNY'],
  ['smart', 'qwen', 'qwen-max', 2.4, 9.6, 'CNY'],
  ['doubao/doubao-seed-1.6', 'doubao', 'doubao-seed-1-6-250615', 0.8, 8, 'CNY'],
  ['openai/gpt-4o-mini', 'openai', 'gpt-4o-mini', 0.15, 0.6, 'USD'],
  ['qwen/text-embedding-v3', 'qwen', 'text-embedding-v3', 0.5, 0, 'CNY'],
  ['reasoning', 'deepseek', 'deepseek-reasoner', 4, 16, 'CNY'],
  ['zhipu/glm-4-flash', 'zhipu', 'glm-4-flash', 0, 0, 'CNY'],
  ['code', 'qwen', 'qwen3-coder-plus', 4, 16, 'CNY'],
  ['qwen/qwen3-coder-plus', 'qwen', 'qwen3-coder-plus', 4, 16, 'CNY'],
  ['openai/gpt-4o', 'openai', 'gpt-4o', 2.5, 10, 'USD'],
  ['moonshot/moonshot-v1-8k', 'moonshot', 'moonshot-v1-8k', 2, 10, 'CNY'],
  ['embed', 'qwen', 'text-embedding-v3', 0.5, 0, 'CNY'],
  ['doubao/doubao-1.5-lite-32k', 'doubao', 'doubao-1-5-lite-32k-250115', 0.3, 0.6, 'CNY'],
  ['qwen/qwen-long', 'qwen', 'qwen-long', 0.5, 2, 'CNY'],
  ['anthropic/claude-sonnet-4', 'anthropic', 'claude-sonnet-4-20250514', 3, 15, 'USD'],
  ['cheap', 'zhipu', 'glm-4-flash', 0, 0, 'CNY'],
  ['minimax/MiniMax-M1', 'minimax', 'MiniMax-M1', 0.8, 8, 'CNY'],
  ['ollama/qwen2.5:7b', 'ollama', 'qwen2.5:7b', 0, 0, 'CNY'],
  ['hunyuan/hunyuan-turbos-latest', 'hunyuan', 'hunyuan-turbos-latest', 0.8, 2, 'CNY'],
  ['long', 'moonshot', 'moonshot-v1-128k', 10, 30, 'CNY'],
  ['vllm/Qwen3-32B', 'vllm', 'Qwen/Qwen3-32B', 0, 0, 'CNY'],
  ['baichuan/Baichuan4-Turbo', 'baichuan', 'Baichuan4-Turbo', 15, 15, 'CNY'],
];
const pickModel = picker(zipf(MODELS.length, 1.1));

// Tenancy: ws_00 is the big workspace (40% of traffic, 40 apps, 400 keys); the rest share 60% by Zipf.
const WORKSPACES = Array.from({ length: 20 }, (_, i) => `ws_${String(i).padStart(2, '0')}`);
const wsOf = (n: number, bigShare: number): number => (n < bigShare ? 0 : 1 + ((n - bigShare) % 19));
const APPS = Array.from({ length: 200 }, (_, i) => ({ id: `app_${String(i).padStart(3, '0')}`, ws: wsOf(i, 40) }));
const appsByWs = WORKSPACES.map((_, w) => APPS.filter((a) => a.ws === w));
const KEYS = Array.from({ length: 2000 }, (_, k) => {
  const ws = wsOf(k, 400);
  const apps = appsByWs[ws];
  // One key in ten belongs to no app; each key has a main model and a second one.
  const app = k % 10 === 9 ? null : apps[k % apps.length].id;
  return { id: `key_${String(k).padStart(4, '0')}`, ws, app, main: pickModel(), second: pickModel() };
});
const keysByWs = WORKSPACES.map((_, w) => KEYS.filter((k) => k.ws === w));
const pickWs = picker([40, ...zipf(19).map((w, _, all) => (60 * w) / all.reduce((a, b) => a + b))]);
const keyPickers = keysByWs.map((ks) => picker(zipf(ks.length)));
const PROCESSES = ['3f9a1c02b7de', '8e41d0a97c53', 'c27b6f1e04a8'];

const NOW = Date.now() - 60_000;
const START = NOW - DAYS * DAY_MS;
/** Where the seeded days begin (an older run's, when BENCH_DB is reused). */
let dataStart = START;

/** Row `i` of `n`: time ascends over 30 days with a few seconds of jitter. */
function makeRow(i: number, n: number): RequestLogRow {
  const t = Math.round(START + ((i + 0.5) * (NOW - START)) / n + (rand() - 0.5) * 4000);
  const ws = pickWs();
  const key = keysByWs[ws][keyPickers[ws]()];
  const r = rand();
  const m = MODELS[r < 0.7 ? key.main : r < 0.9 ? key.second : pickModel()];
  const embeddings = m[2].startsWith('text-embedding');
  const s = rand();
  const status = s < 0.015 ? 429 : s < 0.023 ? 500 : s < 0.0298 ? 502 : s < 0.03 ? 401 : 200; // 401: a revoked provider key
  const limited = status === 429 && rand() < 0.5; // baimo's own limiter: no upstream call
  const ok = status === 200;
  const hit = ok && !embeddings && rand() < 0.02;
  const stream = !embeddings && rand() < 0.1;
  const prompt = ok ? Math.min(64_000, Math.round(Math.exp(6.4 + gauss()))) : 0;
  const completion = ok && !embeddings ? Math.min(8000, Math.round(Math.exp(5.5 + 0.8 * gauss()))) : 0;
  const cost = hit ? 0 : (prompt * m[3] + completion * m[4]) / 1e6;
  const latency = hit ? 2 + Math.round(rand() * 8) : ok ? Math.round(250 + completion * (12 + rand() * 30)) : Math.round(rand() * 3000);
  return {
    id: `req_${t.toString(36)}${PROCESSES[i % 3]}${(i + 1).toString(36).padStart(7, '0')}`,
    created_at: t,
    key_id: key.id,
    workspace_id: WORKSPACES[ws],
    app_id: key.app,
    endpoint: embeddings ? 'embeddings' : 'chat',
    model_requested: m[0],
    provider: limited ? null : m[1],
    upstream_model: limited ? null : m[2],
    attempts: limited || hit ? 0 : status === 502 ? 3 : 1,
    status,
    error_type: ok
      ? null
      : status === 429
        ? 'rate_limit_error'
        : status === 500
          ? 'server_error'
          : status === 401
            ? 'authentication_error'
            : 'upstream_error',
    error_message: ok ? null : status === 429 ? 'Rate limit reached: 60 requests per minute.' : `Upstream ${m[1]} failed: HTTP ${status}`,
    prompt_tokens: prompt,
    completion_tokens: completion,
    cached_tokens: ok && rand() < 0.2 ? Math.floor(prompt * rand() * 0.8) : 0,
    estimated: stream && rand() < 0.1 ? 1 : 0,
    cost,
    currency: ok ? m[5] : null,
    cost_cny: m[5] === 'USD' ? cost * USD_CNY : cost,
    latency_ms: latency,
    ttft_ms: stream && ok ? Math.min(latency, Math.round(200 + rand() * 1500)) : null,
    stream: stream ? 1 : 0,
    finish_reason: ok && !embeddings ? (rand() < 0.03 ? 'length' : rand() < 0.05 ? 'tool_calls' : 'stop') : null,
    cache_hit: hit ? 1 : 0,
    session_id: rand() < 0.3 ? `sess_${key.id}_${Math.floor(t / 3_600_000)}` : null,
    user_id: rand() < 0.5 ? `user_${Math.floor(rand() * 5000)}` : null,
    client_ip: `10.${key.ws}.${Number(key.id.slice(4)) % 256}.${1 + (i % 250)}`,
    request_body: null,
    response_body: null,
  };
}

/** Seeds (unless the file already holds rows), gathers statistics, prints the size; returns the row count. */
async function prepareDatabase(path: string): Promise<number> {
  const { db, sqlite, close } = await openDatabase(path);
  const have = (sqlite.prepare('select count(*) n from request_logs').get() as { n: number }).n;
  if (have > 0) {
    log(`Reusing ${path}: ${have.toLocaleString('en')} rows`);
    dataStart = (sqlite.prepare('select min(created_at) t from request_logs').get() as { t: number }).t;
  } else {
    const repo = new RequestLogRepository(db, sqlite, { calendar: new Calendar('Asia/Shanghai'), usdToCny: USD_CNY });
    const t0 = performance.now();
    for (let i = 0; i < ROWS; i += BATCH) {
      const rows: RequestLogRow[] = [];
      for (let j = i; j < Math.min(ROWS, i + BATCH); j++) rows.push(makeRow(j, ROWS));
      await repo.insertMany(rows);
      process.stdout.write(`\r  seeding ${Math.min(ROWS, i + BATCH).toLocaleString('en')} / ${ROWS.toLocaleString('en')}`);
    }
    const s = (performance.now() - t0) / 1000;
    log(
      `\nSeeded ${ROWS.toLocaleString('en')} rows and their rollups in ${s.toFixed(1)} s (${Math.round(ROWS / s).toLocaleString('en')} rows/s)`,
    );
  }
  const t1 = performance.now();
  if (ANALYZE === 'none') sqlite.exec('drop table if exists sqlite_stat1; drop table if exists sqlite_stat4');
  else if (ANALYZE === 'optimize') sqlite.exec('pragma analysis_limit = 400; pragma optimize = 0x10002');
  else sqlite.exec('analyze');
  log(`Statistics (${ANALYZE}): ${(performance.now() - t1).toFixed(0)} ms`);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const rollups = (sqlite.prepare('select count(*) n from usage_rollup').get() as { n: number }).n;
  log(`Database: ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB (${rollups.toLocaleString('en')} usage_rollup rows)`);
  await close();
  return have || ROWS;
}

type Params = () => Record<string, string>;
interface Query {
  name: string;
  path: '/api/logs' | '/api/usage';
  params: Params;
  /** Follow next_cursor this many pages deep, timing only the pages after the first. */
  walk?: number;
}
const logs = (name: string, params: Params, walk?: number): Query => ({ name, path: '/api/logs', params, walk });
const usage = (name: string, params: Params): Query => ({ name, path: '/api/usage', params });

const [BIG, SMALL] = [WORKSPACES[0], WORKSPACES[19]];
const anyKey = picker(KEYS.map((k) => 1 / (1 + (Number(k.id.slice(4)) % 100)))); // busy keys more often, idle ones too
const oneDay = (): Record<string, string> => {
  const from = dataStart + (10 + Math.floor(rand() * 10)) * DAY_MS;
  return { from: String(from), to: String(from + DAY_MS) };
};
const popularModel = (): string => MODELS[Math.floor(rand() * 10)][0];

const QUERIES = [
  logs('newest page (no filter)', () => ({})),
  logs('limit=200', () => ({ limit: '200' })),
  logs('workspace (big, 40%)', () => ({ workspace_id: BIG })),
  logs('workspace (small, <1%)', () => ({ workspace_id: SMALL })),
  logs('key', () => ({ key_id: KEYS[anyKey()].id })),
  logs('app', () => ({ app_id: APPS[Math.floor(rand() * APPS.length)].id })),
  logs('model (any of 30)', () => ({ model: MODELS[pickModel()][0] })),
  logs('status=error', () => ({ status: 'error' })),
  logs('status=500', () => ({ status: '500' })),
  logs('status=401 (rare code)', () => ({ status: '401' })),
  logs('one day in the middle', oneDay),
  logs('big workspace + model + status=error', () => ({ workspace_id: BIG, model: popularModel(), status: 'error' })),
  logs('small workspace + model + status=error', () => ({ workspace_id: SMALL, model: popularModel(), status: 'error' })),
  logs('big workspace + status=401', () => ({ workspace_id: BIG, status: '401' })),
  logs('big workspace + one day', () => ({ workspace_id: BIG, ...oneDay() })),
  logs('status=error + one day', () => ({ status: 'error', ...oneDay() })),
  logs('key + status=error', () => ({ key_id: KEYS[anyKey()].id, status: 'error' })),
  logs('cursor pages 2-20 (no filter)', () => ({}), 20),
  logs('cursor pages 2-20 (big workspace + status=error)', () => ({ workspace_id: BIG, status: 'error' }), 20),
  usage('usage group_by=model (30 days)', () => ({ group_by: 'model' })),
  usage('usage group_by=day (30 days)', () => ({ group_by: 'day' })),
  usage('usage group_by=key (big workspace, 30 days)', () => ({ group_by: 'key', workspace_id: BIG })),
].filter((q) => q.name.includes(ONLY));

interface Result {
  query: Query;
  /** Latencies, sorted. */
  ms: number[];
  rows: number;
  /** The parameters of the slowest request, to explain. */
  slowest: Record<string, string>;
}

async function measure(base: string, q: Query): Promise<Result> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const ms: number[] = [];
  let rows = 0;
  let slowest: Record<string, string> = {};
  let cursor: string | null = null;
  let depth = 0;
  for (let i = 0; ms.length < REQUESTS; i++) {
    const params = q.params();
    if (q.walk && cursor && depth < q.walk) params.cursor = cursor;
    else depth = 0;
    const url = `${base}${q.path}?${new URLSearchParams(params)}`;
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    const body = (await res.json()) as { data: unknown[]; next_cursor?: string | null };
    const t = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    depth++;
    if (q.walk) cursor = body.next_cursor ?? null;
    if (i < WARMUP || (q.walk && !params.cursor)) continue;
    if (t > Math.max(0, ...ms)) slowest = params;
    ms.push(t);
    rows += body.data.length;
  }
  return { query: q, ms: ms.sort((a, b) => a - b), rows: rows / ms.length, slowest };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  log(line(head));
  log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) log(line(b));
}

/** The LogQuery the route builds from these parameters (admin: no scope). */
function toLogQuery(p: Record<string, string>): LogQuery {
  const n = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const [at, id] = Buffer.from(p.cursor ?? '', 'base64url')
    .toString()
    .split(/\.(.*)/s);
  const status = p.status === 'error' || p.status === 'ok' ? p.status : n(p.status);
  const { workspace_id: workspaceId, key_id: keyId, app_id: appId, model } = p;
  const cursor = at ? { createdAt: Number(at), id } : undefined;
  return { workspaceId, keyId, appId, model, status, from: n(p.from), to: n(p.to), limit: n(p.limit) ?? 50, cursor };
}

/** Runs the repository query in this process, capturing its SQL, and prints SQLite's plan and time. */
async function explain(sqlite: SQLite.Database, r: Result): Promise<void> {
  let captured: CompiledQuery | undefined;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => void (captured = e.query) });
  const t0 = performance.now();
  await new RequestLogRepository(db, sqlite).query(toLogQuery(r.slowest));
  const t = performance.now() - t0;
  if (!captured) return;
  const plan = sqlite.prepare(`explain query plan ${captured.sql}`).all(...(captured.parameters as unknown[])) as { detail: string }[];
  log(`\n${r.query.name} — ${JSON.stringify(r.slowest)} (${t.toFixed(1)} ms in process)`);
  log(`  ${captured.sql}`);
  for (const p of plan) log(`    ${p.detail}`);
}

async function main(): Promise<void> {
  const keep = process.env.BENCH_DB;
  const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'baimo-bench-logs-'));
  const path = keep ?? join(dir!, 'baimo.db');
  try {
    const rows = await prepareDatabase(path);
    const config = configSchema.parse({ host: '127.0.0.1', port: 0, database: path, discover_env: false, logging: { level: 'silent' } });
    const server = await startServer(config, { env: { BAIMO_ADMIN_TOKEN: TOKEN }, announce: () => undefined, logLevel: 'silent' });
    const results: Result[] = [];
    try {
      for (const q of QUERIES) {
        process.stdout.write(`  ${q.name} … `);
        const r = await measure(server.url, q);
        results.push(r);
        log(`p95 ${pct(r.ms, 95).toFixed(1)} ms`);
      }
    } finally {
      await server.close();
    }

    log(`\nGET latency over ${rows.toLocaleString('en')} log rows, sequential fetch, ${REQUESTS} requests each after ${WARMUP} warm-up:\n`);
    const slow: Result[] = [];
    printTable(
      ['query', 'rows/page', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      results.map((r) => {
        if (pct(r.ms, 95) > TARGET_MS) slow.push(r);
        const name = `${r.query.path === '/api/usage' ? '' : 'logs: '}${r.query.name}`;
        return [name, r.rows.toFixed(0), ...[50, 95, 99, 100].map((p) => pct(r.ms, p).toFixed(1))];
      }),
    );

    const toExplain = results.filter((r) => r.query.path === '/api/logs' && (EXPLAIN_ALL || slow.includes(r)));
    if (toExplain.length > 0) {
      const { sqlite, close } = await openDatabase(path);
      for (const r of toExplain) await explain(sqlite, r);
      await close();
    }
    if (slow.length > 0) {
      log(`\nFAIL: p95 over ${TARGET_MS} ms: ${slow.map((r) => r.query.name).join(', ')}`);
      process.exitCode = 1;
    } else {
      log(`\nPASS: every p95 ≤ ${TARGET_MS} ms`);
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
