import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, userSession, type Caller } from '../helpers/admin-api.js';
import { startScriptedUpstream, type ScriptedUpstream } from '../helpers/scripted-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';
import { pairwiseMessages } from '../../src/eval/pairwise-prompt.js';

// LLM-judge battles end to end (`POST /api/arena/judge` → an eval.arena_judge job): three models of
// known quality answer (their answers carry one, two or three stars), a fake judge compares the two
// answers it is shown and says which has more stars. Every pair is judged in both orders; the stored
// battles feed the ratings, which recover the order. A judge that always picks the first answer
// (position bias) only makes ties. A judge that fails at first makes the job retry, and the retry
// redoes only the failed pairs (no answer of a stored pair is asked for again).

const STARS: Record<string, string> = { 'm-strong': '★★★', 'm-mid': '★★', 'm-weak': '★' };

/** The text between two headings of the pairwise prompt. */
const between = (text: string, start: string, end: string): string =>
  text.slice(text.indexOf(start) + start.length, text.indexOf(end)).trim();
const stars = (s: string) => [...s].filter((c) => c === '★').length;
/** Judge prompts seen so far by the flaky judge (it fails each one the first time). */
const seenByFlaky = new Set<string>();

let upstream: ScriptedUpstream;
let baimo: TestBaimo;
let ws: string;
let member: Caller;

beforeAll(async () => {
  upstream = await startScriptedUpstream((model, messages) => {
    const user = messages.find((m) => m.role === 'user')?.content ?? '';
    if (STARS[model]) return `${STARS[model]} ${user}`;
    const a = stars(between(user, '[助手 A 的回答开始]', '[助手 A 的回答结束]'));
    const b = stars(between(user, '[助手 B 的回答开始]', '[助手 B 的回答结束]'));
    const fair = `A 有 ${a} 颗星，B 有 ${b} 颗星。\n${a > b ? '[[A]]' : a < b ? '[[B]]' : '[[C]]'}`;
    if (model === 'm-judge') return fair;
    if (model === 'm-biased') return '第一个回答更好。\n[[A]]';
    if (model === 'm-flaky') {
      if (user.includes('flaky') && !seenByFlaky.has(user)) {
        seenByFlaky.add(user);
        return '我无法判断。';
      }
      return fair;
    }
    return { status: 404, message: `no model ${model}` };
  });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: upstream.url } },
    models: ['strong', 'mid', 'weak', 'judge', 'biased', 'flaky'].map((n) => ({ name: n, targets: [{ provider: 'up', model: `m-${n}` }] })),
    router: { retries: 0 },
    jobs: { poll_ms: 50 },
  });
  ws = (await api(baimo, 'POST', '/api/workspaces', { name: 'judged' })).body.id;
  member = await userSession(baimo, 'm@judge.cn', [{ id: ws, role: 'member' }]);
});
afterAll(async () => {
  await baimo?.close();
  await upstream?.close();
});

async function finished(jobId: string, timeoutMs = 30_000): Promise<any> {
  return waitFor(
    async () => {
      const j = (await api(baimo, 'GET', `/api/jobs/${jobId}`)).body;
      return ['succeeded', 'failed', 'cancelled'].includes(j.status) ? j : undefined;
    },
    { timeoutMs, everyMs: 100, what: `job ${jobId}` },
  );
}

const PROMPTS = ['什么是大语言模型？', '如何学习编程？', 'What is Bradley–Terry?', '写一首关于秋天的诗。'];

describe('LLM-judge arena battles', () => {
  it('judges every pair of every prompt in both orders and stores the battles with the judge’s prompt and verdicts', async () => {
    const before = upstream.calls.length;
    const r = await api(
      baimo,
      'POST',
      `/api/arena/judge?workspace_id=${ws}`,
      { prompts: PROMPTS, models: ['weak', 'strong', 'mid'], judge: 'judge', pairs: 'all' },
      member,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.job_id).toMatch(/^job_/);
    const job = await finished(r.body.job_id);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job).toMatchObject({ name: 'eval.arena_judge', queue: 'eval', workspace_id: ws, progress: 1 });
    expect(job.result).toEqual({ pairs: 12, judged: 12, skipped: 0, errors: 0 });
    const calls = upstream.calls.slice(before);
    // Each model answered each prompt once; the judge was asked twice per pair.
    expect(calls.filter((c) => c.model !== 'm-judge')).toHaveLength(12);
    const judgeCalls = calls.filter((c) => c.model === 'm-judge');
    expect(judgeCalls).toHaveLength(24);
    // The documented pairwise prompt, in both orders.
    const q = PROMPTS[0];
    const strong = `★★★ ${q}`;
    const weak = `★ ${q}`;
    const sent = judgeCalls.map((c) => JSON.stringify(c.messages));
    expect(sent).toContain(JSON.stringify(pairwiseMessages({ question: q, answerA: strong, answerB: weak })));
    expect(sent).toContain(JSON.stringify(pairwiseMessages({ question: q, answerA: weak, answerB: strong })));

    const list = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=judge&limit=100`)).body.data;
    expect(list).toHaveLength(12);
    for (const b of list) {
      expect(b.status).toBe('decided');
      const rank = (m: string) => STARS[`m-${m}`].length;
      expect(b.winner).toBe(rank(b.model_a) > rank(b.model_b) ? 'model_a' : 'model_b');
      expect(b.answer_a).toBe(`${STARS[`m-${b.model_a}`]} ${b.prompt}`);
      expect(b.detail).toMatchObject({ judge_model: 'judge', language: 'zh', job_id: r.body.job_id });
      expect(b.detail.prompt).toEqual(pairwiseMessages({ question: b.prompt, answerA: b.answer_a, answerB: b.answer_b }));
      expect(b.detail.raw.first).toMatch(/\[\[[AB]\]\]$/);
      expect(Object.values(b.detail.verdicts).sort()).toEqual(['A', 'B']);
    }
    const ratings = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=judge`)).body;
    expect(ratings.map((x: { model: string }) => x.model)).toEqual(['strong', 'mid', 'weak']);
    expect(ratings.map((x: { battles: number }) => x.battles)).toEqual([8, 8, 8]);
  });

  it('a judge biased to the first answer only makes ties (the two orders disagree)', async () => {
    const r = await api(
      baimo,
      'POST',
      `/api/arena/judge?workspace_id=${ws}`,
      { prompts: PROMPTS.slice(0, 3), models: ['strong', 'weak'], judge: 'biased' },
      member,
    );
    expect(r.status).toBe(202);
    const job = await finished(r.body.job_id);
    expect(job.result).toEqual({ pairs: 3, judged: 3, skipped: 0, errors: 0 });
    const list = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=judge&limit=100`)).body.data;
    const biased = list.filter((b: { detail: { judge_model: string } }) => b.detail.judge_model === 'biased');
    expect(biased).toHaveLength(3);
    for (const b of biased) {
      expect(b.winner).toBe('tie');
      expect(b.detail.verdicts).toEqual({ first: 'A', swapped: 'A' });
    }
  });

  it('a failed pair makes the job retry; the retry redoes only the failed pairs', async () => {
    const prompts = ['flaky: 解释一下量子纠缠', '正常的问题一', '正常的问题二'];
    const before = upstream.calls.length;
    const r = await api(
      baimo,
      'POST',
      `/api/arena/judge?workspace_id=${ws}`,
      { prompts, models: ['strong', 'mid', 'weak'], judge: 'flaky', pairs: 'all' },
      member,
    );
    expect(r.status).toBe(202);
    const job = await finished(r.body.job_id, 45_000);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.attempts).toBe(2);
    expect(job.result).toEqual({ pairs: 9, judged: 3, skipped: 6, errors: 0 });
    const answers = upstream.calls.slice(before).filter((c) => STARS[c.model]);
    const askedFor = (p: string) => answers.filter((c) => c.messages[0].content === p).length;
    // The flaky prompt's answers were asked for again (its pairs were not stored); the others' never.
    expect(askedFor(prompts[0])).toBe(6);
    expect(askedFor(prompts[1])).toBe(3);
    expect(askedFor(prompts[2])).toBe(3);
    const stored = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=judge&limit=100`)).body.data.filter(
      (b: { detail: { job_id: string } }) => b.detail.job_id === r.body.job_id,
    );
    expect(stored).toHaveLength(9);
  }, 60_000);

  it('takes its prompts from a stored QA dataset (the first `limit` inputs of the version resolved at the start)', async () => {
    const file = {
      name: 'qs.jsonl',
      bytes: Buffer.from(['甲', '乙', '丙'].map((x) => JSON.stringify({ input: `问题${x}`, reference: x })).join('\n')),
    };
    await baimo.runtime.evalDatasets.importUpload(ws, 'judge-qs', [file], { createdBy: null });
    const r = await api(
      baimo,
      'POST',
      `/api/arena/judge?workspace_id=${ws}`,
      { dataset: 'judge-qs@1', limit: 2, models: ['strong', 'mid'], judge: 'judge' },
      member,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const job = await finished(r.body.job_id);
    expect(job.result).toEqual({ pairs: 2, judged: 2, skipped: 0, errors: 0 });
    expect(job.input.dataset).toMatchObject({ name: 'judge-qs', version: 1, limit: 2 });
    const stored = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=judge&limit=100`)).body.data.filter(
      (b: { detail: { job_id: string } }) => b.detail.job_id === r.body.job_id,
    );
    expect(stored.map((b: { prompt: string }) => b.prompt).sort()).toEqual(['问题乙', '问题甲']);
    const post = (body: unknown) => api(baimo, 'POST', `/api/arena/judge?workspace_id=${ws}`, body, member);
    const missing = await post({ dataset: 'no-such-set', models: ['strong', 'mid'], judge: 'judge' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('dataset_not_found');
    expect((await post({ dataset: 'judge-qs', prompts: ['x'], models: ['strong', 'mid'], judge: 'judge' })).status).toBe(400);
    expect((await post({ models: ['strong', 'mid'], judge: 'judge' })).status).toBe(400);
  });

  it('refuses bad input: too few or repeated models, unknown models, no prompts, viewers and keys', async () => {
    const post = (body: unknown, caller: Caller = member) => api(baimo, 'POST', `/api/arena/judge?workspace_id=${ws}`, body, caller);
    const bad: unknown[] = [
      { prompts: ['x'], models: ['strong'], judge: 'judge' },
      { prompts: ['x'], models: ['strong', 'strong'], judge: 'judge' },
      { prompts: [], models: ['strong', 'weak'], judge: 'judge' },
      { prompts: ['x'], models: ['strong', 'weak'], judge: 'judge', pairs: 'some' },
      { prompts: Array.from({ length: 1001 }, () => 'x'), models: ['strong', 'weak'], judge: 'judge' },
      {
        prompts: [
          'x'.repeat(8_000),
          'y'.repeat(8_000),
          'z'.repeat(8_000),
          'w'.repeat(8_000),
          'v'.repeat(8_000),
          'u'.repeat(8_000),
          't'.repeat(8_000),
          's'.repeat(8_000),
          'r'.repeat(8_000),
        ],
        models: ['strong', 'weak'],
        judge: 'judge',
      },
    ];
    for (const body of bad) expect((await post(body)).status, JSON.stringify(body).slice(0, 120)).toBe(400);
    const unknown = await post({ prompts: ['x'], models: ['strong', 'nobody/none'], judge: 'judge' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('model_not_found');
    const other = (await api(baimo, 'POST', '/api/workspaces', { name: 'viewer home' })).body.id;
    await api(baimo, 'POST', '/api/users', {
      email: 'v@judge.cn',
      name: 'v',
      password: 'correct horse battery',
      workspaces: [
        { id: ws, role: 'viewer' },
        { id: other, role: 'owner' },
      ],
    });
    const viewer = await login(baimo, 'v@judge.cn', 'correct horse battery');
    expect((await post({ prompts: ['x'], models: ['strong', 'weak'], judge: 'judge' }, viewer)).status).toBe(403);
  });
});
