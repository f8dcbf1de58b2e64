import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, withDatabase } from '../helpers/db-query.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import { spawnBaimo, type SpawnedBaimo } from '../security/load/spawn-baimo.js';

// SIGTERM drains: a replica being replaced stops taking requests, lets every stream it started finish,
// logs each request exactly once, and exits; with `shutdown_timeout_s` as the limit of the wait.

const STREAMS = 8;
const TEXT = Array.from({ length: 20 }, (_, i) => `w${i} `).join('');

/** The answer's text, from its SSE chunks. */
const content = (sse: string): string =>
  sse
    .split('\n\n')
    .filter((e) => e.startsWith('data: {'))
    .map((e) => JSON.parse(e.slice(6)).choices?.[0]?.delta?.content ?? '')
    .join('');
let fake: FakeUpstream;

beforeAll(async () => {
  // Deltas 40 ms apart: each stream runs for about a second, long enough to be cut by a careless shutdown.
  fake = await startFakeOpenAI({
    fallback: { kind: 'text', text: TEXT, chunkDelayMs: 40 },
  });
});
afterAll(async () => {
  await fake?.close();
});

/** Opens one streamed chat; resolves with the whole SSE text once the server ends the response. */
function stream(url: string, onFirstByte: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.once('data', onFirstByte);
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ model: 'echo', stream: true, messages: [{ role: 'user', content: 'hi' }] }));
  });
}

const rows = (b: SpawnedBaimo): Promise<number> =>
  withDatabase(b.database, (db) => countRows(db, 'SELECT count(*) AS n FROM request_logs'));

const exited = (b: SpawnedBaimo): Promise<number | null> =>
  b.child.exitCode !== null ? Promise.resolve(b.child.exitCode) : new Promise((r) => b.child.once('exit', (code) => r(code)));

describe('graceful shutdown', () => {
  it('SIGTERM under streaming load: every started stream finishes, new requests are refused, each request is logged once', async () => {
    const baimo = await spawnBaimo({
      providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
      models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
      logging: { level: 'silent', flush_ms: 500 },
    });
    try {
      let started = 0;
      let allStarted!: () => void;
      const ready = new Promise<void>((r) => (allStarted = r));
      const streams = Array.from({ length: STREAMS }, () => stream(baimo.url, () => ++started === STREAMS && allStarted()));
      await ready;
      const code = exited(baimo);
      baimo.child.kill('SIGTERM');
      const texts = await Promise.all(streams);
      for (const t of texts) {
        expect(t.trim().endsWith('data: [DONE]'), t.slice(-200)).toBe(true);
        expect(t).not.toContain('"error"');
        expect(content(t)).toBe(TEXT);
      }
      // A request after SIGTERM is refused (the listener is closed), not served half-way.
      const late = await fetch(`${baimo.url}/healthz`).then(
        (r) => r.status,
        () => 'refused',
      );
      expect([503, 'refused']).toContain(late);
      expect(await code).toBe(0);
      expect(await rows(baimo)).toBe(STREAMS);
    } finally {
      await baimo.close();
    }
  });

  it('a stream longer than shutdown_timeout_s is cut at the deadline, and still logged', async () => {
    const slow = await startFakeOpenAI({ fallback: { kind: 'stall-after', chunks: ['never', ' ends'] } });
    const baimo = await spawnBaimo({
      providers: { up: { type: 'openai-compatible', base_url: slow.url, trust: 'self_hosted' } },
      models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
      shutdown_timeout_s: 0.5,
    });
    try {
      let first!: () => void;
      const opened = new Promise<void>((r) => (first = r));
      const cut = stream(baimo.url, () => first()).catch(() => 'cut');
      await opened;
      const code = exited(baimo);
      const t0 = performance.now();
      baimo.child.kill('SIGTERM');
      await cut;
      expect(await code).toBe(0);
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(await rows(baimo)).toBe(1);
    } finally {
      await baimo.close();
      await slow.close();
    }
  });
});
