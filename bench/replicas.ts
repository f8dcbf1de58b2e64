import { loadavg } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { compileServers } from './compile.js';
import { killAll, startProcess, type ServerProcess } from './processes.js';
import { median } from './report.js';
import { runLoad } from './run-autocannon.js';

/**
 * `npm run bench:replicas`: the cluster mode on this machine. Two baimo replicas (`serve`) on one
 * PostgreSQL schema and one Redis, in front of one fake upstream:
 *  - throughput: interleaved flat-out runs against replica A alone, then A and B at once (the connections
 *    split between them); the aggregate over the single replica, per cycle;
 *  - limit exactness: a key with an RPM limit created through A, hammered through A and B at once; the
 *    number of 200s across both must equal the limit exactly (one Redis token bucket for the cluster).
 *
 * Env: BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test  BENCH_REDIS_URL=redis://127.0.0.1:6379
 *      BENCH_ROUNDS=5  BENCH_ROUND_SECONDS=3  BENCH_CONNECTIONS=50  BENCH_RPM=500
 */

const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const RPM = Number(process.env.BENCH_RPM || 500);
const TOKEN = 'sk-baimo-bench-admin-token';
const PATH = '/v1/chat/completions';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好，介绍一下你自己' }] });
const SCHEMA = `bench_replicas_${process.pid}`;

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

async function dropSchema(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop schema if exists "${SCHEMA}" cascade`);
  await c.end();
}

async function main(): Promise<void> {
  log(
    `Replicas: 2 × baimo on PostgreSQL (${SCHEMA}) + Redis; ${ROUNDS} cycles of ${SECONDS}s; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const scripts = compileServers();
  const started: ServerProcess[] = [];
  const dirs: string[] = [];
  try {
    const upstream = await startProcess('fake upstream', join(scripts, 'fake-upstream.js'), {});
    started.push(upstream);
    const replica = async (name: string): Promise<{ s: ServerProcess; key: Record<string, string> }> => {
      const dir = mkdtempSync(join(tmpdir(), 'baimo-replica-'));
      dirs.push(dir);
      const s = await startProcess(name, join(scripts, 'baimo-server.js'), {
        UPSTREAM_URL: upstream.url,
        BAIMO_BENCH_TMP: dir,
        BAIMO_ADMIN_TOKEN: TOKEN,
        BENCH_DATABASE_URL: `${PG_URL}?schema=${SCHEMA}`,
        BENCH_REDIS_URL: REDIS_URL,
        BAIMO_MASTER_KEY: '5a'.repeat(32),
      });
      started.push(s);
      return { s, key: { ...HEADERS, authorization: `Bearer ${readFileSync(join(dir, 'bench-key.txt'), 'utf8').trim()}` } };
    };
    const a = await replica('replica A');
    const b = await replica('replica B');
    for (const r of [a, b]) await runLoad({ url: r.s.url + PATH, headers: r.key, body: BODY, connections: CONNECTIONS, seconds: 2 });

    const single: number[] = [];
    const both: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const one = await runLoad({ url: a.s.url + PATH, headers: a.key, body: BODY, connections: CONNECTIONS, seconds: SECONDS });
      const [x, y] = await Promise.all(
        [a, b].map((r) => runLoad({ url: r.s.url + PATH, headers: r.key, body: BODY, connections: CONNECTIONS / 2, seconds: SECONDS })),
      );
      single.push(one.rps);
      both.push(x.rps + y.rps);
      log(
        `  cycle ${i + 1}: A alone ${Math.round(one.rps)} req/s; A+B ${Math.round(x.rps + y.rps)} req/s (${Math.round(x.rps)} + ${Math.round(y.rps)})`,
      );
    }

    // One RPM limit for the cluster: create the key through A, send through A and B at once.
    // A token bucket: RPM at once, then RPM/60 per second; so a run of t seconds may answer RPM + RPM·t/60.
    const exact: Array<{ limit: number; ok: number; refused: number; allowed: number }> = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${a.s.url}/api/workspaces/ws_default/keys`, {
        method: 'POST',
        headers: HEADERS,
        body: JSON.stringify({ name: `rpm ${i}`, rpm: RPM }),
      });
      const { key } = (await res.json()) as { key: string };
      const h = { ...HEADERS, authorization: `Bearer ${key}` };
      const t0 = performance.now();
      const [x, y] = await Promise.all(
        [a, b].map((r) => runLoad({ url: r.s.url + PATH, headers: h, body: BODY, connections: 10, seconds: 2 })),
      );
      const elapsed = (performance.now() - t0) / 1000;
      const ok = (x.statuses['200'] ?? 0) + (y.statuses['200'] ?? 0);
      const refused = (x.statuses['429'] ?? 0) + (y.statuses['429'] ?? 0);
      const allowed = Math.floor(RPM + (RPM * elapsed) / 60);
      exact.push({ limit: RPM, ok, refused, allowed });
      log(
        `  RPM ${RPM} key ${i + 1}: ${ok} answered (A ${x.statuses['200'] ?? 0}, B ${y.statuses['200'] ?? 0}) in ${elapsed.toFixed(2)} s; the bucket allows ${allowed}; ${refused} refused with 429`,
      );
    }

    log();
    log('| figure | value |');
    log('| --- | ---: |');
    log(`| replica A alone, req/s (median) | ${Math.round(median(single))} |`);
    log(`| A + B at once, req/s (median) | ${Math.round(median(both))} |`);
    log(`| aggregate / single (median of cycles) | ${median(both.map((x, i) => x / single[i])).toFixed(3)} |`);
    log(`| RPM limit ${RPM} across both: answered / allowed by the bucket | ${exact.map((e) => `${e.ok} / ${e.allowed}`).join(', ')} |`);
    log(`| RSS after, MB (A, B) | ${Math.round((await a.s.stats()).rss / 1048576)}, ${Math.round((await b.s.stats()).rss / 1048576)} |`);
    if (exact.some((e) => e.ok < e.limit || e.ok > e.allowed)) {
      log(`FAIL: the cluster answered fewer than ${RPM} or more than the bucket allows for an RPM ${RPM} key`);
      process.exitCode = 1;
    }
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    killAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropSchema().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  killAll();
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
