import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allItems, call, startRun, uploadDataset, waitRun } from '../helpers/eval-api.js';
import { startEvalUpstream, type EvalUpstream } from '../helpers/eval-upstream.js';
import { waitFor } from '../helpers/wait-for.js';
import { spawnBaimo, type SpawnedBaimo } from '../security/load/spawn-baimo.js';

// Issue 19, acceptance: kill the server (-9) in the middle of a run, start it again on the same
// database: the run's job is taken up again and resumes. Every model × item is finished exactly once
// (total == dataset size × models), and the fake upstream — which lives in this process and so counts
// the calls of both servers — sees no item called again after it was finished.

const N = 30;
const MODELS = ['up/alpha', 'up/beta'];
const CONCURRENCY = 2;
const items = Array.from({ length: N }, (_, i) => ({ id: `k${i}`, input: `重启测试问题 ${i}`, reference: `答${i}` }));

describe('kill -9 during a run, then restart', () => {
  let up: EvalUpstream;
  let first: SpawnedBaimo | undefined;
  let second: SpawnedBaimo | undefined;

  beforeAll(async () => {
    up = await startEvalUpstream((c) => ({ text: `答${c.prompt.split(' ').pop()}`, delayMs: 150 }));
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await up?.close();
  });

  it('resumes where it stopped: every item once, none called again after it was finished', { timeout: 120_000 }, async () => {
    const config = {
      providers: { up: { type: 'openai-compatible', base_url: up.url } },
      // A short lease: the killed worker's claim on the job runs out within seconds.
      jobs: { lease_s: 2, poll_ms: 50 },
    };
    first = await spawnBaimo(config);
    const ds = await uploadDataset(first.url, { name: 'restart', type: 'qa' }, [
      { name: 'restart.jsonl', text: items.map((x) => JSON.stringify(x)).join('\n') },
    ]);
    expect(ds.status, JSON.stringify(ds.body)).toBe(201);
    const run = await startRun(first.url, {
      suite: { name: 'restart', type: 'qa', dataset: 'restart', models: MODELS, concurrency: CONCURRENCY },
    });
    expect(run.total_items).toBe(N * MODELS.length);

    // Kill it once about a third of the calls were made.
    await waitFor(() => up.calls.length >= 20, { timeoutMs: 30_000, what: 'twenty calls' });
    const during = await call(first.url, 'GET', `/api/eval/runs/${run.id}`);
    expect(during.body.run.status).toBe('running');
    first.child.kill('SIGKILL');
    await new Promise<void>((r) =>
      first!.child.exitCode !== null || first!.child.signalCode !== null ? r() : first!.child.once('exit', () => r()),
    );
    const callsBefore = up.calls.length;
    expect(callsBefore).toBeLessThan(N * MODELS.length);

    second = await spawnBaimo({ ...config, database: first.database });
    const report = await waitRun(second.url, run.id, ['completed'], 60_000);
    expect(report.run).toMatchObject({
      status: 'completed',
      total_items: N * MODELS.length,
      done_items: N * MODELS.length,
      error_items: 0,
    });
    for (const r of report.results) expect(r).toMatchObject({ items: N, done: N, errors: 0, score: 1 });

    const finished = await allItems(second.url, run.id);
    expect(finished).toHaveLength(N * MODELS.length);
    expect(new Set(finished.map((i) => `${i.model}/${i.item_id}`)).size).toBe(N * MODELS.length);
    // No call of an item after its completion; at most the calls in flight at the kill were made twice.
    for (const it of finished) {
      const prompt = items.find((x) => x.id === it.item_id)!.input;
      const model = it.model.split('/')[1];
      const at = Date.parse(it.finished_at);
      const calls = up.calls.filter((c) => c.model === model && c.prompt === prompt);
      expect(calls.length).toBeGreaterThanOrEqual(1);
      expect(
        calls.filter((c) => c.at > at),
        `${it.model} ${it.item_id} called after it was finished`,
      ).toEqual([]);
    }
    expect(up.calls.length - N * MODELS.length).toBeLessThanOrEqual(CONCURRENCY * MODELS.length);
    // The second process called only what the first had not finished.
    expect(up.calls.length - callsBefore).toBeLessThan(N * MODELS.length);
  });
});
