import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1', max_concurrency: 1 }] }],
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const waitFor = async (cond: () => boolean, ms = 3000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('a client that goes away', () => {
  it('mid-stream: the upstream call is cancelled, the slot freed and the request logged as 499', async () => {
    fake.queue.push({ kind: 'stall-after', chunks: ['hel', 'lo'] });
    const ctl = new AbortController();
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x' }], stream: true }),
      signal: ctl.signal,
    });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    const abortedBefore = fake.aborted;
    ctl.abort();
    await waitFor(() => fake.aborted > abortedBefore);
    // The row is written once usage is settled (estimated here: the stream never reported any).
    let row: Awaited<ReturnType<typeof baimo.runtime.logs.list>>[number] | undefined;
    const t0 = Date.now();
    while (!row && Date.now() - t0 < 5000) {
      await baimo.runtime.logWriter.flush();
      row = (await baimo.runtime.logs.list({ limit: 1 }))[0];
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toMatchObject({ status: 499, stream: 1, estimated: 1 });
    // max_concurrency is 1: the next request only succeeds if the slot was released.
    const ok = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(ok.status).toBe(200);
  });

  it('before the answer: the upstream call is cancelled too', async () => {
    fake.queue.push({ kind: 'hang' });
    const ctl = new AbortController();
    const p = fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x' }] }),
      signal: ctl.signal,
    }).catch(() => undefined);
    await waitFor(() => fake.requests.length > 0 && fake.queue.length === 0);
    await new Promise((r) => setTimeout(r, 50));
    const abortedBefore = fake.aborted;
    ctl.abort();
    await p;
    await waitFor(() => fake.aborted > abortedBefore);
  });
});
