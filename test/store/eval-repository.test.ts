import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRank } from '../../src/store/eval-log-sample.js';
import { DatasetNameTakenError, EvalDatasetRepository, type NewEvalDatasetItem } from '../../src/store/eval-dataset-repository.js';
import { EvalRunRepository } from '../../src/store/eval-run-repository.js';
import { KeyRepository } from '../../src/store/key-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import type { EvalRunItemTable, EvalRunTable, RequestLogRow } from '../../src/store/schema.js';
import { logRow } from '../helpers/log-row.js';
import { openTestDatabaseWithWorkspaces, TEST_DIALECT } from '../helpers/test-database.js';

// The evaluation store on the dialect of this run (the postgres project runs it on PostgreSQL):
// dataset versions (numbered, hashed, the same items again make none), a 100,000-item version,
// concurrent writers of one dataset, runs and their finished items (idempotent, counters in step),
// keyset pages, cascading deletes, and the seeded sample of the request log.

let database: OpenedDatabase;
let datasets: EvalDatasetRepository;
let runs: EvalRunRepository;
let seq = 0;

beforeAll(async () => {
  database = await openTestDatabaseWithWorkspaces('baimo-eval-repo-', ['ws_a', 'ws_b']);
  datasets = new EvalDatasetRepository(database.db);
  runs = new EvalRunRepository(database.db);
});
afterAll(async () => {
  await database?.close();
});

const newDataset = (name: string, workspace = 'ws_a', type: 'mcq' | 'qa' = 'qa') =>
  datasets.createDataset({ id: `ds_t${++seq}`, workspace_id: workspace, name, type, description: '', created_by: 'usr_x' });

const qaItems = (n: number, tag = ''): NewEvalDatasetItem[] =>
  Array.from({ length: n }, (_, k) => ({
    item_id: `q${k}`,
    subject: null,
    split: null,
    data: { id: `q${k}`, input: `问题 ${k}${tag}`, reference: `答案 ${k}`, references: [`答案 ${k}`], line: k + 1 },
  }));

const version = (items: NewEvalDatasetItem[], note = '') => ({
  format: 'qa' as const,
  source: 'upload' as const,
  note,
  meta: { files: ['qa.jsonl'] },
  created_by: 'usr_x',
  items,
});

const count = async (table: 'eval_dataset_items' | 'eval_dataset_versions' | 'eval_run_items', where: Record<string, string>) => {
  let q = database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

describe(`datasets and versions (${TEST_DIALECT})`, () => {
  it('names are unique per workspace; the same name in another workspace is fine', async () => {
    const d = await newDataset('bank');
    expect(d).toMatchObject({ workspace_id: 'ws_a', name: 'bank', latest_version: 0, type: 'qa' });
    await expect(newDataset('bank')).rejects.toBeInstanceOf(DatasetNameTakenError);
    await expect(newDataset('bank', 'ws_b')).resolves.toMatchObject({ workspace_id: 'ws_b' });
    expect(await datasets.datasetByName('ws_a', 'bank')).toEqual(d);
    expect(await datasets.getDataset(d.id)).toEqual(d);
    expect(await datasets.datasetByName('ws_a', 'nope')).toBeUndefined();
    const other = await newDataset('another');
    await expect(datasets.updateDataset(other.id, { name: 'bank' })).rejects.toBeInstanceOf(DatasetNameTakenError);
    const renamed = await datasets.updateDataset(other.id, { name: 'alpha', description: 'first by name' });
    expect(renamed).toMatchObject({ name: 'alpha', description: 'first by name' });
    expect((await datasets.listDatasets('ws_a')).map((x) => x.name)).toEqual(['alpha', 'bank']);
    expect(await datasets.updateDataset('ds_missing', { description: 'x' })).toBeUndefined();
  });

  it('numbers versions, hashes the items, and makes no version for the same items again', async () => {
    const d = await newDataset('versions');
    const v1 = await datasets.addVersion(d.id, version(qaItems(3)));
    expect(v1.created).toBe(true);
    expect(v1.version).toMatchObject({ dataset_id: d.id, version: 1, item_count: 3, format: 'qa', source: 'upload', created_by: 'usr_x' });
    expect(JSON.parse(v1.version.meta)).toEqual({ files: ['qa.jsonl'] });
    // The hash is over each item's canonical JSON ({data, item_id, split, subject}, keys sorted), one per line.
    const expected = createHash('sha256');
    for (const it of qaItems(3)) {
      const d = it.data as Record<string, unknown>;
      const data = `{"id":${JSON.stringify(d.id)},"input":${JSON.stringify(d.input)},"line":${d.line},"reference":${JSON.stringify(d.reference)},"references":${JSON.stringify(d.references)}}`;
      expected.update(`{"data":${data},"item_id":"${it.item_id}","split":null,"subject":null}\n`);
    }
    expect(v1.version.content_hash).toBe(expected.digest('hex'));

    // The same items (keys in another order) again: the newest version back, nothing written.
    const reordered = qaItems(3).map((it) => ({ ...it, data: Object.fromEntries(Object.entries(it.data).reverse()) }));
    const again = await datasets.addVersion(d.id, version(reordered, 'again'));
    expect(again).toEqual({ version: v1.version, created: false });
    expect(await count('eval_dataset_versions', { dataset_id: d.id })).toBe(1);

    const v2 = await datasets.addVersion(d.id, version(qaItems(4)));
    expect(v2).toMatchObject({ created: true, version: { version: 2, item_count: 4 } });
    // Back to the first items: compared with the newest only, so a third version.
    const v3 = await datasets.addVersion(d.id, version(qaItems(3)));
    expect(v3).toMatchObject({ created: true, version: { version: 3, content_hash: v1.version.content_hash } });
    expect((await datasets.getDataset(d.id))?.latest_version).toBe(3);
    expect((await datasets.versions(d.id)).map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await datasets.getVersion(d.id, 2)).toEqual(v2.version);
    expect(await datasets.getVersion(d.id, 9)).toBeUndefined();

    const items = await datasets.items(d.id, 2, { limit: 10 });
    expect(items.map((i) => [i.seq, i.item_id])).toEqual([
      [0, 'q0'],
      [1, 'q1'],
      [2, 'q2'],
      [3, 'q3'],
    ]);
    expect(JSON.parse(items[1].data)).toEqual(qaItems(4)[1].data);
    expect((await datasets.items(d.id, 2, { afterSeq: 1, limit: 2 })).map((i) => i.seq)).toEqual([2, 3]);
    expect(await datasets.items(d.id, 2, { afterSeq: 3, limit: 2 })).toEqual([]);
  });

  it('stores MCQ subject and split beside each item', async () => {
    const d = await newDataset('mcq-bank', 'ws_a', 'mcq');
    const items = ['dev', 'val'].map((split, k) => ({
      item_id: `law/${split}/${k}`,
      subject: 'law',
      split,
      data: { id: `law/${split}/${k}`, question: '问', options: { A: '1', B: '2', C: '3', D: '4' }, answer: 'A' },
    }));
    await datasets.addVersion(d.id, { ...version(items), format: 'ceval' });
    const rows = await datasets.items(d.id, 1, { limit: 5 });
    expect(rows.map((r) => [r.item_id, r.subject, r.split])).toEqual([
      ['law/dev/0', 'law', 'dev'],
      ['law/val/1', 'law', 'val'],
    ]);
  });

  it('stores a 100,000-item version in one go, and reads it back in keyset pages', async () => {
    const d = await newDataset('big');
    const items = qaItems(100_000);
    let t = performance.now();
    const r = await datasets.addVersion(d.id, version(items));
    const addMs = performance.now() - t;
    expect(r.version.item_count).toBe(100_000);
    t = performance.now();
    const same = await datasets.addVersion(d.id, version(items));
    const sameMs = performance.now() - t;
    expect(same.created).toBe(false);
    t = performance.now();
    let read = 0;
    let inOrder = true;
    let after: number | undefined;
    for (;;) {
      const page = await datasets.items(d.id, 1, { afterSeq: after, limit: 1000 });
      for (const row of page) inOrder &&= row.seq === read++;
      if (page.length < 1000) break;
      after = page[page.length - 1].seq;
    }
    const readMs = performance.now() - t;
    expect(read).toBe(100_000);
    expect(inOrder).toBe(true);
    const last = await datasets.items(d.id, 1, { afterSeq: 99_998, limit: 5 });
    expect(last.map((x) => x.item_id)).toEqual(['q99999']);
    console.log(
      `[eval-repository ${TEST_DIALECT}] 100,000 items: addVersion ${Math.round(addMs)} ms, same items again ${Math.round(sameMs)} ms, read in pages of 1,000 ${Math.round(readMs)} ms`,
    );
    // Generous bound: a regression to row-at-a-time inserts takes minutes.
    expect(addMs).toBeLessThan(30_000);
    t = performance.now();
    expect(await datasets.deleteDataset(d.id)).toBe(true);
    console.log(`[eval-repository ${TEST_DIALECT}] deleting it (cascade): ${Math.round(performance.now() - t)} ms`);
    expect(await count('eval_dataset_items', { dataset_id: d.id })).toBe(0);
  }, 120_000);

  it('concurrent writers of one dataset take turns: distinct versions, no collision', async () => {
    const d = await newDataset('busy');
    const results = await Promise.all(Array.from({ length: 6 }, (_, k) => datasets.addVersion(d.id, version(qaItems(50 + k, `#${k}`)))));
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.version.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of results)
      expect(await count('eval_dataset_items', { dataset_id: d.id, version: String(r.version.version) })).toBe(r.version.item_count);
    expect((await datasets.getDataset(d.id))?.latest_version).toBe(6);

    // The same new items from several writers at once: one version made, the others get it back.
    const same = await Promise.all(Array.from({ length: 4 }, () => datasets.addVersion(d.id, version(qaItems(20, 'same')))));
    expect(same.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(same.map((r) => r.version.version))).toEqual(new Set([7]));
  });

  it('deleting a dataset deletes its versions and items; deleting a workspace deletes its datasets', async () => {
    const d = await newDataset('doomed', 'ws_b');
    await datasets.addVersion(d.id, version(qaItems(5)));
    await datasets.addVersion(d.id, version(qaItems(6)));
    expect(await count('eval_dataset_items', { dataset_id: d.id })).toBe(11);
    expect(await datasets.deleteDataset(d.id)).toBe(true);
    expect(await datasets.deleteDataset(d.id)).toBe(false);
    expect(await count('eval_dataset_versions', { dataset_id: d.id })).toBe(0);
    expect(await count('eval_dataset_items', { dataset_id: d.id })).toBe(0);

    await database.db.insertInto('workspaces').values({ id: 'ws_gone', name: 'gone', created_at: 1 }).execute();
    const g = await newDataset('g', 'ws_gone');
    await datasets.addVersion(g.id, version(qaItems(2)));
    await database.db.deleteFrom('workspaces').where('id', '=', 'ws_gone').execute();
    expect(await datasets.getDataset(g.id)).toBeUndefined();
    expect(await count('eval_dataset_items', { dataset_id: g.id })).toBe(0);
  });
});

const newRun = async (over: Partial<EvalRunTable> = {}): Promise<EvalRunTable> => {
  const ds = await newDataset(`run-ds-${++seq}`);
  await datasets.addVersion(ds.id, version(qaItems(3)));
  const {
    done_items: _d,
    error_items: _e,
    ...row
  } = {
    id: `evr_t${++seq}`,
    workspace_id: 'ws_a',
    name: 'suite',
    type: 'qa' as const,
    suite: '{"name":"suite"}',
    dataset_id: ds.id,
    dataset_version: 1,
    key_id: null,
    status: 'queued' as const,
    job_id: null,
    total_items: 6,
    done_items: 0,
    error_items: 0,
    error: null,
    summary: null,
    created_by: 'usr_x',
    created_at: 1000,
    started_at: null,
    finished_at: null,
    ...over,
  };
  return runs.createRun(row);
};

const runItem = (runId: string, model: string, k: number, over: Partial<EvalRunItemTable> = {}): EvalRunItemTable => ({
  run_id: runId,
  model,
  item_id: `q${k}`,
  seq: k,
  subject: null,
  status: 'ok',
  score: 1,
  detail: '{"exact_match":1}',
  reply: `答案 ${k}`,
  error_code: null,
  error_message: null,
  prompt_tokens: 10,
  completion_tokens: 2,
  cost: 0.001,
  currency: 'CNY',
  cost_cny: 0.001,
  latency_ms: 120,
  attempts: 1,
  request_id: `req_${runId}_${model}_${k}`,
  finished_at: 2000 + k,
  ...over,
});

describe(`runs and their items (${TEST_DIALECT})`, () => {
  it('creates, reads, updates and counts runs of a dataset', async () => {
    const run = await newRun();
    expect(run).toMatchObject({ done_items: 0, error_items: 0, status: 'queued' });
    expect(await runs.getRun(run.id)).toEqual(run);
    expect(await datasets.runsOfDataset(run.dataset_id)).toBe(1);
    const updated = await runs.updateRun(run.id, { status: 'running', job_id: 'job_1', started_at: 1500 });
    expect(updated).toMatchObject({ status: 'running', job_id: 'job_1', started_at: 1500, finished_at: null });
    expect(await runs.updateRun(run.id, {})).toEqual(updated);
    expect(await runs.updateRun('evr_missing', { status: 'failed' })).toBeUndefined();
    const done = await runs.updateRun(run.id, { status: 'completed', finished_at: 3000, summary: '[{"model":"m"}]', error: null });
    expect(done).toMatchObject({ status: 'completed', finished_at: 3000, summary: '[{"model":"m"}]' });
  });

  it('recordItem inserts once, moves the counters with it, and is idempotent under concurrency', async () => {
    const run = await newRun();
    expect(await runs.recordItem(runItem(run.id, 'm1', 0))).toBe(true);
    expect(await runs.recordItem(runItem(run.id, 'm1', 1, { status: 'error', score: null, error_code: 'total_timeout' }))).toBe(true);
    // Again (a resumed worker): nothing changes.
    expect(await runs.recordItem(runItem(run.id, 'm1', 0, { score: 0 }))).toBe(false);
    expect(await runs.getRun(run.id)).toMatchObject({ done_items: 2, error_items: 1 });

    // Many workers recording the same items at once: each item once, the counters equal the rows.
    const attempts = await Promise.all(
      Array.from({ length: 24 }, (_, k) => runs.recordItem(runItem(run.id, 'm2', k % 3, { status: k % 3 === 2 ? 'error' : 'ok' }))),
    );
    expect(attempts.filter(Boolean)).toHaveLength(3);
    expect(await runs.getRun(run.id)).toMatchObject({ done_items: 5, error_items: 2 });
    expect(await count('eval_run_items', { run_id: run.id })).toBe(5);
    expect(await runs.finishedItemIds(run.id, 'm1')).toEqual(new Set(['q0', 'q1']));
    expect(await runs.finishedItemIds(run.id, 'm2')).toEqual(new Set(['q0', 'q1', 'q2']));
    expect(await runs.finishedItemIds(run.id, 'm3')).toEqual(new Set());
    const stored = (await runs.runItems(run.id, { model: 'm1', limit: 1 }))[0];
    expect(stored).toEqual(runItem(run.id, 'm1', 0));
  });

  it('recordItems stores many in one transaction: duplicates skipped, the counters moved once, past a statement batch', async () => {
    const run = await newRun();
    expect(await runs.recordItems(run.id, [])).toBe(0);
    expect(await runs.recordItem(runItem(run.id, 'm1', 0))).toBe(true);
    const rows = Array.from({ length: 1_203 }, (_, k) => runItem(run.id, 'm1', k, { status: k % 100 === 7 ? 'error' : 'ok' }));
    // q0 is there already; the others go in (three statements of at most 500).
    expect(await runs.recordItems(run.id, rows)).toBe(1_202);
    expect(await runs.getRun(run.id)).toMatchObject({ done_items: 1_203, error_items: 12 });
    expect(await runs.recordItems(run.id, rows.slice(0, 10))).toBe(0);
    expect(await count('eval_run_items', { run_id: run.id })).toBe(1_203);
    expect((await runs.runItems(run.id, { model: 'm1', afterSeq: 1_201, limit: 5 }))[0]).toEqual(rows[1_202]);
  });

  it('recordItems stores a batch in one transaction, skips what the run has, and moves the counters by what it inserted', async () => {
    const run = await newRun();
    expect(await runs.recordItem(runItem(run.id, 'm', 0))).toBe(true);
    const batch = [0, 1, 2, 3].map((k) => runItem(run.id, 'm', k, { status: k === 3 ? 'error' : 'ok' }));
    expect(await runs.recordItems(run.id, batch)).toBe(3);
    expect(await runs.recordItems(run.id, [])).toBe(0);
    expect(await runs.getRun(run.id)).toMatchObject({ done_items: 4, error_items: 1 });
    // More rows than one statement takes; then all of them again.
    const many = Array.from({ length: 1200 }, (_, k) => runItem(run.id, 'big', k, { status: k % 100 === 0 ? 'error' : 'ok' }));
    expect(await runs.recordItems(run.id, many)).toBe(1200);
    expect(await runs.recordItems(run.id, many)).toBe(0);
    expect(await runs.getRun(run.id)).toMatchObject({ done_items: 1204, error_items: 13 });
    expect(await count('eval_run_items', { run_id: run.id })).toBe(1204);
    expect((await runs.finishedItemIds(run.id, 'big')).size).toBe(1200);
  });

  it('pages items by (model, seq), filters by status, and iterates all of them', async () => {
    const run = await newRun({ total_items: 3 * 1500 });
    const models = ['b-model', 'a-model', 'c-model'];
    // Written directly (the counters are recordItem's business, tested above): 4,500 rows, 100 per INSERT.
    const rows = models.flatMap((m) =>
      Array.from({ length: 1500 }, (_, k) => runItem(run.id, m, k, { status: k % 7 === 0 ? 'error' : 'ok' })),
    );
    for (let i = 0; i < rows.length; i += 100)
      await database.db
        .insertInto('eval_run_items')
        .values(rows.slice(i, i + 100))
        .execute();
    const page1 = await runs.runItems(run.id, { model: 'a-model', limit: 4 });
    expect(page1.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    const page2 = await runs.runItems(run.id, { model: 'a-model', afterSeq: 3, limit: 2 });
    expect(page2.map((r) => r.seq)).toEqual([4, 5]);
    const errors = await runs.runItems(run.id, { model: 'c-model', status: 'error', limit: 3 });
    expect(errors.map((r) => r.seq)).toEqual([0, 7, 14]);
    // Across models: (model, seq) order, continued after (model, seq).
    const first = await runs.runItems(run.id, { limit: 2 });
    expect(first.map((r) => [r.model, r.seq])).toEqual([
      ['a-model', 0],
      ['a-model', 1],
    ]);
    const boundary = await runs.runItems(run.id, { afterModel: 'a-model', afterSeq: 1498, limit: 3 });
    expect(boundary.map((r) => [r.model, r.seq])).toEqual([
      ['a-model', 1499],
      ['b-model', 0],
      ['b-model', 1],
    ]);
    const all: Array<[string, number]> = [];
    for await (const r of runs.allRunItems(run.id)) all.push([r.model, r.seq]);
    expect(all).toHaveLength(4500);
    expect(all.slice(1499, 1501)).toEqual([
      ['a-model', 1499],
      ['b-model', 0],
    ]);
    expect(all[4499]).toEqual(['c-model', 1499]);
  });

  it('lists runs newest first with a keyset cursor and filters; deleting a run deletes its items', async () => {
    await database.db.insertInto('workspaces').values({ id: 'ws_runs', name: 'runs', created_at: 1 }).execute();
    const made: EvalRunTable[] = [];
    for (let k = 0; k < 7; k++)
      made.push(
        await newRun({
          workspace_id: 'ws_runs',
          created_at: 5000 + Math.floor(k / 2), // pairs share a time: the id breaks the tie
          name: k % 2 ? 'odd' : 'even',
          status: k === 3 ? 'failed' : 'queued',
        }),
      );
    const newestFirst = [...made].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    const seen: string[] = [];
    let before: { created_at: number; id: string } | undefined;
    for (;;) {
      const page = await runs.listRuns('ws_runs', { limit: 3, before });
      seen.push(...page.map((r) => r.id));
      if (page.length < 3) break;
      const last = page[page.length - 1];
      before = { created_at: last.created_at, id: last.id };
    }
    expect(seen).toEqual(newestFirst);
    expect((await runs.listRuns('ws_runs', { limit: 10, status: 'failed' })).map((r) => r.id)).toEqual([made[3].id]);
    expect((await runs.listRuns('ws_runs', { limit: 10, name: 'odd' })).map((r) => r.id).sort()).toEqual(
      [made[1], made[3], made[5]].map((r) => r.id).sort(),
    );
    expect(await runs.listRuns('ws_b', { limit: 10 })).toEqual([]);

    const run = made[0];
    await runs.recordItem(runItem(run.id, 'm', 0));
    expect(await runs.deleteRun(run.id)).toBe(true);
    expect(await runs.deleteRun(run.id)).toBe(false);
    expect(await count('eval_run_items', { run_id: run.id })).toBe(0);
    expect(await datasets.runsOfDataset(run.dataset_id)).toBe(0);
  });
});

describe(`sampling the request log (${TEST_DIALECT})`, () => {
  const base = Date.now() - 3_600_000;
  const rows: RequestLogRow[] = [];
  const qualifying: string[] = [];
  beforeAll(async () => {
    // 12,000 rows (more than two scan pages), several per millisecond, some of them not eligible.
    for (let k = 0; k < 12_000; k++) {
      const id = `req_smp_${String(k).padStart(6, '0')}`;
      const kind = k % 10;
      const row = logRow({
        id,
        created_at: base + Math.floor(k / 3),
        workspace_id: kind === 9 ? 'ws_b' : 'ws_a',
        model_requested: k % 2 ? 'chat' : 'other',
        app_slug: k % 4 === 0 ? 'faq' : null,
        endpoint: kind === 8 ? 'embeddings' : 'chat',
        status: kind === 7 ? 500 : 200,
        request_body: kind === 6 ? null : JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `问题 ${k}` }] }),
        response_body: kind === 5 ? null : JSON.stringify({ content: `答案 ${k}`, toolCalls: [], finishReason: 'stop' }),
      });
      rows.push(row);
      if (kind < 6 && kind !== 9) qualifying.push(id);
    }
    for (let i = 0; i < rows.length; i += 80)
      await database.db
        .insertInto('request_logs')
        .values(rows.slice(i, i + 80))
        .execute();
  }, 120_000);

  const bottom = (ids: string[], seed: number, k: number) =>
    [...ids].sort((a, b) => sampleRank(a, seed) - sampleRank(b, seed) || (a < b ? -1 : 1)).slice(0, k);

  it('draws the bottom-k sample by seeded rank: deterministic, the same as an independent pick, oldest first', async () => {
    const t = performance.now();
    const sample = await datasets.sampleLogs({ workspaceId: 'ws_a', limit: 50, seed: 7 });
    console.log(`[eval-repository ${TEST_DIALECT}] sampling 50 of 12,000 log rows: ${Math.round(performance.now() - t)} ms`);
    expect(sample).toHaveLength(50);
    expect(sample.map((s) => s.id).sort()).toEqual(bottom(qualifying, 7, 50).sort());
    const times = sample.map((s) => s.created_at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sample[0].request_body).toContain('"role":"user"');
    expect(await datasets.sampleLogs({ workspaceId: 'ws_a', limit: 50, seed: 7 })).toEqual(sample);
    const other = await datasets.sampleLogs({ workspaceId: 'ws_a', limit: 50, seed: 8 });
    expect(other.map((s) => s.id)).not.toEqual(sample.map((s) => s.id));
    // Rows without a response body qualify (judge items may lack a reference).
    const withNull = await datasets.sampleLogs({ workspaceId: 'ws_a', limit: 5000, seed: 1 });
    expect(withNull.some((s) => s.response_body === null)).toBe(true);
  });

  it('filters by model, app and time; asks for more than there are: all of them', async () => {
    const chat = await datasets.sampleLogs({ workspaceId: 'ws_a', model: 'chat', limit: 40, seed: 3 });
    expect(chat.every((s) => s.model === 'chat')).toBe(true);
    const faqIds = qualifying.filter((id) => Number(id.slice(-6)) % 4 === 0);
    const faq = await datasets.sampleLogs({ workspaceId: 'ws_a', appSlug: 'faq', limit: 10_000, seed: 3 });
    expect(faq.map((s) => s.id).sort()).toEqual(faqIds.sort());
    const from = base + 1000;
    const to = base + 1100;
    const ranged = await datasets.sampleLogs({ workspaceId: 'ws_a', from, to, limit: 10_000, seed: 3 });
    const eligible = new Set(qualifying);
    const inRange = rows.filter((r) => eligible.has(r.id) && r.created_at >= from && r.created_at < to).map((r) => r.id);
    expect(ranged.map((s) => s.id).sort()).toEqual(inRange.sort());
    expect(await datasets.sampleLogs({ workspaceId: 'ws_b', model: 'nope', limit: 10, seed: 1 })).toEqual([]);
    const ids = await datasets.sampleLogIds({ workspaceId: 'ws_a', limit: 20, seed: 9 });
    expect(ids.map((r) => r.id).sort()).toEqual(bottom(qualifying, 9, 20).sort());
  });

  it("leaves out calls made with the workspace's keys of the excluded name (the evaluation key's own calls)", async () => {
    const keys = new KeyRepository(database);
    await keys.create({ id: 'key_smp_eval', key_hash: 'h_smp_eval', prefix: 'sk-x', workspace_id: 'ws_a', name: 'baimo-eval' }, {});
    await keys.create({ id: 'key_smp_user', key_hash: 'h_smp_user', prefix: 'sk-y', workspace_id: 'ws_a', name: 'team' }, {});
    const body = (k: number) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: `键 ${k}` }] });
    const extra = [0, 1, 2, 3].map((k) =>
      logRow({
        id: `req_key_${k}`,
        created_at: base,
        workspace_id: 'ws_a',
        model_requested: 'keyed',
        endpoint: 'chat',
        status: 200,
        key_id: k < 2 ? 'key_smp_eval' : 'key_smp_user',
        request_body: body(k),
        response_body: null,
      }),
    );
    await database.db.insertInto('request_logs').values(extra).execute();
    const all = await datasets.sampleLogs({ workspaceId: 'ws_a', model: 'keyed', limit: 10, seed: 1 });
    expect(all.map((s) => s.id).sort()).toEqual(['req_key_0', 'req_key_1', 'req_key_2', 'req_key_3']);
    const kept = await datasets.sampleLogs({ workspaceId: 'ws_a', model: 'keyed', limit: 10, seed: 1, excludeKeyNamed: 'baimo-eval' });
    expect(kept.map((s) => s.id).sort()).toEqual(['req_key_2', 'req_key_3']);
  });

  it('cuts long bodies at maxBodyChars + 1 so the caller can skip them', async () => {
    const [one] = await datasets.sampleLogs({ workspaceId: 'ws_a', limit: 1, seed: 5, maxBodyChars: 10 });
    expect(one.request_body).toHaveLength(11);
  });
});
