import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsReport } from '../../src/analytics/analytics-report.js';
import { BUILTIN_APPS } from '../../src/apps/builtins/index.js';
import { admin, api, callerHeaders, chat, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { runApp } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The usage report over traffic that went through the real gateway (a fake upstream answers): direct
// calls and scenario-app runs, by keys of two workspaces. `by_scenario` names exactly the apps that
// were called, with their counts; the 1,440 minutes of the day sum to the requests. Then the route's
// bounds (400s naming the parameter) and its scoping (members see their workspace, keys their key).

let fake: FakeUpstream;
let baimo: TestBaimo;
const ids: Record<string, string> = {};
let viewerA: Caller;
let memberOfBoth: Caller;
const CALLS = { direct: 5, summarize: 3, essay: 2, other: 4 };

const get = (path: string, caller?: Caller) => api(baimo, 'GET', path, undefined, caller);

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'ok' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  for (const t of ['A', 'B']) {
    // B's name reads like a spreadsheet formula: the CSV must show it, not run it.
    ids[`ws${t}`] = (await api(baimo, 'POST', '/api/workspaces', { name: t === 'A' ? 'report A' : '=SUM(1,2)' })).body.id;
    const k = await createKey(baimo, { name: `key ${t}`, metadata: { industry: t === 'A' ? '教育' : 'IT' } }, ids[`ws${t}`]);
    ids[`key${t}`] = k.id;
    ids[`secret${t}`] = k.key;
  }
  for (let i = 0; i < CALLS.direct; i++) expect((await chat(baimo, ids.secretA, { model: 'chat', user: `u${i % 2}` })).status).toBe(200);
  for (let i = 0; i < CALLS.summarize; i++) expect((await chat(baimo, ids.secretA, { model: 'app:summarize' })).status).toBe(200);
  for (let i = 0; i < CALLS.essay; i++) {
    const r = await runApp(baimo, 'essay', { inputs: BUILTIN_APPS.essay.samples.zh }, ids.secretA);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  for (let i = 0; i < CALLS.other; i++) expect((await chat(baimo, ids.secretB, { model: 'chat' })).status).toBe(200);
  await baimo.runtime.logWriter.flush();
  viewerA = await userSession(baimo, 'report-viewer@example.cn', [{ id: ids.wsA, role: 'viewer' }]);
  memberOfBoth = await userSession(baimo, 'report-both@example.cn', [
    { id: ids.wsA, role: 'viewer' },
    { id: ids.wsB, role: 'viewer' },
  ]);
}, 60_000);
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('GET /api/analytics/report over gateway traffic', () => {
  it('by_scenario matches the apps called; minute_of_day sums to the requests', async () => {
    const r = await get(`/api/analytics/report?workspace=${ids.wsA}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const report = r.body as AnalyticsReport;
    const requests = CALLS.direct + CALLS.summarize + CALLS.essay;
    expect(report.totals.requests).toBe(requests);
    expect(Object.fromEntries(report.by_scenario.map((g) => [g.key, g.requests]))).toEqual({
      direct_api: CALLS.direct,
      summarize: CALLS.summarize,
      essay: CALLS.essay,
    });
    expect(report.by_scenario[0].key).toBe('direct_api');
    expect(report.minute_of_day).toHaveLength(1440);
    expect(report.minute_of_day.reduce((a, b) => a + b, 0)).toBe(requests);
    expect(report.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(requests);
    expect(report.by_key).toHaveLength(1);
    expect(report.by_key[0]).toMatchObject({ key: ids.keyA, name: 'key A', requests });
    expect(report.by_workspace).toEqual([expect.objectContaining({ key: ids.wsA, requests })]);
    expect(report.by_segment.industry.map((g) => [g.key, g.requests])).toEqual([['教育', requests]]);
    expect(report.totals.users).toBe(2);
    expect(report.totals.latency_ms.p50).toBeGreaterThanOrEqual(0);
    expect(report.series.grain).toBe('day');
    expect(report.series.points).toHaveLength(7);
    expect(report.series.points.reduce((a, p) => a + p.requests, 0)).toBe(requests);
    expect(report.rows).toBe(requests);
    // Topic classification is off and nothing was classified.
    expect(report.topics).toBeNull();
  });

  it('the whole instance for administrators; a filter narrows every table', async () => {
    const all = (await get('/api/analytics/report')).body as AnalyticsReport;
    expect(all.workspace).toBeNull();
    expect(all.totals.requests).toBe(CALLS.direct + CALLS.summarize + CALLS.essay + CALLS.other);
    expect(all.by_workspace.map((g) => [g.key, g.requests])).toEqual([
      [ids.wsA, CALLS.direct + CALLS.summarize + CALLS.essay],
      [ids.wsB, CALLS.other],
    ]);
    const essay = (await get('/api/analytics/report?scenario=essay')).body as AnalyticsReport;
    expect(essay.totals.requests).toBe(CALLS.essay);
    expect(essay.by_scenario.map((g) => g.key)).toEqual(['essay']);
    expect(essay.minute_of_day.reduce((a, b) => a + b, 0)).toBe(CALLS.essay);
  });

  it('members see their workspace, keys their own key; others are not found', async () => {
    const mine = await get('/api/analytics/report', viewerA);
    expect(mine.status).toBe(200);
    expect(mine.body.workspace).toBe(ids.wsA);
    expect((await get(`/api/analytics/report?workspace=${ids.wsB}`, viewerA)).status).toBe(404);
    const both = await get('/api/analytics/report', memberOfBoth);
    expect(both.status).toBe(400);
    expect(both.body.error.param).toBe('workspace_id');
    expect((await get(`/api/analytics/report?workspace_id=${ids.wsB}`, memberOfBoth)).body.totals.requests).toBe(CALLS.other);
    const key = await get('/api/analytics/report', { token: ids.secretB });
    expect(key.status).toBe(200);
    expect(key.body.filters).toEqual({ key: ids.keyB });
    expect(key.body.totals.requests).toBe(CALLS.other);
    expect((await get(`/api/analytics/report?key=${ids.keyA}`, { token: ids.secretB })).status).toBe(404);
    expect((await get(`/api/analytics/report?workspace=${ids.wsA}`, { token: ids.secretB })).status).toBe(404);
    expect((await get('/api/analytics/report', null)).status).toBe(401);
  });

  it('refuses out-of-bounds options with a 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['tz=Mars/Olympus', 'tz'],
      ['from=2020-01-01&to=2026-01-01', 'from'],
      ['from=2026-12-07&to=2026-12-01', 'to'],
      ['from=yesterday', 'from'],
      ['from=2026-02-30', 'from'],
      ['grain=fortnight', 'grain'],
      ['grain=minute&from=2026-11-01&to=2026-11-07', 'grain'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      [`model=${'m'.repeat(257)}`, 'model'],
      [`workspace=${'w'.repeat(101)}`, 'workspace'],
      [`workspace=${ids.wsA}&workspace_id=${ids.wsB}`, 'workspace'],
    ];
    for (const [query, param] of cases) {
      const r = await get(`/api/analytics/report?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body.error.code, query).toBe('invalid_value');
      expect(r.body.error.param, query).toBe(param);
      expect(r.body.error.message.length, query).toBeGreaterThan(10);
    }
  });

  it('dates are days of the zone asked for; local times too', async () => {
    const r = (await get('/api/analytics/report?from=2026-03-07&to=2026-03-08&tz=America/New_York')).body as AnalyticsReport;
    // 8 March 2026 is 23 hours long in New York (clocks go forward).
    expect(r.period).toEqual({ from: '2026-03-07T05:00:00.000Z', to: '2026-03-09T04:00:00.000Z', time_zone: 'America/New_York' });
    expect(r.series.grain).toBe('hour');
    expect(r.series.points).toHaveLength(47);
    expect(r.series.points[0].t).toBe('2026-03-07T00:00:00-05:00');
    expect(r.series.points.at(-1)!.t).toBe('2026-03-08T23:00:00-04:00');
    const local = (await get('/api/analytics/report?from=2026-12-01T08:30&to=2026-12-01T10:00&tz=Asia/Kolkata')).body as AnalyticsReport;
    expect(local.period).toEqual({ from: '2026-12-01T03:00:00.000Z', to: '2026-12-01T04:30:00.000Z', time_zone: 'Asia/Kolkata' });
    expect(local.series.grain).toBe('minute');
    expect(local.series.points).toHaveLength(90);
  });

  it('the CSV is the same report, one section per table, guarded against formulas', async () => {
    const res = await fetch(`${baimo.url}/api/analytics/report.csv?workspace=${ids.wsA}`, { headers: callerHeaders(admin) });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    // A BOM first, so Excel reads UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith('\ufeff使用分析报告\r\n')).toBe(true);
    for (const section of ['总览', '按场景', '按模型', '按密钥', '按行业', '时间序列', '24 小时 × 60 分钟活跃度', '星期 × 小时热力图'])
      expect(text).toContain(`\r\n${section}\r\n`);
    expect(text).toContain('\r\nsummarize,');
    const all = await get('/api/analytics/report.csv?lang=en');
    expect(all.body).toContain(`\r\n${ids.wsB},"'=SUM(1,2)",${CALLS.other},`);
    expect((await get('/api/analytics/report.csv?tz=Nowhere/Else')).status).toBe(400);
  });
});
