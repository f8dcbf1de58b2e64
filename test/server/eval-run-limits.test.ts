import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allItems, call, startRun, uploadDataset, waitRun } from '../helpers/eval-api.js';
import { startEvalUpstream, type EvalUpstream } from '../helpers/eval-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Runs call with a virtual key whose limits apply: a low RPM is waited out (429s are not item
// errors); an upstream's 429 with retry-after likewise; transient 5xx are retried; a configuration
// error that would fail every item stops calling the model; cancel stops promptly and resume goes on
// from where the run stopped.

const qaItems = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${tag}${i}`, input: `${tag} 问题 ${i}`, reference: `答案${i}` }));

describe('run limits, retries, configuration errors, cancel and resume', () => {
  let up: EvalUpstream;
  let baimo: TestBaimo;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    up = await startEvalUpstream((c) => {
      const key = `${c.model}\u0000${c.prompt}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      const answer = `答案${c.prompt.split(' ').pop()}`;
      switch (c.model) {
        case 'busy': // the provider's own rate limit, once per prompt
          return n === 1 ? { status: 429, retryAfter: '1', message: 'slow down' } : answer;
        case 'flaky': // a 502 before each answer
          return n === 1 ? { status: 502, message: 'bad gateway' } : answer;
        case 'broken':
          return { status: 500, message: 'always broken' };
        case 'slow':
          return { text: answer, delayMs: 300 };
        default:
          return answer;
      }
    });
    baimo = await startBaimo({
      providers: {
        up: { type: 'openai-compatible', base_url: up.url },
        up2: { type: 'openai-compatible', base_url: up.url },
      },
      // The router does not retry: what is retried here is the run's doing.
      router: { retries: 0, circuit_failures: 1000 },
    });
    for (const [name, n] of [
      ['qa66', 66],
      ['qa8', 8],
      ['qa20', 20],
    ] as const) {
      const r = await uploadDataset(baimo.url, { name, type: 'qa' }, [
        {
          name: 'qa.jsonl',
          text: qaItems(n, name)
            .map((x) => JSON.stringify(x))
            .join('\n'),
        },
      ]);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await baimo?.close();
    await up?.close();
  });

  it('a key with a low RPM: the run completes without item errors, the 429s waited out', { timeout: 60_000 }, async () => {
    const key = await call(baimo.url, 'POST', '/api/workspaces/ws_default/keys', { name: 'slow key', rpm: 60 });
    expect(key.status).toBe(201);
    const run = await startRun(baimo.url, {
      suite: { name: 'rpm', type: 'qa', dataset: 'qa66', models: ['up/fast'], concurrency: 16 },
      key_id: key.body.id,
    });
    expect(run.key_id).toBe(key.body.id);
    const report = await waitRun(baimo.url, run.id, ['completed'], 50_000);
    expect(report.results[0]).toMatchObject({ done: 66, errors: 0, score: 1 });
    // The key's limit refused calls (logged under the key) and the run waited them out.
    await baimo.runtime.logWriter.flush();
    const logs = await call(baimo.url, 'GET', `/api/logs?key_id=${key.body.id}&limit=500`);
    const refused = logs.body.data.filter((l: any) => l.status === 429);
    const answered = logs.body.data.filter((l: any) => l.status === 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered).toHaveLength(66);
    expect(up.calls.filter((c) => c.model === 'fast')).toHaveLength(66);
  });

  it('an upstream 429 with retry-after is waited out; a transient 502 is retried; neither is an item error', async () => {
    const run = await startRun(baimo.url, { suite: { name: 'retry', type: 'qa', dataset: 'qa8', models: ['up/busy', 'up/flaky'] } });
    const report = await waitRun(baimo.url, run.id, ['completed'], 30_000);
    expect(report.results.map((r: any) => [r.done, r.errors, r.score])).toEqual([
      [8, 0, 1],
      [8, 0, 1],
    ]);
    const flaky = await allItems(baimo.url, run.id, 'up/flaky');
    expect(flaky.every((i) => i.attempts === 2)).toBe(true);
    const busy = await allItems(baimo.url, run.id, 'up/busy');
    expect(busy.every((i) => i.attempts === 1)).toBe(true); // a 429 wait is not an attempt
    expect(up.calls.filter((c) => c.model === 'busy')).toHaveLength(16);
  });

  it('a failure that repeats: 3 attempts and an item error; a model that cannot be called stops at once', async () => {
    const allowed = await call(baimo.url, 'POST', '/api/workspaces/ws_default/keys', {
      name: 'only ok',
      models: ['up/ok*', 'up2/*', 'nowhere/*'],
    });
    const before = up.calls.length;
    const run = await startRun(baimo.url, {
      suite: { name: 'fatal', type: 'qa', dataset: 'qa8', models: ['up2/broken', 'nowhere/model', 'up/secret', 'up/ok'], concurrency: 2 },
      key_id: allowed.body.id,
    });
    const report = await waitRun(baimo.url, run.id, ['completed'], 30_000);
    const [broken, nowhere, secret, ok] = report.results;
    expect(broken).toMatchObject({ done: 8, errors: 8 });
    expect(nowhere).toMatchObject({ done: 8, errors: 8 });
    expect(secret).toMatchObject({ done: 8, errors: 8 });
    expect(ok).toMatchObject({ done: 8, errors: 0, score: 1 });
    const brokenItems = await allItems(baimo.url, run.id, 'up2/broken');
    expect(brokenItems.map((i) => [i.status, i.attempts])).toEqual(Array.from({ length: 8 }, () => ['error', 3]));
    for (const i of brokenItems) expect(i.error_message).toContain('always broken');
    expect(new Set((await allItems(baimo.url, run.id, 'nowhere/model')).map((i) => i.error_code))).toEqual(new Set(['model_not_found']));
    expect(new Set((await allItems(baimo.url, run.id, 'up/secret')).map((i) => i.error_code))).toEqual(new Set(['model_not_allowed']));
    // The disallowed model never reached the upstream; the broken one got 3 calls an item.
    const calls = up.calls.slice(before);
    expect(calls.filter((c) => c.model === 'secret')).toHaveLength(0);
    expect(calls.filter((c) => c.model === 'broken')).toHaveLength(24);
    expect(report.run.error).toMatch(/model_not_found|nowhere\/model/);
  });

  it('cancel stops promptly and keeps what is done; resume calls only the rest', { timeout: 60_000 }, async () => {
    const run = await startRun(baimo.url, { suite: { name: 'slow', type: 'qa', dataset: 'qa20', models: ['up/slow'], concurrency: 1 } });
    await waitFor(async () => (await call(baimo.url, 'GET', `/api/eval/runs/${run.id}`)).body.run.done_items >= 3, {
      timeoutMs: 20_000,
      what: 'three items done',
    });
    const cancelled = await call(baimo.url, 'POST', `/api/eval/runs/${run.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    const callsAtCancel = up.calls.filter((c) => c.model === 'slow').length;
    await new Promise((r) => setTimeout(r, 1_000));
    // At most the call in flight finished; nothing new started.
    expect(up.calls.filter((c) => c.model === 'slow').length).toBe(callsAtCancel);
    const mid = (await call(baimo.url, 'GET', `/api/eval/runs/${run.id}`)).body;
    expect(mid.run.status).toBe('cancelled');
    expect(mid.run.done_items).toBeLessThan(20);
    const doneBefore = await allItems(baimo.url, run.id);
    const finishedAt = new Map(doneBefore.map((i) => [i.item_id, Date.parse(i.finished_at)]));

    const resumed = await call(baimo.url, 'POST', `/api/eval/runs/${run.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'queued', job_id: `job_evalrun_${run.id}_2` });
    const report = await waitRun(baimo.url, run.id, ['completed'], 40_000);
    expect(report.results[0]).toMatchObject({ done: 20, errors: 0 });
    // Items finished before the cancel were not called again.
    for (const c of up.calls.filter((x) => x.model === 'slow')) {
      const id = `qa20${c.prompt.split(' ').pop()}`;
      const at = finishedAt.get(id);
      if (at !== undefined) expect(c.at).toBeLessThanOrEqual(at);
    }
    expect(up.calls.filter((c) => c.model === 'slow').length).toBeLessThanOrEqual(21);
  });
});
