import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { compileServers, compileTree } from './compile.js';
import { killAll, REPO_ROOT, startProcess, type ServerProcess } from './processes.js';
import { median } from './report.js';
import { runLoad } from './run-autocannon.js';

/**
 * `npm run bench:ab`: this working tree against a previous commit, in the same run.
 *
 * Extracts `src/` and `bench/` of BENCH_BASELINE (a git ref, default HEAD) into a temp folder, compiles
 * both trees, and starts one fake upstream, one bare proxy and two baimo servers (same baimo.yaml, each
 * with its own database). Then mirrored cycles of short flat-out runs:
 *   bare, new, base, new+key, base+key, base+key, new+key, base, new, bare
 * so every scenario has the same mean position in time. Each cycle's ratio is a scenario's two runs
 * over the bare proxy's two; the medians are printed with new/base (1.00 = no change).
 *
 * Env: BENCH_BASELINE=HEAD  BENCH_ROUNDS=12  BENCH_ROUND_SECONDS=1.5  BENCH_CONNECTIONS=50
 *      BENCH_SECURITY=1 (policies on, as in bench:gateway)  BENCH_SERVE_ARGS='--max-semi-space-size=32'
 *      BENCH_BASELINE_DATABASE=postgres://…?schema=bench_ab: the baseline is this same tree storing in that
 *        PostgreSQL (schema dropped at the end) instead of a commit: "PostgreSQL / SQLite" in one run.
 */

const REF = process.env.BENCH_BASELINE || 'HEAD';
const BASE_DATABASE = process.env.BENCH_BASELINE_DATABASE;
const ROUNDS = Number(process.env.BENCH_ROUNDS || 12);
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS || 1.5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SERVE_ARGS = (process.env.BENCH_SERVE_ARGS ?? '--max-semi-space-size=32').split(' ').filter(Boolean);
const TOKEN = 'sk-baimo-bench-admin-token';
const PATH = '/v1/chat/completions';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
const BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好，介绍一下你自己' }] });

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

/** Drops the schema a PostgreSQL baseline ran in (`?schema=` of its URL). */
async function dropBenchSchema(url: string): Promise<void> {
  const schema = new URL(url).searchParams.get('schema');
  if (!schema) return;
  const u = new URL(url);
  u.search = '';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`drop schema if exists "${schema.replaceAll('"', '')}" cascade`);
  await c.end();
}

function extractBaseline(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-ab-base-'));
  const tar = execFileSync('git', ['archive', REF, 'src', 'bench'], { cwd: REPO_ROOT, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

async function main(): Promise<void> {
  const sha = BASE_DATABASE ? 'PostgreSQL' : execFileSync('git', ['rev-parse', '--short', REF], { cwd: REPO_ROOT }).toString().trim();
  log(
    `A/B: working tree vs ${REF} (${sha}); ${ROUNDS} cycles of ${SECONDS}s runs; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const baseSrc = BASE_DATABASE ? undefined : extractBaseline();
  const newScripts = compileServers();
  const baseScripts = baseSrc ? compileTree(baseSrc, join(REPO_ROOT, 'node_modules', '.cache', 'baimo-bench-baseline')) : newScripts;
  const dirs: string[] = [];
  const started: ServerProcess[] = [];
  try {
    const upstream = await startProcess('fake upstream', join(newScripts, 'fake-upstream.js'), {});
    started.push(upstream);
    const bare = await startProcess('bare proxy', join(newScripts, 'bare-proxy.js'), { UPSTREAM_URL: upstream.url });
    started.push(bare);
    const baimo = async (name: string, scripts: string, database?: string): Promise<{ s: ServerProcess; key: Record<string, string> }> => {
      const dir = mkdtempSync(join(tmpdir(), 'baimo-ab-'));
      dirs.push(dir);
      const env: Record<string, string> = { UPSTREAM_URL: upstream.url, BAIMO_BENCH_TMP: dir, BAIMO_ADMIN_TOKEN: TOKEN };
      // PostgreSQL has no folder for a generated master key: the key comes from the environment, as in production.
      if (database) Object.assign(env, { BENCH_DATABASE_URL: database, BAIMO_MASTER_KEY: '5a'.repeat(32) });
      const s = await startProcess(name, join(scripts, 'baimo-server.js'), env, SERVE_ARGS);
      started.push(s);
      const key = readFileSync(join(dir, 'bench-key.txt'), 'utf8').trim();
      return { s, key: { ...HEADERS, authorization: `Bearer ${key}` } };
    };
    const fresh = await baimo(BASE_DATABASE ? 'baimo (SQLite)' : 'baimo (this tree)', newScripts);
    const base = await baimo(`baimo (${sha})`, baseScripts, BASE_DATABASE);
    // Main-thread CPU per request of each server and path, over every run: steadier than req/s on a drifting VM.
    const cpu = new Map<string, { micros: number; requests: number }>();
    const run = async (s: ServerProcess, headers: Record<string, string>): Promise<number> => {
      const before = await s.stats();
      const r = await runLoad({ url: s.url + PATH, headers, body: BODY, connections: CONNECTIONS, seconds: SECONDS });
      const after = await s.stats();
      if (r.non2xx > 0) throw new Error(`${s.name} answered ${r.non2xx} non-2xx`);
      const key = `${s.name}|${headers === HEADERS ? 'admin' : 'key'}`;
      const c = cpu.get(key) ?? { micros: 0, requests: 0 };
      c.micros += after.mainCpuMicros - before.mainCpuMicros;
      c.requests += r.ok;
      cpu.set(key, c);
      return r.rps;
    };
    const perReq = (s: ServerProcess, path: string): number => {
      const c = cpu.get(`${s.name}|${path}`);
      return c && c.requests ? c.micros / c.requests : NaN;
    };
    // Warm every server up once.
    for (const [s, h] of [
      [bare, HEADERS],
      [fresh.s, fresh.key],
      [base.s, base.key],
    ] as const)
      await runLoad({ url: s.url + PATH, headers: h, body: BODY, connections: CONNECTIONS, seconds: 3 });
    const r = { admin: [] as number[], baseAdmin: [] as number[], key: [] as number[], baseKey: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const b1 = await run(bare, HEADERS);
      const n1 = await run(fresh.s, HEADERS);
      const o1 = await run(base.s, HEADERS);
      const nk1 = await run(fresh.s, fresh.key);
      const ok1 = await run(base.s, base.key);
      const ok2 = await run(base.s, base.key);
      const nk2 = await run(fresh.s, fresh.key);
      const o2 = await run(base.s, HEADERS);
      const n2 = await run(fresh.s, HEADERS);
      const b2 = await run(bare, HEADERS);
      const b = b1 + b2;
      r.admin.push((n1 + n2) / b);
      r.baseAdmin.push((o1 + o2) / b);
      r.key.push((nk1 + nk2) / b);
      r.baseKey.push((ok1 + ok2) / b);
      log(
        `  cycle ${i + 1}: bare ${Math.round(b / 2)} req/s; admin ${r.admin[i].toFixed(3)} vs ${r.baseAdmin[i].toFixed(3)}; key ${r.key[i].toFixed(3)} vs ${r.baseKey[i].toFixed(3)}`,
      );
    }
    const rss = async (s: ServerProcess): Promise<number> => Math.round((await s.stats()).rss / 1048576);
    log();
    log(`| path | ${BASE_DATABASE ? 'SQLite' : 'this tree'} | ${sha} | ${BASE_DATABASE ? 'SQLite' : 'this'} / ${sha} |`);
    log('| --- | ---: | ---: | ---: |');
    const pairs = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]));
    log(`| admin token | ${median(r.admin).toFixed(3)} | ${median(r.baseAdmin).toFixed(3)} | ${pairs(r.admin, r.baseAdmin).toFixed(3)} |`);
    log(`| virtual key | ${median(r.key).toFixed(3)} | ${median(r.baseKey).toFixed(3)} | ${pairs(r.key, r.baseKey).toFixed(3)} |`);
    for (const path of ['admin', 'key']) {
      const [n, o] = [perReq(fresh.s, path), perReq(base.s, path)];
      log(`| main-thread CPU µs/req, ${path} | ${n.toFixed(1)} | ${o.toFixed(1)} | ${(n / o).toFixed(3)} |`);
    }
    log(`| RSS after, MB | ${await rss(fresh.s)} | ${await rss(base.s)} | |`);
  } finally {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    killAll();
    if (baseSrc) rmSync(baseSrc, { recursive: true, force: true });
    if (BASE_DATABASE) await dropBenchSchema(BASE_DATABASE);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  killAll();
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
