import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { startServer } from '../src/server/start-server.js';
import { writeBenchConfig } from './bench-config.js';
import { BENCH_DIR, killAll, startProcess } from './processes.js';
import { median, printTable } from './report.js';

/**
 * `npm run bench:app-run`: what a scenario app's run adds to the gateway's own work (issue 18's budget:
 * ≤ 1 ms). One server in this process, driven through `app.inject()` (no client sockets); the fake
 * upstream (bench/fake-upstream.ts) in a process of its own, so this process's CPU is baimo's. Three
 * calls that send the upstream the same messages:
 *
 * - `chat`: `/v1/chat/completions` with the app's rendered prompt (a system and a user message);
 * - `run`: `/v1/apps/bench-app/run` with the input;
 * - `app:`: `/v1/chat/completions` with `model: app:bench-app` and the input as the user message.
 *
 * Interleaved in mirrored rounds (chat, run, app:, app:, run, chat) of `BENCH_BATCH` requests each,
 * 20 in flight: the process CPU per request (the median over rounds) and its difference to `chat` in µs
 * and as a ratio. Then the latency of one request at a time (`BENCH_SEQUENTIAL` each, interleaved):
 * the median and its difference.
 *
 * Env: BENCH_ROUNDS=6  BENCH_BATCH=1000  BENCH_SEQUENTIAL=500
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS || 6);
const BATCH = Number(process.env.BENCH_BATCH || 1000);
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL || 500);
const ADMIN = 'sk-baimo-bench-app-run-admin';
const SYSTEM = 'You are a helpful assistant. Answer briefly and in the language of the question.';
const TEXT = '你好，介绍一下你自己';

type Inject = (o: object) => Promise<{ statusCode: number; body: string }>;
type Scenario = 'chat' | 'run' | 'app:';

const CALLS: Record<Scenario, { url: string; payload: string }> = {
  chat: {
    url: '/v1/chat/completions',
    payload: JSON.stringify({
      model: 'chat',
      messages: [
        { role: 'system', content: SYSTEM },
        { role: 'user', content: TEXT },
      ],
    }),
  },
  run: { url: '/v1/apps/bench-app/run', payload: JSON.stringify({ inputs: { text: TEXT } }) },
  'app:': { url: '/v1/chat/completions', payload: JSON.stringify({ model: 'app:bench-app', messages: [{ role: 'user', content: TEXT }] }) },
};
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` };

async function one(inject: Inject, s: Scenario): Promise<void> {
  const r = await inject({ method: 'POST', url: CALLS[s].url, headers: HEADERS, payload: CALLS[s].payload });
  if (r.statusCode !== 200) throw new Error(`${s} answered ${r.statusCode}: ${r.body.slice(0, 300)}`);
}

/** Process CPU µs per request over `n` requests, 20 in flight. */
async function batch(inject: Inject, s: Scenario, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i += 20) await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => one(inject, s)));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
}

/** Wall-clock µs of each of `n` requests made one at a time. */
async function sequential(inject: Inject, s: Scenario, n: number, out: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await one(inject, s);
    out.push((performance.now() - t) * 1000);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'baimo-bench-app-run-'));
process.on('exit', killAll);
try {
  const fake = await startProcess('fake-upstream', join(BENCH_DIR, 'fake-upstream.ts'), {});
  const env = { BAIMO_ADMIN_TOKEN: ADMIN };
  const { config } = loadConfig({ configPath: writeBenchConfig(dir, `${fake.url}/v1`, { security: false }), env, cwd: dir });
  const server = await startServer(
    { ...config, apps: { ...config.apps, default_model: 'chat' } },
    { env, announce: () => undefined, logLevel: 'silent' },
  );
  await server.runtime.apps.create(
    'ws_default',
    {
      slug: 'bench-app',
      publish: true,
      spec: {
        name: 'Bench app',
        variables: [{ name: 'text', type: 'text', required: true }],
        prompts: { en: { system: SYSTEM, user: '{{text}}' } },
      },
    },
    null,
  );
  const inject: Inject = (o) => server.app.inject(o);
  const order: Scenario[] = ['chat', 'run', 'app:', 'app:', 'run', 'chat'];
  for (const s of order) await batch(inject, s, BATCH); // warm-up
  const cpu: Record<Scenario, number[]> = { chat: [], run: [], 'app:': [] };
  for (let r = 0; r < ROUNDS; r++) for (const s of order) cpu[s].push(await batch(inject, s, BATCH / 2));
  const latency: Record<Scenario, number[]> = { chat: [], run: [], 'app:': [] };
  for (let r = 0; r < 4; r++) for (const s of order) await sequential(inject, s, Math.ceil(SEQUENTIAL / 8), latency[s]);

  const base = median(cpu.chat);
  const lat = median(latency.chat);
  process.stdout.write(
    `scenario app run vs plain chat (same upstream messages), ${ROUNDS} rounds of ${BATCH} per scenario, node ${process.version}\n`,
  );
  printTable(
    ['call', 'CPU µs/request', 'added µs', 'ratio', 'latency p50 µs (1 in flight)', 'added µs'],
    (['chat', 'run', 'app:'] as Scenario[]).map((s) => {
      const c = median(cpu[s]);
      const l = median(latency[s]);
      return [s, c.toFixed(1), (c - base).toFixed(1), (c / base).toFixed(3), l.toFixed(0), (l - lat).toFixed(0)];
    }),
  );
  await server.close();
  await fake.stop();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
