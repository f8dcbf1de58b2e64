import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { killAll, startProcess, type ProcessStats, type ServerProcess } from './processes.js';
import { runLoad, type LoadResult } from './run-autocannon.js';

/**
 * `npm run bench:gateway`: the cost of baimo on the request path.
 *
 * Starts a fake OpenAI upstream, a bare Fastify + undici pass-through proxy and baimo itself, each in
 * its own process, and drives each with autocannon from this process (50 keep-alive connections,
 * POST /v1/chat/completions). Prints throughput and latency side by side, baimo's RSS, and checks
 * that baimo logged every request to SQLite.
 *
 * Env: BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_CONNECTIONS (50), BENCH_STREAM=1 (add SSE runs),
 * BENCH_PROFILE=1 or a list of baimo,bare (write a --cpu-prof of those server processes), BENCH_ONLY=upstream,bare,baimo
 * (which scenarios to run).
 */

const SECONDS = num('BENCH_SECONDS', 10);
const WARMUP = num('BENCH_WARMUP', 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const STREAM = process.env.BENCH_STREAM === '1';
const PROFILE = new Set(
  (process.env.BENCH_PROFILE ?? '')
    .split(',')
    .map((s) => (s.trim() === '1' ? 'baimo' : s.trim()))
    .filter(Boolean),
);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'upstream,bare,baimo').split(',').map((s) => s.trim()));

const TOKEN = 'sk-baimo-bench-admin-token';
const PATH = '/v1/chat/completions';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好，介绍一下你自己' }] });
const STREAM_BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好，介绍一下你自己' }], stream: true });

const TARGETS = { ratio: 0.75, p99AddedMs: 5, rssMiB: 150 };

interface Row {
  name: string;
  stream: boolean;
  r: LoadResult;
  /** CPU time the server process spent per completed request during the measured run, µs. */
  cpuPerReq: number;
  /** The server's worst event-loop delay during the measured run, ms. */
  loopMaxMs: number;
}

function num(name: string, def: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
  return n;
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

/** One request by hand first: a broken setup should fail loudly, not as 100% non-2xx. */
async function smoke(name: string, url: string, stream: boolean): Promise<void> {
  const res = await fetch(url + PATH, { method: 'POST', headers: HEADERS, body: stream ? STREAM_BODY : BODY });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${name}: smoke request answered ${res.status}: ${text.slice(0, 500)}`);
  if (stream ? !text.includes('data: [DONE]') : !(JSON.parse(text) as { choices?: unknown[] }).choices?.length) {
    throw new Error(`${name}: unexpected smoke answer: ${text.slice(0, 500)}`);
  }
}

/** Smoke, warm-up, measured run. Returns the measured result and how many 2xx answers the client got in all. */
async function measure(name: string, server: ServerProcess, stream: boolean): Promise<{ row: Row; answered: number }> {
  await smoke(name, server.url, stream);
  const opts = { url: server.url + PATH, headers: HEADERS, body: stream ? STREAM_BODY : BODY, connections: CONNECTIONS };
  process.stdout.write(`  ${name}${stream ? ' (stream)' : ''}: warm-up ${WARMUP}s … `);
  const warm = await runLoad({ ...opts, seconds: WARMUP });
  process.stdout.write(`measuring ${SECONDS}s … `);
  const before = await server.stats();
  const r = await runLoad({ ...opts, seconds: SECONDS });
  const after = await server.stats();
  log(`${Math.round(r.rps)} req/s`);
  await sleep(300);
  const cpuPerReq = (after.cpuMicros - before.cpuMicros) / Math.max(1, r.ok + r.non2xx);
  return { row: { name, stream, r, cpuPerReq, loopMaxMs: after.loopMaxMs }, answered: 1 + warm.ok + r.ok };
}

function profileDirFor(name: string): string | undefined {
  return PROFILE.has(name) ? mkdtempSync(join(tmpdir(), `baimo-bench-prof-${name}-`)) : undefined;
}

function profileArgs(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', '--cpu-prof-dir', dir] : [];
}

function mib(bytes: number): number {
  return bytes / (1024 * 1024);
}

function table(rows: Row[]): void {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'avg ms', 'max ms', '2xx', 'non-2xx', 'errors', 'server CPU µs/req', 'server loop max ms'];
  const body = rows.map(({ name, stream, r, cpuPerReq, loopMaxMs }) => [
    `${name}${stream ? ' (stream)' : ''}`,
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    r.avg.toFixed(2),
    r.max.toFixed(0),
    String(r.ok),
    String(r.non2xx),
    String(r.errors + r.timeouts),
    cpuPerReq.toFixed(0),
    loopMaxMs.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  log(line(head));
  log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) log(line(b));
}

function verdict(ok: boolean, text: string): void {
  log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
}

function compare(rows: Row[], stream: boolean): void {
  const bare = rows.find((r) => r.name === 'bare proxy' && r.stream === stream)?.r;
  const baimo = rows.find((r) => r.name === 'baimo' && r.stream === stream)?.r;
  if (!bare || !baimo) return;
  const tag = stream ? ' (stream)' : '';
  const ratio = baimo.rps / bare.rps;
  const added = baimo.p99 - bare.p99;
  verdict(ratio >= TARGETS.ratio, `throughput${tag}: baimo / bare proxy = ${ratio.toFixed(2)} (target ≥ ${TARGETS.ratio})`);
  verdict(added <= TARGETS.p99AddedMs, `p99 added${tag}: ${added >= 0 ? '+' : ''}${added.toFixed(0)} ms over the bare proxy (target ≤ ${TARGETS.p99AddedMs} ms)`);
}

function countLogs(dbPath: string): { total: number; ok: number; byStatus: Record<string, number> } {
  const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select status, count(*) as n from request_logs group by status').all() as Array<{ status: number; n: number }>;
    const byStatus = Object.fromEntries(rows.map((r) => [String(r.status), r.n]));
    return { total: rows.reduce((s, r) => s + r.n, 0), ok: byStatus['200'] ?? 0, byStatus };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const cpu = cpus();
  log(`baimo gateway benchmark — ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
  log(`${CONNECTIONS} connections, warm-up ${WARMUP}s, measured ${SECONDS}s, POST ${PATH} ${BODY}`);
  log();

  const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-'));
  const rows: Row[] = [];
  const modes = STREAM ? [false, true] : [false];
  let upstream: ServerProcess | undefined;
  let bare: ServerProcess | undefined;
  let baimo: ServerProcess | undefined;
  let memory: ProcessStats | undefined;
  let answered = 0;
  try {
    upstream = await startProcess('fake upstream', 'fake-upstream', {});
    if (ONLY.has('upstream')) for (const s of modes) rows.push((await measure('upstream direct', upstream, s)).row);

    if (ONLY.has('bare')) {
      const profileDir = profileDirFor('bare');
      bare = await startProcess('bare proxy', 'bare-proxy', { UPSTREAM_URL: upstream.url }, profileArgs(profileDir));
      for (const s of modes) rows.push((await measure('bare proxy', bare, s)).row);
      await bare.stop();
      if (profileDir) log(`  CPU profile of the bare proxy written to ${profileDir}`);
    }

    if (ONLY.has('baimo')) {
      const profileDir = profileDirFor('baimo');
      baimo = await startProcess('baimo', 'baimo-server', { UPSTREAM_URL: upstream.url, BENCH_DIR: dir, BAIMO_ADMIN_TOKEN: TOKEN }, profileArgs(profileDir));
      for (const s of modes) {
        const m = await measure('baimo', baimo, s);
        rows.push(m.row);
        answered += m.answered;
      }
      memory = await baimo.stats();
      await baimo.stop();
      if (profileDir) log(`  CPU profile of the baimo process written to ${profileDir}`);
    }
    await upstream.stop();

    log();
    table(rows);
    log();
    for (const s of modes) compare(rows, s);
    if (memory) {
      verdict(
        mib(memory.rss) <= TARGETS.rssMiB,
        `baimo RSS after the run: ${mib(memory.rss).toFixed(1)} MiB (peak VmHWM ${mib(memory.vmHwm).toFixed(1)} MiB, heap used ${mib(memory.heapUsed).toFixed(1)} MiB; target ≤ ${TARGETS.rssMiB} MiB)`,
      );
    }
    if (ONLY.has('baimo')) {
      const logged = countLogs(join(dir, 'baimo.db'));
      const statuses = Object.entries(logged.byStatus)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      verdict(
        logged.ok >= answered,
        `request log: ${logged.total} rows in SQLite (status ${statuses}) for ${answered} 2xx answers the client received from baimo (smoke + warm-up + measured)`,
      );
    }
  } finally {
    await Promise.allSettled([bare?.stop(), baimo?.stop(), upstream?.stop()]);
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

try {
  await main();
  process.exit(0);
} catch (err) {
  process.stderr.write(`bench:gateway failed: ${(err as Error).stack ?? String(err)}\n`);
  killAll();
  process.exit(1);
}
