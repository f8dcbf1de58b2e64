import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOpenAI } from '../test/helpers/fake-openai-upstream.js';
import { BENCH_KEY_FIELDS, writeBenchConfig } from './bench-config.js';
import { REPO_ROOT } from './processes.js';
import { median } from './report.js';

/**
 * `npm run bench:inject-ab`: this working tree against BENCH_BASELINE (a git ref, default HEAD) in ONE
 * process, with no sockets between client and server: both servers answer `app.inject()` calls in
 * alternating batches of 1,000 requests (20 in flight), and the process CPU per request is compared.
 * The fake upstream and inject's own work are in both figures alike, so the ratio understates a
 * difference a little; the figure does not drift with the VM the way req/s over loopback does.
 * Run it under `--cpu-prof` (`npx tsx --cpu-prof bench/inject-ab.ts`): the two trees' functions have
 * different file paths, so one profile compares them function by function.
 *
 * Env: BENCH_BASELINE=HEAD  BENCH_ROUNDS=8  BENCH_SECURITY=1 (the policies of bench:gateway, bench-config.ts)
 */
const REF = process.env.BENCH_BASELINE || 'HEAD';
const ROUNDS = Number(process.env.BENCH_ROUNDS || 8);
const SECURITY = process.env.BENCH_SECURITY === '1';
const ADMIN = 'sk-baimo-inject-admin-token';
const BODY = JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好，介绍一下你自己' }] });

type Tree = { app: { inject: (o: object) => Promise<{ statusCode: number; body: string }> }; close: () => Promise<void>; key: string };

async function start(root: string, upstream: string): Promise<Tree> {
  const { loadConfig } = await import(join(root, 'src/config/load-config.ts'));
  const { startServer } = await import(join(root, 'src/server/start-server.ts'));
  const { KeyService } = await import(join(root, 'src/governance/key-service.ts'));
  const dir = mkdtempSync(join(tmpdir(), 'baimo-inject-'));
  const configPath = writeBenchConfig(dir, upstream, { security: SECURITY });
  const env = { BAIMO_ADMIN_TOKEN: ADMIN };
  const { config } = loadConfig({ configPath, env, cwd: dir });
  const server = await startServer(config, { env, announce: () => undefined, logLevel: 'silent' });
  const created = await new KeyService(server.runtime.keys, server.runtime.tenancy).create('ws_default', { ...BENCH_KEY_FIELDS });
  return { app: server.app, close: () => server.close(), key: created.key };
}

async function batch(t: Tree, auth: string, n: number): Promise<number> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${auth}` };
  const before = process.cpuUsage();
  for (let i = 0; i < n; i += 20) {
    const calls = Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: '/v1/chat/completions', headers, payload: BODY }));
    for (const r of await Promise.all(calls))
      if (r.statusCode !== 200) throw new Error(`answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

const base = mkdtempSync(join(tmpdir(), 'baimo-inject-base-'));
try {
  execFileSync('tar', ['-x', '-C', base], {
    input: execFileSync('git', ['archive', REF, 'src', 'package.json'], { cwd: REPO_ROOT, maxBuffer: 1 << 28 }),
  });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(base, 'node_modules'));
  const fake = await startFakeOpenAI();
  const trees = { new: await start(REPO_ROOT, fake.url), base: await start(base, fake.url) };
  const runs: Array<['new' | 'base', 'key' | 'admin']> = [
    ['new', 'key'], ['base', 'key'], ['new', 'admin'], ['base', 'admin'],
    ['base', 'admin'], ['new', 'admin'], ['base', 'key'], ['new', 'key'],
  ]; // prettier-ignore
  const auth = (tree: 'new' | 'base', who: 'key' | 'admin'): string => (who === 'key' ? trees[tree].key : ADMIN);
  for (const [tree, who] of runs) await batch(trees[tree], auth(tree, who), 1_000); // warm-up
  const cpu: Record<string, number[]> = {};
  for (let r = 0; r < ROUNDS; r++)
    for (const [tree, who] of runs) (cpu[`${tree} ${who}`] ??= []).push(await batch(trees[tree], auth(tree, who), 1_000));
  const m = (k: string): number => median(cpu[k]);
  process.stdout.write(`this tree vs ${REF}, policies ${SECURITY ? 'on' : 'off'}, ${ROUNDS} rounds: process CPU µs/request\n`);
  for (const who of ['admin', 'key']) {
    const ratio = m(`new ${who}`) / m(`base ${who}`);
    process.stdout.write(`${who}: ${m(`new ${who}`).toFixed(1)} vs ${m(`base ${who}`).toFixed(1)} (${ratio.toFixed(3)})\n`);
  }
  for (const t of Object.values(trees)) await t.close();
  await fake.close();
} finally {
  rmSync(base, { recursive: true, force: true });
}
