import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mcqMessages } from '../../src/eval/mcq-prompt.js';
import type { McqItem } from '../../src/eval/dataset-formats.js';
import { allItems, call, cevalFiles, cevalQuestions, startRun, uploadDataset, waitRun, type CevalQuestion } from '../helpers/eval-api.js';
import { startEvalUpstream, type EvalUpstream } from '../helpers/eval-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Issue 19, acceptance: an MCQ run against a fake upstream that answers a known subset correctly
// reports exactly that accuracy, per subject and overall, and the few-shot prompts the upstream
// receives follow the documented template. Every call goes through the gateway with the workspace's
// evaluation key: its log rows carry the key, and each item's cost, latency and request id are kept.

const SUBJECTS = {
  computer_network: { dev: cevalQuestions('computer_network', 'dev', 5), val: cevalQuestions('computer_network', 'val', 12, 1) },
  law: { dev: cevalQuestions('law', 'dev', 5, 2), val: cevalQuestions('law', 'val', 8, 3) },
};
const VAL: Array<CevalQuestion & { subject: string }> = Object.entries(SUBJECTS).flatMap(([subject, s]) =>
  s.val.map((q) => ({ ...q, subject })),
);
/** The questions `good` answers right: computer_network 0, 2, 4, 6, 8 (5 of 12) and law 0..5 (6 of 8). */
const RIGHT = new Set(VAL.filter((q) => (q.subject === 'law' ? q.id < 6 : q.id % 2 === 0 && q.id < 10)).map((q) => q.question));
const next = (l: string) => 'ABCD'[('ABCD'.indexOf(l) + 1) % 4];

describe('MCQ run through the gateway', () => {
  let up: EvalUpstream;
  let baimo: TestBaimo;

  beforeAll(async () => {
    const byPrompt = new Map(VAL.map((q) => [q.question, q]));
    up = await startEvalUpstream((c) => {
      const q = [...byPrompt.values()].find((v) => c.prompt.includes(v.question));
      if (!q) return '不知道';
      if (c.model === 'good') return RIGHT.has(q.question) ? `答案是${q.answer}。` : `经过分析，故选${next(q.answer)}`;
      return '我无法确定。'; // no letter: wrong, not an error
    });
    baimo = await startBaimo({
      providers: { up: { type: 'openai-compatible', base_url: up.url } },
      models: [{ name: 'good-alias', targets: [{ provider: 'up', model: 'good' }] }],
      // 100 prompt and 10 completion tokens a call: 100 × 2 + 10 × 8 = 280 per million → 0.00028 CNY.
      prices: [{ model: 'up/*', input: 2, output: 8, currency: 'CNY' }],
    });
    const ds = await uploadDataset(baimo.url, { name: 'ceval-mini' }, cevalFiles(SUBJECTS));
    expect(ds.status, JSON.stringify(ds.body)).toBe(201);
  });
  afterAll(async () => {
    await baimo?.close();
    await up?.close();
  });

  it('reports exactly the known accuracy per subject and overall; the prompts follow the template', async () => {
    const run = await startRun(baimo.url, {
      suite: { name: 'ceval mini', type: 'mcq', dataset: 'ceval-mini', models: ['good-alias', 'up/mute'], shots: 5, concurrency: 3 },
    });
    expect(run).toMatchObject({ status: 'queued', type: 'mcq', total_items: 2 * VAL.length, models: ['good-alias', 'up/mute'] });
    expect(run.dataset).toMatchObject({ name: 'ceval-mini', version: 1 });
    const report = await waitRun(baimo.url, run.id);
    expect(report.run).toMatchObject({ status: 'completed', done_items: 2 * VAL.length, error_items: 0, progress: 1 });
    const [good, mute] = report.results;
    expect(good.model).toBe('good-alias');
    expect(good.accuracy).toBe(RIGHT.size / VAL.length);
    expect(good.subjects).toEqual([
      { id: 'computer_network', name: { en: 'Computer Network', zh: '计算机网络' }, items: 12, score: 5 / 12 },
      { id: 'law', name: { en: 'Law', zh: '法学' }, items: 8, score: 6 / 8 },
    ]);
    expect(good.groups).toEqual([
      { id: 'stem', name: { en: 'STEM', zh: '理工（STEM）' }, items: 12, score: 5 / 12 },
      { id: 'humanities', name: { en: 'Humanities', zh: '人文科学' }, items: 8, score: 6 / 8 },
    ]);
    expect(mute.accuracy).toBe(0);
    expect(mute.errors).toBe(0);
    // Cost: 20 items × 0.00028 CNY; latency measured.
    expect(good.cost_cny).toBeCloseTo(20 * 0.00028, 10);
    expect(good.cost_per_1k_cny).toBeCloseTo(0.28, 8);
    expect(good.cost_usd).toBeCloseTo(good.cost_cny / report.usd_cny, 12);
    expect(good.p50_ms).toBeGreaterThan(0);
    expect(good.prompt_tokens).toBe(20 * 100);
    expect(report.suite).toMatchObject({ dataset: 'ceval-mini@1', format: 'ceval', shots: 5, parameters: { temperature: 0 } });

    // One call per item and model, temperature 0, no streaming; each prompt the documented 5-shot turns.
    expect(up.calls).toHaveLength(2 * VAL.length);
    for (const c of up.calls) {
      expect(c.body).toMatchObject({ temperature: 0, stream: false });
      const q = VAL.find((v) => c.prompt.includes(v.question))!;
      const dev = SUBJECTS[q.subject as keyof typeof SUBJECTS].dev;
      const zh = q.subject === 'law' ? '法学' : '计算机网络';
      const text = (x: CevalQuestion) =>
        `以下是中国关于${zh}考试的单项选择题，请选出其中的正确答案。\n${x.question}\nA. ${x.options[0]}\nB. ${x.options[1]}\nC. ${x.options[2]}\nD. ${x.options[3]}\n答案: `;
      const expected = [
        ...dev.flatMap((d) => [
          { role: 'user', content: text(d) },
          { role: 'assistant', content: d.answer },
        ]),
        { role: 'user', content: text(q) },
      ];
      expect(c.messages).toEqual(expected);
      // …which is what mcqMessages makes of the stored items.
      const asItem = (x: CevalQuestion, split: 'dev' | 'val'): McqItem => ({
        id: `${q.subject}/${split}/${x.id}`,
        subject: q.subject,
        split,
        question: x.question,
        options: { A: x.options[0], B: x.options[1], C: x.options[2], D: x.options[3] },
        answer: x.answer,
        file: '',
        line: 0,
      });
      expect(c.messages).toEqual(mcqMessages(asItem(q, 'val'), { format: 'ceval', shots: dev.map((d) => asItem(d, 'dev')) }));
    }

    // Items: the extracted choice and the answer, cost, latency and the request id of the log row.
    const items = await allItems(baimo.url, run.id, 'good-alias');
    expect(items).toHaveLength(VAL.length);
    for (const it of items) {
      const q = VAL.find((v) => `${v.subject}/val/${v.id}` === it.item_id)!;
      expect(it.detail.answer).toBe(q.answer);
      expect(it.detail.choice).toBe(RIGHT.has(q.question) ? q.answer : next(q.answer));
      expect(it.score).toBe(RIGHT.has(q.question) ? 1 : 0);
      expect(it).toMatchObject({
        status: 'ok',
        subject: q.subject,
        currency: 'CNY',
        prompt_tokens: 100,
        completion_tokens: 10,
        attempts: 1,
      });
      expect(it.cost_cny).toBeCloseTo(0.00028, 12);
      expect(it.latency_ms).toBeGreaterThanOrEqual(0);
      expect(it.request_id).toMatch(/^req_/);
    }

    // The calls were made with the workspace's evaluation key: listed with its keys, on every log row.
    const keys = await call(baimo.url, 'GET', '/api/workspaces/ws_default/keys');
    const evalKey = keys.body.data.find((k: any) => k.name === 'baimo-eval');
    expect(evalKey).toBeDefined();
    expect(JSON.stringify(evalKey)).not.toMatch(/sk-bm-[A-Za-z0-9]{20}/);
    expect(run.key_id).toBe(evalKey.id);
    await baimo.runtime.logWriter.flush();
    const logs = await call(baimo.url, 'GET', `/api/logs?key_id=${evalKey.id}&limit=500`);
    expect(logs.body.data).toHaveLength(2 * VAL.length);
    const logIds = new Set(logs.body.data.map((l: any) => l.id));
    for (const it of items) expect(logIds.has(it.request_id)).toBe(true);

    // The items list pages by (model, seq) and filters by status.
    const all = await allItems(baimo.url, run.id);
    expect(all).toHaveLength(2 * VAL.length);
    const page = await call(baimo.url, 'GET', `/api/eval/runs/${run.id}/items?limit=7&model=up%2Fmute`);
    expect(page.body).toMatchObject({ object: 'list', has_more: true });
    expect(page.body.data).toHaveLength(7);
    const errors = await call(baimo.url, 'GET', `/api/eval/runs/${run.id}/items?status=error`);
    expect(errors.body.data).toEqual([]);

    // The run in the list; the stored summary equals the live one.
    const list = await call(baimo.url, 'GET', '/api/eval/runs?limit=10');
    expect(list.body.data.map((r: any) => r.id)).toContain(run.id);
    const again = await call(baimo.url, 'GET', `/api/eval/runs/${run.id}`);
    expect(again.body.results).toEqual(report.results);
  });

  it('a second run reuses the evaluation key; cancel and resume only fit the states they are for', async () => {
    const keysBefore = (await call(baimo.url, 'GET', '/api/workspaces/ws_default/keys')).body.data.filter(
      (k: any) => k.name === 'baimo-eval',
    );
    const run = await startRun(baimo.url, {
      yaml: 'name: again\ntype: mcq\ndataset: ceval-mini@1\nmodels: [up/mute]\nshots: 0\nlimit: 3\n',
    });
    expect(run.total_items).toBe(3);
    await waitRun(baimo.url, run.id);
    const keysAfter = (await call(baimo.url, 'GET', '/api/workspaces/ws_default/keys')).body.data.filter(
      (k: any) => k.name === 'baimo-eval',
    );
    expect(keysAfter.map((k: any) => k.id)).toEqual(keysBefore.map((k: any) => k.id));
    expect((await call(baimo.url, 'POST', `/api/eval/runs/${run.id}/cancel`)).body.error.code).toBe('eval_run_not_active');
    expect((await call(baimo.url, 'POST', `/api/eval/runs/${run.id}/resume`)).body.error.code).toBe('eval_run_not_resumable');
    const del = await call(baimo.url, 'DELETE', `/api/eval/runs/${run.id}`);
    expect(del).toMatchObject({ status: 200, body: { id: run.id, deleted: true } });
    expect((await call(baimo.url, 'GET', `/api/eval/runs/${run.id}`)).status).toBe(404);
  });

  it('refuses suites it cannot run with a clear 400', async () => {
    const bad = async (body: unknown) => {
      const r = await call(baimo.url, 'POST', '/api/eval/runs', body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body.error;
    };
    expect((await bad({ yaml: 'name: x\ntype: mcq\ndataset: ceval-mini\nmodels: [a]\nshotz: 1\n' })).code).toBe('invalid_suite');
    expect((await bad({ suite: { name: 'x', type: 'mcq', dataset: '../etc/passwd', models: ['a'] } })).code).toBe('invalid_suite');
    expect((await bad({ suite: { name: 'x', type: 'qa', dataset: 'ceval-mini', models: ['a'] } })).code).toBe('invalid_suite');
    expect((await bad({ suite: { name: 'x', type: 'mcq', dataset: 'ceval-mini', models: ['a'], subjects: ['nope'] } })).code).toBe(
      'invalid_suite',
    );
    expect((await bad({ suite: { name: 'x', type: 'mcq', dataset: 'ceval-mini', models: ['a'] }, key_id: 'key_nope' })).code).toBe(
      'scope_mismatch',
    );
    expect((await bad({ suite: { name: 'x', type: 'mcq', dataset: 'ceval-mini', models: [] } })).code).toBe('invalid_value');
    expect((await bad({})).param).toBeNull();
    const missing = await call(baimo.url, 'POST', '/api/eval/runs', {
      suite: { name: 'x', type: 'mcq', dataset: 'nothing-here', models: ['a'] },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('dataset_not_found');
  });
});
