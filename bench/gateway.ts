import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { compileServers } from './compile.js';
import { BENCH_DIR, killAll, startProcess, type ProcessStats, type ServerProcess } from './processes.js';
import { runPaced } from './paced-load.js';
import { interleave } from './interleave.js';
import { runLoad, type LoadResult } from './run-autocannon.js';
import { countLogs, median, printTable } from './report.js';

/**
 * `npm run bench:gateway`: what baimo costs on the request path.
 *
 * Starts a fake OpenAI upstream, a bare Fastify + undici pass-through proxy and baimo itself (from a
 * temp baimo.yaml, auth on, request logs to SQLite), each in its own process, and drives each from
 * this process: POST /v1/chat/completions over keep-alive connections, flat out with autocannon
 * (throughput), then at a steady open-loop rate (latency under the same moderate load). Prints a table,
 * baimo's RSS, whether baimo logged every request, and PASS/FAIL against the targets. The exit code
 * is 0 whatever the targets say; only a broken run exits 1.
 *
 * Env:
 *   BENCH_SECONDS=10      measured seconds per run          BENCH_WARMUP=3      warm-up seconds
 *   BENCH_CONNECTIONS=50  connections                       BENCH_RATE=1000     steady-rate req/s (0: skip)
 *   BENCH_STREAM=1        also run SSE (`stream: true`)     BENCH_ONLY=upstream,bare,baimo
 *   BENCH_PROFILE=baimo,bare  write --cpu-prof files        BENCH_TSX=1         run servers under tsx, not compiled
 *   BENCH_NODE_ARGS='--trace-gc …'  extra node flags for the bare proxy and baimo processes
 *   BENCH_SERVE_ARGS='--max-semi-space-size=32'  baimo's own node flags (default: those `npm start` uses)
 *   BENCH_ROUNDS=16 BENCH_ROUND_SECONDS=1.5  mirrored interleaved cycles (0: skip; bench/interleave.ts); their median ratio is the steadiest figure
 *   BENCH_SECURITY=1      compliance policies on: PII pseudonymisation, 10k-term moderation, routing, explicit labels
 */

const SECONDS = num('BENCH_SECONDS', 10);
const WARMUP = num('BENCH_WARMUP', 3);
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const RATE = num('BENCH_RATE', 1000, true);
const STEADY_WARMUP = Math.min(WARMUP, 3);
const STREAM = process.env.BENCH_STREAM === '1';
const TSX = process.env.BENCH_TSX === '1';
const ONLY = list('BENCH_ONLY', 'upstream,bare,baimo');
const ROUNDS = num('BENCH_ROUNDS', 16, true);
const ROUND_SECONDS = num('BENCH_ROUND_SECONDS', 1.5);
const PROFILE = new Set([...list('BENCH_PROFILE', '')].map((s) => (s === '1' ? 'baimo' : s)));

const TOKEN = 'sk-baimo-bench-admin-token';
/** The node flags of `npm start` / the `baimo` bin (package.json, bin/baimo.js); BENCH_SERVE_ARGS replaces them to try others. */
const SERVE_NODE_ARGS = (process.env.BENCH_SERVE_ARGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);
const PATH = '/v1/chat/completions';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const MESSAGES = [{ role: 'user', content: '你好，介绍一下你自己' }];
const BODY = JSON.stringify({ model: 'chat', messages: MESSAGES });
const STREAM_BODY = JSON.stringify({ model: 'chat', messages: MESSAGES, stream: true });

const TARGETS = { ratio: 0.75, keyRatio: process.env.BENCH_SECURITY === '1' ? 0.65 : 0.7, p99AddedMs: 5, rssMB: 150 };

type Scenario = 'upstream direct' | 'bare proxy' | 'baimo' | 'baimo (virtual key)';
/** Auth headers per scenario: the virtual key's are set once baimo has made it. */
const headersFor = new Map<Scenario, Record<string, string>>();
const hdr = (name: Scenario): Record<string, string> => headersFor.get(name) ?? HEADERS;

interface Row {
  name: Scenario;
  stream: boolean;
  /** Flat out. */
  max: LoadResult;
  /** At RATE req/s. */
  fixed?: LoadResult;
  /** CPU time of the server process per completed request in the flat-out run, µs. */
  cpuPerReq: number;
  /** Worst event-loop delay of the server during the flat-out run, ms. */
  loopMaxMs: number;
  /** Event-loop delay of the server during the steady run (p99, max), ms. */
  fixedLoop?: { p99: number; max: number };
}

function num(name: string, def: number, zeroOk = false): number {
  const v = process.env[name];
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) throw new Error(`${name} must be a positive number`);
  return n;
}

function list(name: string, def: string): Set<string> {
  return new Set(
    (process.env[name] ?? def)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

const log = (s = ''): void => void process.stdout.write(`${s}\n`);
const mib = (bytes: number): number => bytes / (1024 * 1024);
const label = (r: { name: string; stream: boolean }): string => `${r.name}${r.stream ? ' (stream)' : ''}`;

/** One request by hand first: a broken setup should fail loudly, not as 100% non-2xx. */
async function smoke(name: Scenario, url: string, stream: boolean): Promise<void> {
  const res = await fetch(url + PATH, { method: 'POST', headers: hdr(name), body: stream ? STREAM_BODY : BODY });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${name}: smoke request answered ${res.status}: ${text.slice(0, 500)}`);
  const ok = stream ? text.includes('data: [DONE]') : Boolean((JSON.parse(text) as { choices?: unknown[] }).choices?.length);
  if (!ok) throw new Error(`${name}: unexpected smoke answer: ${text.slice(0, 500)}`);
}

/** Smoke, warm-up, flat-out run, fixed-rate run. `answered` counts every 2xx the client got. */
async function measure(name: Scenario, server: ServerProcess, stream: boolean): Promise<{ row: Row; answered: number }> {
  await smoke(name, server.url, stream);
  const opts = { url: server.url + PATH, headers: hdr(name), body: stream ? STREAM_BODY : BODY, connections: CONNECTIONS };
  process.stdout.write(`  ${label({ name, stream })}: warm-up ${WARMUP}s … `);
  const warm = await runLoad({ ...opts, seconds: WARMUP });
  process.stdout.write(`flat out ${SECONDS}s … `);
  const before = await server.stats();
  const max = await runLoad({ ...opts, seconds: SECONDS });
  const after = await server.stats();
  process.stdout.write(`${Math.round(max.rps)} req/s`);
  await sleep(300);
  let fixed: LoadResult | undefined;
  let fixedLoop: Row['fixedLoop'];
  let steadyWarm: LoadResult | undefined;
  if (RATE > 0) {
    // Let the flat-out run's garbage go first (V8 runs its memory-reducing GCs when the allocation
    // rate drops), then warm up at the steady rate, so the tail measures the server and not the switch.
    await sleep(1000);
    process.stdout.write(` … ${RATE} req/s: warm-up ${STEADY_WARMUP}s, measuring ${SECONDS}s … `);
    steadyWarm = await runPaced({ ...opts, seconds: STEADY_WARMUP, rate: RATE });
    await server.stats(); // resets the loop-delay histogram
    fixed = await runPaced({ ...opts, seconds: SECONDS, rate: RATE });
    const s = await server.stats();
    fixedLoop = { p99: s.loopP99Ms, max: s.loopMaxMs };
    process.stdout.write(`p99 ${fixed.p99.toFixed(2)} ms`);
    await sleep(300);
  }
  log();
  const cpuPerReq = (after.cpuMicros - before.cpuMicros) / Math.max(1, max.ok + max.non2xx);
  return {
    row: { name, stream, max, fixed, cpuPerReq, loopMaxMs: after.loopMaxMs, fixedLoop },
    answered: 1 + warm.ok + max.ok + (steadyWarm?.ok ?? 0) + (fixed?.ok ?? 0),
  };
}

function tables(rows: Row[]): void {
  log(`Flat out (${CONNECTIONS} connections, ${SECONDS}s):`);
  printTable(
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'server CPU µs/req', 'server loop max ms'],
    rows.map((r) => [
      label(r),
      r.max.rps.toFixed(0),
      String(r.max.p50),
      String(r.max.p99),
      String(r.max.max),
      String(r.max.non2xx),
      String(r.max.errors + r.max.timeouts),
      r.cpuPerReq.toFixed(0),
      r.loopMaxMs.toFixed(1),
    ]),
  );
  const fixed = rows.filter((r) => r.fixed);
  if (!fixed.length) return;
  log();
  log(
    `Steady rate (${RATE} req/s open loop over up to ${CONNECTIONS} connections, ${SECONDS}s; latency from scheduled send to last byte):`,
  );
  printTable(
    ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'non-2xx', 'errors', 'server loop p99 / max ms'],
    fixed.map((r) => [
      label(r),
      r.fixed!.rps.toFixed(0),
      r.fixed!.p50.toFixed(2),
      r.fixed!.p99.toFixed(2),
      r.fixed!.max.toFixed(1),
      String(r.fixed!.non2xx),
      String(r.fixed!.errors + r.fixed!.timeouts),
      `${r.fixedLoop?.p99.toFixed(1)} / ${r.fixedLoop?.max.toFixed(1)}`,
    ]),
  );
}

function verdict(ok: boolean, text: string): void {
  log(`${ok ? 'PASS' : 'FAIL'}  ${text}`);
}

function compareKey(rows: Row[], stream: boolean): void {
  const bare = rows.find((r) => r.name === 'bare proxy' && r.stream === stream);
  const key = rows.find((r) => r.name === 'baimo (virtual key)' && r.stream === stream);
  if (!bare || !key) return;
  const ratio = key.max.rps / bare.max.rps;
  verdict(
    ratio >= TARGETS.keyRatio,
    `throughput${stream ? ' (stream)' : ''} with a virtual key (RPM, TPM and budget enforced): baimo / bare proxy = ${ratio.toFixed(2)} (${key.max.rps.toFixed(0)} / ${bare.max.rps.toFixed(0)} req/s; target ≥ ${TARGETS.keyRatio})`,
  );
}

function compare(rows: Row[], stream: boolean): void {
  const bare = rows.find((r) => r.name === 'bare proxy' && r.stream === stream);
  const baimo = rows.find((r) => r.name === 'baimo' && r.stream === stream);
  if (!bare || !baimo) return;
  const tag = stream ? ' (stream)' : '';
  const ratio = baimo.max.rps / bare.max.rps;
  verdict(
    ratio >= TARGETS.ratio,
    `throughput${tag}: baimo / bare proxy = ${ratio.toFixed(2)} (${baimo.max.rps.toFixed(0)} / ${bare.max.rps.toFixed(0)} req/s; target ≥ ${TARGETS.ratio})`,
  );
  const sign = (n: number, digits: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(digits)} ms`;
  if (baimo.fixed && bare.fixed) {
    const added = baimo.fixed.p99 - bare.fixed.p99;
    verdict(
      added <= TARGETS.p99AddedMs,
      `p99 added${tag} at a steady ${RATE} req/s: ${sign(added, 2)} (baimo ${baimo.fixed.p99.toFixed(2)} ms vs bare proxy ${bare.fixed.p99.toFixed(2)} ms; target ≤ ${TARGETS.p99AddedMs} ms)`,
    );
  }
  const addedMax = baimo.max.p99 - bare.max.p99;
  verdict(
    addedMax <= TARGETS.p99AddedMs,
    `p99 added${tag} flat out: ${sign(addedMax, 0)} (baimo ${baimo.max.p99} ms vs bare proxy ${bare.max.p99} ms, each at its own saturation point, so this mirrors the throughput gap; target ≤ ${TARGETS.p99AddedMs} ms)`,
  );
}

function profileArgs(name: string): { args: string[]; dir?: string } {
  if (!PROFILE.has(name)) return { args: [] };
  const dir = mkdtempSync(join(tmpdir(), `baimo-bench-prof-${name}-`));
  return { args: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', process.env.BENCH_PROFILE_INTERVAL_US ?? '500'], dir };
}

async function main(): Promise<void> {
  const cpu = cpus();
  log(
    `baimo gateway benchmark — ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  );
  log(`POST ${PATH} ${BODY}`);
  const load = loadavg()[0];
  if (load > 0.5) log(`note: load average is ${load.toFixed(2)} before the run; other work on this machine skews the figures`);

  let scripts = BENCH_DIR;
  let ext = '.ts';
  if (!TSX) {
    const t = Date.now();
    scripts = compileServers();
    ext = '.js';
    log(`servers compiled with TypeScript in ${Date.now() - t} ms; they run on plain node (BENCH_TSX=1 to run them under tsx)`);
  }
  log();
  const script = (name: string): string => join(scripts, name + ext);

  const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-'));
  const rows: Row[] = [];
  const modes = STREAM ? [false, true] : [false];
  const started: ServerProcess[] = [];
  const start = async (name: string, file: string, env: Record<string, string>, profile: string): Promise<ServerProcess> => {
    const p = profileArgs(profile);
    const extra = profile === 'upstream' ? [] : (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // baimo runs with the node flags `npm start` and the `baimo` bin use.
    const own = profile === 'baimo' ? SERVE_NODE_ARGS : [];
    const s = await startProcess(name, script(file), env, [...p.args, ...own, ...extra]);
    started.push(s);
    if (p.dir) log(`  (${name}: CPU profile goes to ${p.dir})`);
    return s;
  };
  let idle: ProcessStats | undefined;
  let after: ProcessStats | undefined;
  let answered = 0;
  try {
    const upstream = await start('fake upstream', 'fake-upstream', {}, 'upstream');
    if (ONLY.has('upstream')) for (const s of modes) rows.push((await measure('upstream direct', upstream, s)).row);

    let bare: ServerProcess | undefined;
    if (ONLY.has('bare')) {
      bare = await start('bare proxy', 'bare-proxy', { UPSTREAM_URL: upstream.url }, 'bare');
      for (const s of modes) rows.push((await measure('bare proxy', bare, s)).row);
    }
    let rounds: number[] = [];
    let keyRounds: number[] = [];

    if (ONLY.has('baimo')) {
      const baimo = await start(
        'baimo',
        'baimo-server',
        { UPSTREAM_URL: upstream.url, BAIMO_BENCH_TMP: dir, BAIMO_ADMIN_TOKEN: TOKEN },
        'baimo',
      );
      await sleep(500);
      idle = await baimo.stats();
      const key = readFileSync(join(dir, 'bench-key.txt'), 'utf8').trim();
      headersFor.set('baimo (virtual key)', { ...HEADERS, authorization: `Bearer ${key}` });
      for (const s of modes) {
        for (const name of ['baimo', 'baimo (virtual key)'] as const) {
          const m = await measure(name, baimo, s);
          rows.push(m.row);
          answered += m.answered;
        }
      }
      after = await baimo.stats();
      if (bare && ROUNDS > 0) {
        const keyHeaders = headersFor.get('baimo (virtual key)');
        process.stdout.write(
          `  interleaved: ${ROUNDS} cycles of ${ROUND_SECONDS}s runs (bare proxy, baimo, baimo with the virtual key, then the same in reverse) …`,
        );
        const r = await interleave({
          bare,
          baimo,
          path: PATH,
          body: BODY,
          connections: CONNECTIONS,
          cycles: ROUNDS,
          seconds: ROUND_SECONDS,
          headers: HEADERS,
          keyHeaders,
          onCycle: (m, k) => process.stdout.write(` ${m.toFixed(2)}${k === undefined ? '' : `/${k.toFixed(2)}`}`),
        });
        log();
        const drift = r.bareDrift.map((d) => Math.abs(d - 1));
        log(
          `  (the bare proxy's second run of a cycle differed from its first by a median ${(100 * median(drift)).toFixed(0)} %, at most ${(100 * Math.max(...drift)).toFixed(0)} %)`,
        );
        rounds = r.ratios;
        keyRounds = r.keyRatios;
        answered += r.answered;
      }
      await baimo.stop(); // flushes the log writer and closes the database
    }
    await bare?.stop();
    await upstream.stop();

    log();
    tables(rows);
    log();
    for (const s of modes) {
      compare(rows, s);
      compareKey(rows, s);
    }
    if (rounds.length > 0) {
      verdict(
        median(rounds) >= TARGETS.ratio,
        `throughput, interleaved (${rounds.length} mirrored cycles of ${ROUND_SECONDS}s runs): median baimo / bare proxy = ${median(rounds).toFixed(2)} (cycles: ${rounds.map((r) => r.toFixed(2)).join(', ')}; target ≥ ${TARGETS.ratio})`,
      );
    }
    if (keyRounds.length > 0) {
      verdict(
        median(keyRounds) >= TARGETS.keyRatio,
        `throughput with a virtual key (RPM, TPM, budget enforced), interleaved: median baimo / bare proxy = ${median(keyRounds).toFixed(2)} (cycles: ${keyRounds.map((r) => r.toFixed(2)).join(', ')}; target ≥ ${TARGETS.keyRatio})`,
      );
    }
    if (idle && after) {
      const rssMB = after.rss / 1e6;
      verdict(
        rssMB <= TARGETS.rssMB,
        `baimo RSS after the runs: ${rssMB.toFixed(0)} MB = ${mib(after.rss).toFixed(0)} MiB (idle after start ${mib(idle.rss).toFixed(0)} MiB, peak ${mib(after.vmHwm).toFixed(0)} MiB; ` +
          `V8 heap: new space ${mib(after.heapSpaces.new_space ?? 0).toFixed(0)} + old space ${mib(after.heapSpaces.old_space ?? 0).toFixed(0)} MiB committed, ` +
          `${mib(after.heapUsed).toFixed(0)} MiB in use; target ≤ ${TARGETS.rssMB} MB)`,
      );
    }
    if (ONLY.has('baimo')) {
      const logged = countLogs(join(dir, 'baimo.db'));
      const statuses = Object.entries(logged.byStatus)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      verdict(
        logged.ok >= answered,
        `request log: ${logged.total} rows in baimo's SQLite file (status ${statuses}) for ${answered} 2xx answers the client received from baimo` +
          (logged.total > logged.ok ? ' (499 = requests still in flight when autocannon hung up at the end of a run)' : ''),
      );
    }
  } finally {
    await Promise.allSettled(started.map((s) => s.stop()));
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
