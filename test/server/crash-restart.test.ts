import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import { spawnBaimo } from '../security/load/spawn-baimo.js';

// `kill -9` of the embedded default under load, then a restart on the same files: the SQLite file is
// intact, every logged request is one the client saw answered, at most the last flush window of rows
// is lost, and the restarted server serves again.

const FLUSH_MS = 100;
let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'ok' } });
});
afterAll(async () => {
  await fake?.close();
});

const chat = (url: string): Promise<number> =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ model: 'echo', messages: [{ role: 'user', content: 'hi' }] }),
  }).then(
    async (r) => {
      await r.text();
      return r.status;
    },
    () => 0,
  );

describe('kill -9 under load, then restart', () => {
  it('integrity ok, no request logged that the client did not see answered, at most the last flush window lost', async () => {
    const config = {
      providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
      models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
      logging: { level: 'silent', flush_ms: FLUSH_MS },
    };
    const first = await spawnBaimo(config);
    const database = `${first.dir}/baimo.db`;
    const answered: number[] = []; // when each 200 arrived
    let stop = false;
    const workers = Array.from({ length: 8 }, async () => {
      while (!stop) if ((await chat(first.url)) === 200) answered.push(performance.now());
    });
    await new Promise((r) => setTimeout(r, 1_500));
    const killedAt = performance.now();
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await new Promise<void>((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? r() : first.child.once('exit', () => r()),
    );
    expect(answered.length).toBeGreaterThan(50);

    const db = new SQLite(database);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT count(*) AS n, count(DISTINCT id) AS ids FROM request_logs').get() as { n: number; ids: number };
      expect(rows.ids).toBe(rows.n);
      // Never more rows than answers; the ones missing were answered within the last flush window.
      expect(rows.n).toBeLessThanOrEqual(answered.length);
      // The window: one flush period, plus up to a second for the log thread on a busy (CI) machine.
      const recent = answered.filter((t) => killedAt - t < FLUSH_MS + 1_000).length;
      expect(rows.n, `${rows.n} rows for ${answered.length} answers, ${recent} in the last window`).toBeGreaterThanOrEqual(
        answered.length - recent,
      );
    } finally {
      db.close();
    }

    const again = await spawnBaimo({ ...config, database });
    try {
      expect(await chat(again.url)).toBe(200);
    } finally {
      await again.close();
    }
  });
});
