import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';

const BIN = fileURLToPath(new URL('../../bin/baimo.js', import.meta.url));
const ADMIN = 'sk-baimo-replica-admin';
const hasRedis = await redisAvailable();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`baimo exited early: ${log()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`baimo did not start: ${log()}`);
}

describe.skipIf(!hasRedis)('two baimo processes sharing one Redis and one database', () => {
  let fake: FakeUpstream;
  const children: ChildProcess[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    const dir = mkdtempSync(join(tmpdir(), 'baimo-replicas-'));
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const configPath = join(dir, `replica-${i}.yaml`);
      writeFileSync(
        configPath,
        stringify({
          host: '127.0.0.1',
          port,
          database: join(dir, 'shared.db'),
          redis_url: TEST_REDIS_URL,
          discover_env: false,
          logging: { level: 'warn' },
          providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
          models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
          prices: [{ model: 'fake/m1', input: 1000, output: 2000 }],
        }),
      );
      const child = spawn(process.execPath, [BIN, 'serve', '--config', configPath], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, BAIMO_ADMIN_TOKEN: ADMIN, BAIMO_MASTER_KEY: 'a'.repeat(64) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitHealthy(url, child, () => out);
      urls.push(url);
    }
  }, 60_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await fake?.close();
  });

  const call = (url: string, key: string, content = 'hi', headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content }] }),
    });

  it('share the response cache: an answer cached by one replica is a hit on the other', async () => {
    const content = `cached across replicas ${Date.now()}`;
    const before = fake.requests.length;
    const a = await call(urls[0], ADMIN, content, { 'x-baimo-cache': 'on' });
    const b = await call(urls[1], ADMIN, content, { 'x-baimo-cache': 'on' });
    expect(a.headers.get('x-baimo-cache')).toBe('miss');
    expect(b.headers.get('x-baimo-cache')).toBe('hit');
    expect(fake.requests.length - before).toBe(1);
  });

  it('enforce one combined RPM, not one per replica', async () => {
    const created = await fetch(`${urls[0]}/api/workspaces/ws_default/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ name: 'shared', rpm: 5 }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    const key = created.key as string;
    // A key made on replica 0 works on replica 1 (same database).
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await call(urls[i % 2], key)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
  });

  it('share a budget: concurrent calls on both replicas cannot spend it twice', async () => {
    const created = await fetch(`${urls[1]}/api/workspaces/ws_default/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({ name: 'shared budget', budget: 0.05, budget_period: 'total' }),
    }).then((r) => r.json() as Promise<{ key: string }>);
    const all = await Promise.all(Array.from({ length: 16 }, (_, i) => call(urls[i % 2], created.key)));
    const ok = all.filter((r) => r.status === 200).length;
    expect(ok).toBeGreaterThanOrEqual(3); // 0.017 CNY each: 3 fit in 0.05
    expect(ok).toBeLessThanOrEqual(7); // each admission reserves 0.008: at most 7 in flight at once
    expect((await call(urls[0], created.key)).status).toBe(429);
    expect((await call(urls[1], created.key)).status).toBe(429);
  });
});
