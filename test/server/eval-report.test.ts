import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createKey, type Caller } from '../helpers/admin-api.js';
import { call, waitRun } from '../helpers/eval-api.js';
import { startEvalUpstream, type EvalUpstream } from '../helpers/eval-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { TEST_DIALECT } from '../helpers/test-database.js';

// Issue 19: a run's 含金量 report as a download (standalone HTML under a strict CSP, CSV with a BOM,
// JSON equal to the run's report), and the cross-run leaderboard: per suite and dataset version, every
// model's latest completed result; runs that did not complete, other suites and other workspaces left out.

const QA = Array.from({ length: 4 }, (_, i) => ({ id: `q${i}`, input: `排行榜问题 ${i}`, reference: `答${i}` }));
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Items each model answers right in the current round (by index); the rest get a wrong answer. */
let right: Record<string, number> = {};
let slow = false;

describe(`evaluation reports and leaderboard (${TEST_DIALECT})`, { timeout: 120_000 }, () => {
  let up: EvalUpstream;
  let baimo: TestBaimo;
  let wsB: string;
  let keyB: Caller;
  let keyA: Caller;
  const runs: Record<string, string> = {};

  const run = async (name: string, models: string[], workspace?: string) => {
    const q = workspace ? `?workspace_id=${workspace}` : '';
    const r = await call(baimo.url, 'POST', `/api/eval/runs${q}`, { suite: { name, type: 'qa', dataset: 'board', models } });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    return r.body.id as string;
  };
  const raw = (path: string, token?: string) =>
    fetch(`${baimo.url}${path}`, { headers: { authorization: `Bearer ${token ?? 'x'}` } }).then(async (r) => {
      const bytes = Buffer.from(await r.arrayBuffer());
      // Bytes as they are: a UTF-8 BOM is kept (Response.text() would drop it).
      return { status: r.status, headers: r.headers, bytes, text: bytes.toString('utf8') };
    });

  beforeAll(async () => {
    up = await startEvalUpstream((c) => {
      const i = QA.findIndex((q) => q.input === c.prompt);
      if (i < 0) return '?';
      const ok = i < (right[c.model] ?? 0);
      return { text: ok ? QA[i].reference : '不对', delayMs: slow ? 5_000 : 0 };
    });
    baimo = await startBaimo({
      providers: { up: { type: 'openai-compatible', base_url: up.url } },
      prices: [{ model: 'up/*', input: 2, output: 8, currency: 'CNY' }],
    });
    wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'tenant B' })).body.id;
    const text = QA.map((q) => JSON.stringify(q)).join('\n');
    for (const ws of ['ws_default', wsB])
      await baimo.runtime.evalDatasets.importUpload(ws, 'board', [{ name: 'board.jsonl', bytes: Buffer.from(text) }], {
        type: 'qa',
        createdBy: null,
      });
    keyA = { token: (await createKey(baimo, { name: 'reader a' })).key };
    keyB = { token: (await createKey(baimo, { name: 'reader b' }, wsB)).key };

    // Round 1: alpha 2 of 4, beta 1 of 4. Round 2: alpha 4 of 4, gamma 3 of 4 (beta not run again).
    right = { alpha: 2, beta: 1 };
    runs.first = await run('board', ['up/alpha', 'up/beta']);
    await waitRun(baimo.url, runs.first);
    right = { alpha: 4, gamma: 3 };
    runs.second = await run('board', ['up/alpha', 'up/gamma']);
    await waitRun(baimo.url, runs.second);
    // Another suite on the same data, with a Chinese name: a group of its own.
    runs.other = await run('含金量 评测', ['up/alpha']);
    await waitRun(baimo.url, runs.other);
    // Workspace B: beta right on everything there.
    right = { beta: 4 };
    runs.b = await run('board', ['up/beta'], wsB);
    await waitRun(baimo.url, runs.b);
    // A run of `board` that does not complete: cancelled while its calls hang.
    slow = true;
    runs.cancelled = await run('board', ['up/beta', 'up/gamma']);
    expect((await call(baimo.url, 'POST', `/api/eval/runs/${runs.cancelled}/cancel`)).status).toBe(200);
    slow = false;
  });
  afterAll(async () => {
    await baimo?.close();
    await up?.close();
  });

  it('HTML: a standalone download under a strict CSP', async () => {
    const r = await raw(`/api/eval/runs/${runs.first}/report?format=html&lang=en`, ADMIN_TOKEN);
    expect(r.status, r.text).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CSP);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="board-${runs.first}.html"; filename*=UTF-8''board-${runs.first}.html`,
    );
    expect(r.text).toMatch(/^<!DOCTYPE html>/i);
    expect(r.text).toContain('up/alpha');
    expect(r.text).toContain('up/beta');
    expect(r.text).not.toMatch(/<script|src="http|href="http/i);
    const zh = await raw(`/api/eval/runs/${runs.first}/report`, ADMIN_TOKEN);
    expect(zh.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(zh.text).toContain('含金量');
  });

  it('CSV: UTF-8 with a BOM, a row per model; JSON: the run’s report', async () => {
    const csv = await raw(`/api/eval/runs/${runs.first}/report?format=csv&lang=en`, ADMIN_TOKEN);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`filename="board-${runs.first}.csv"`);
    expect(csv.headers.get('content-security-policy')).toBeNull();
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Model,/);
    expect(lines[1]).toMatch(/^up\/alpha,0\.5,/);
    expect(lines[2]).toMatch(/^up\/beta,0\.25,/);

    const json = await raw(`/api/eval/runs/${runs.first}/report?format=json`, ADMIN_TOKEN);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toContain(`filename="board-${runs.first}.json"`);
    const report = JSON.parse(json.text);
    const live = (await call(baimo.url, 'GET', `/api/eval/runs/${runs.first}`)).body;
    expect({ ...report, generated_at: 'x' }).toEqual({ ...live, generated_at: 'x' });

    // A name that is not ASCII: an ASCII fallback and the real name in filename*.
    const other = await raw(`/api/eval/runs/${runs.other}/report?format=json`, ADMIN_TOKEN);
    expect(other.headers.get('content-disposition')).toBe(
      `attachment; filename="eval-report-${runs.other}.json"; filename*=UTF-8''${encodeURIComponent(`含金量 评测-${runs.other}.json`)}`,
    );
  });

  it('bad parameters are 400s naming the parameter', async () => {
    const f = await call(baimo.url, 'GET', `/api/eval/runs/${runs.first}/report?format=pdf`);
    expect(f.status).toBe(400);
    expect(f.body.error).toMatchObject({ code: 'invalid_value', param: 'format' });
    const l = await call(baimo.url, 'GET', `/api/eval/runs/${runs.first}/report?lang=fr`);
    expect(l.body.error).toMatchObject({ code: 'invalid_value', param: 'lang' });
    const z = await call(baimo.url, 'GET', `/api/eval/runs/${runs.first}/report?time_zone=Mars%2FOlympus`);
    expect(z.status).toBe(400);
    expect(z.body.error).toMatchObject({ code: 'invalid_value', param: 'time_zone' });
    const t = await call(baimo.url, 'GET', '/api/eval/leaderboard?type=essay');
    expect(t.body.error).toMatchObject({ code: 'invalid_value', param: 'type' });
    expect((await call(baimo.url, 'GET', '/api/eval/runs/evr_nothere/report')).body.error.code).toBe('eval_run_not_found');
  });

  it('leaderboard: the latest completed result per model and suite; cancelled runs and other workspaces left out', async () => {
    const r = await call(baimo.url, 'GET', '/api/eval/leaderboard?suite=board');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ runs: 2, truncated: false });
    expect(r.body.groups).toHaveLength(1);
    const [g] = r.body.groups;
    expect(g).toMatchObject({ suite: 'board', type: 'qa', dataset: 'board@1', run_ids: [runs.second, runs.first] });
    expect(g.rows.map((x: any) => [x.model, x.score, x.run_id, x.rank])).toEqual([
      ['up/alpha', 1, runs.second, 1],
      ['up/gamma', 0.75, runs.second, 2],
      ['up/beta', 0.25, runs.first, 3],
    ]);
    expect(g.rows[0]).toMatchObject({ items: 4, error_rate: 0, pareto: true });
    expect(g.rows[0].cost_per_1k_cny).toBeCloseTo(0.28, 8);

    const all = (await call(baimo.url, 'GET', '/api/eval/leaderboard')).body;
    expect(all.runs).toBe(3);
    expect(all.groups.map((x: any) => x.suite)).toEqual(['board', '含金量 评测']);
    const alpha = all.overall.find((x: any) => x.model === 'up/alpha');
    expect(alpha).toMatchObject({ groups: 2, score: 1, rank: 1 });
    expect((await call(baimo.url, 'GET', '/api/eval/leaderboard?type=mcq')).body).toEqual({
      groups: [],
      overall: [],
      runs: 0,
      truncated: false,
    });

    // Workspace B sees its own run only, whoever asks for it.
    const b = (await call(baimo.url, 'GET', `/api/eval/leaderboard?workspace_id=${wsB}`)).body;
    expect(b.groups[0].rows.map((x: any) => [x.model, x.score, x.run_id])).toEqual([['up/beta', 1, runs.b]]);
    const byKey = await api(baimo, 'GET', '/api/eval/leaderboard', undefined, keyB);
    expect(byKey.status).toBe(200);
    expect(byKey.body.groups[0].run_ids).toEqual([runs.b]);
  });

  it('isolation: another workspace’s key or workspace_id finds no run and no leaderboard', async () => {
    for (const fmt of ['html', 'csv', 'json']) {
      const r = await api(baimo, 'GET', `/api/eval/runs/${runs.first}/report?format=${fmt}`, undefined, keyB);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('eval_run_not_found');
    }
    const wrongWs = await call(baimo.url, 'GET', `/api/eval/runs/${runs.first}/report?workspace_id=${wsB}`);
    expect(wrongWs.status).toBe(404);
    const own = await api(baimo, 'GET', `/api/eval/runs/${runs.first}/report?format=json`, undefined, keyA);
    expect(own.status).toBe(200);
    expect(own.body.run.id).toBe(runs.first);
    const other = await api(baimo, 'GET', `/api/eval/leaderboard?workspace_id=${wsB}`, undefined, keyA);
    expect(other.status).toBe(404);
    expect((await raw(`/api/eval/leaderboard`)).status).toBe(401);
  });
});
