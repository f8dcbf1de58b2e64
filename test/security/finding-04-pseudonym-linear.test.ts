import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 4: pseudonymisation was quadratic (`texts.some((t) => t.includes(p))` per placeholder, and
// the stream restorer compared every pending '[' with every placeholder): 20,000 phone numbers took
// 5.6 s on the main thread and stalled other workspaces. Now it is linear, and a request with more
// findings than LIMITS.piiFindings is refused (413) instead of being sent half-masked.

let fake: FakeUpstream;
let baimo: TestBaimo;
let key: string;
let plainKey: string;

beforeAll(async () => {
  // Echo: the answer is the request's text, full of placeholders, so restoring is measured too
  // (streams in uneven chunks, so placeholders are split across them).
  fake = await startFakeOpenAI({ fallback: { kind: 'echo', cuts: [389, 53, 811] } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'echo', targets: [{ provider: 'up', model: 'm1' }] }],
  });
  const pseudo = await createKey(baimo, {});
  const policy = { pii: { action: 'pseudonymize', types: ['mobile'] } };
  expect((await api(baimo, 'PUT', `/api/security/policies/key/${pseudo.id}`, { policy })).status).toBe(200);
  key = pseudo.key;
  // The same requests without a policy: what transport and logging cost, to subtract.
  plainKey = (await createKey(baimo, {})).key;
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** `n` distinct, valid mainland mobile numbers in one text. */
function phones(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`客户${i}电话138${String(i).padStart(8, '0')}`);
  return out.join('，');
}

async function timed(n: number, stream: boolean, k = key): Promise<{ ms: number; status: number; content: string }> {
  const text = phones(n);
  const t0 = performance.now();
  const r = await chat(baimo, k, { model: 'echo', stream, messages: [{ role: 'user', content: text }] });
  const ms = performance.now() - t0;
  let content: string;
  if (!stream) content = r.body?.choices?.[0]?.message?.content;
  else
    content = String(r.body)
      .split('\n\n')
      .map((e) => e.replace(/^data: /, '').trim())
      .filter((e) => e && e !== '[DONE]')
      .map((e) => JSON.parse(e).choices?.[0]?.delta?.content ?? '')
      .join('');
  expect(content).toBe(text); // every placeholder restored
  if (k === key) expect(JSON.stringify(fake.requests.at(-1)!.body)).not.toMatch(/138\d{8}/); // the upstream saw placeholders only
  return { ms, status: r.status, content };
}

async function best(n: number, stream: boolean, k: string): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 2; i++) min = Math.min(min, (await timed(n, stream, k)).ms);
  return min;
}

/** What pseudonymising `n` numbers adds to a request (and restoring them to its answer), in ms. */
async function cost(n: number, stream: boolean): Promise<number> {
  return Math.max(0, (await best(n, stream, key)) - (await best(n, stream, plainKey)));
}

describe('finding 4: pseudonymisation is linear and bounded', () => {
  it('10x the phone numbers cost at most 10x the time (whole answers and streams; was about 50x)', async () => {
    await timed(200, false); // warm up
    await timed(200, false, plainKey);
    for (const stream of [false, true]) {
      const small = await cost(1_000, stream);
      const large = await cost(LIMITS.piiFindings, stream); // the most one request may carry
      // Linear: about 10x. Quadratic was 2.0–2.7 s for 10,000 numbers on the test machine (after
      // a few ms for 1,000); linear is 0.05–0.2 s (0.5 s on a machine loaded 5x over its cores).
      // The bound is 10x the small cost but never under 1 s, for noise.
      expect(large, `stream=${stream}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms`).toBeLessThan(Math.max(10 * small, 1_000));
    }
  });

  it(`more than LIMITS.piiFindings findings: refused with 413 at once, never sent half-masked`, async () => {
    const before = fake.requests.length;
    const t0 = performance.now();
    const r = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: phones(20_000) }] });
    const ms = performance.now() - t0;
    expect(r.status).toBe(413);
    expect(r.body.error).toMatchObject({ type: 'pii_detected', code: 'too_many_pii_findings' });
    expect(r.body.error.message).toContain(String(LIMITS.piiFindings));
    expect(JSON.stringify(r.body)).not.toMatch(/138\d{8}/);
    expect(fake.requests.length).toBe(before);
    expect(ms).toBeLessThan(3_000); // was 5.6 s of blocked main thread; now a linear scan (~0.1 s)
    const over = await chat(baimo, key, { model: 'echo', messages: [{ role: 'user', content: phones(LIMITS.piiFindings + 1) }] });
    expect(over.status).toBe(413);
  });
});
