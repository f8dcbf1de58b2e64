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

/** One chat call's status (0 when the connection failed: the server was killed). */
const chat = (url: string, token = ADMIN_TOKEN): Promise<number> =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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

  it('a budget is not overspent after a kill -9 by more than the answers of the lost flush window and the calls in flight', async () => {
    // The fake answers 7 + 5 tokens; at 1000 / 2000 CNY per million tokens one answer costs 0.017 CNY.
    const COST = 0.017;
    const BUDGET = 3; // ≈ 176 answers
    const config = {
      providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
      models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
      prices: [{ model: 'up/m1', input: 1000, output: 2000, currency: 'CNY' }],
      logging: { level: 'silent', flush_ms: FLUSH_MS },
    };
    const first = await spawnBaimo(config);
    const database = `${first.dir}/baimo.db`;
    const created = await fetch(`${first.url}/api/workspaces/ws_default/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ name: 'budget', budget: BUDGET, budget_currency: 'CNY', budget_period: 'total' }),
    });
    const { key } = (await created.json()) as { key: string };
    const send = (url: string): Promise<number> => chat(url, key);
    // The log writer thread is up (a first answer is in the log), as on any server that has been serving.
    let before = (await send(first.url)) === 200 ? 1 : 0;
    for (let i = 0; i < 100; i++) {
      const r = await fetch(`${first.url}/api/logs?limit=1`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      if (((await r.json()) as { data: unknown[] }).data.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // Half the budget, then kill -9 right after the last answer: its rows are still in the writer's queue.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (before < 88) if ((await send(first.url)) === 200) before++;
      }),
    );
    first.child.kill('SIGKILL');
    await new Promise<void>((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? r() : first.child.once('exit', () => r()),
    );
    const logged = (db: SQLite.Database): number =>
      (db.prepare('SELECT count(*) AS n FROM request_logs WHERE status = 200').get() as { n: number }).n;
    const db = new SQLite(database, { readonly: true });
    const kept = logged(db);
    db.close();
    const lost = before - kept;

    // After the restart the budget starts from the durable rollups, and is spent until refused.
    const again = await spawnBaimo({ ...config, database });
    let after = 0;
    try {
      let refused = false;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (!refused) {
            const status = await send(again.url);
            if (status === 200) after++;
            else if (status === 429) refused = true;
            else throw new Error(`unexpected status ${status}`);
          }
        }),
      );
    } finally {
      await again.close();
    }
    const spent = (before + after) * COST;
    console.log(
      `[crash] budget ${BUDGET} CNY: ${before} answers before kill -9 (${kept} logged, ${lost} lost), ${after} after restart; spent ${spent.toFixed(3)} CNY`,
    );
    // Refused at the budget (within the calls in flight), and over it by no more than what the lost rows
    // had spent: the documented cost of the last flush window.
    expect(spent, `${before} answers before the kill (${kept} logged, ${lost} lost), ${after} after`).toBeGreaterThanOrEqual(
      BUDGET - 8 * COST,
    );
    expect(spent - BUDGET).toBeLessThanOrEqual((lost + 8) * COST);
  });
});
