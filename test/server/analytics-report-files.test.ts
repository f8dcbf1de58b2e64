import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/analytics/report-pdf.js';
import { AnalyticsReportFileRepository } from '../../src/store/analytics-report-file-repository.js';
import { admin, api, chat, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { download as downloadFile, reportConfig, reportJobDone, shanghaiDay } from '../helpers/report-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let fake: FakeUpstream;
let baimo: TestBaimo;
let wsA: string;
let wsB: string;
let memberA: Caller;
let keyA: { key: string; id: string };
/** Yesterday to tomorrow, days of Asia/Shanghai: the traffic of the test is inside. */
const period = { from: shanghaiDay(-1), to: shanghaiDay(1), tz: 'Asia/Shanghai' };
const FILE_NAME = new RegExp(`^report-${period.from}-${period.to}\\.`);
const download = (path: string, caller: Caller = admin) => downloadFile(baimo, path, caller);
const finished = (id: string, caller: Caller = admin) => reportJobDone(baimo, id, { caller });

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Workers off at first: a report job stays queued until the test starts them.
  baimo = await startBaimo(reportConfig(fake.url), {}, { workers: false });
  wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'tenant A' })).body.id;
  wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'tenant B' })).body.id;
  keyA = await createKey(baimo, { name: '客服<机器人>' }, wsA);
  const keyB = await createKey(baimo, { name: 'key B' }, wsB);
  memberA = await userSession(baimo, 'member-a@example.cn', [{ id: wsA, role: 'viewer' }]);
  for (let i = 0; i < 6; i++)
    expect((await chat(baimo, keyA.key, { model: i % 3 ? 'qwen-max' : 'deepseek-chat', user: `user-${i % 2}` })).status).toBe(200);
  expect((await chat(baimo, keyB.key, { model: 'qwen-max', user: 'b-user' })).status).toBe(200);
  await baimo.runtime.logWriter.flush();
});

afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('usage report files', () => {
  it('queue a job (202) whose file is not ready until a worker made it', async () => {
    const r = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'json' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body).toMatchObject({ object: 'analytics.report', status: 'queued', format: 'json', workspace_id: wsA, file: null });
    expect(r.body.period.time_zone).toBe('Asia/Shanghai');
    const early = await api(baimo, 'GET', `/api/analytics/reports/${r.body.id}/file`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('report_not_ready');

    await baimo.runtime.jobs.startWorkers(['analytics']);
    const done = await finished(r.body.id);
    expect(done.status, done.error).toBe('succeeded');
    expect(done.file).toMatchObject({ content_type: 'application/json; charset=utf-8', url: `/api/analytics/reports/${r.body.id}/file` });
    expect(done.file.filename).toMatch(FILE_NAME);
    expect(done.file.filename.endsWith('.json')).toBe(true);

    const file = await download(done.file.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="${done.file.filename}"`);
    expect(file.bytes.byteLength).toBe(done.file.size);
    // The same report the JSON route answers (but for when it was made).
    const json = JSON.parse(file.bytes.toString('utf8'));
    const live = await api(baimo, 'GET', `/api/analytics/report?from=${period.from}&to=${period.to}&tz=${period.tz}&workspace=${wsA}`);
    expect(live.status).toBe(200);
    expect({ ...json, generated_at: null }).toEqual({ ...live.body, generated_at: null });
    expect(json.totals.requests).toBe(6);
    expect(json.minute_of_day.reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(json.rows).toBe(done.file.rows);
  });

  it('make a standalone HTML file with every section, served as an attachment that runs no script', async () => {
    const r = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'html', lang: 'en' }, memberA);
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const done = await finished(r.body.id, memberA);
    expect(done.status, done.error).toBe('succeeded');
    const file = await download(done.file.url, memberA);
    expect(file.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(file.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="report-${period.from}-${period.to}.html"`);
    const html = file.bytes.toString('utf8');
    for (const s of ['summary', 'who', 'what', 'when', 'how-much', 'models']) expect(html).toContain(`data-section="${s}"`);
    expect(html).toContain('<dd>tenant A (');
    expect(html).toContain('客服&lt;机器人&gt;');
    expect(html).not.toContain('客服<机器人>');
    expect(html).toContain('deepseek-chat');
  });

  it('make CSV (UTF-8 with a BOM) and, with a browser, PDF', async () => {
    const csv = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'csv' });
    const csvDone = await finished(csv.body.id);
    const csvFile = await download(csvDone.file.url);
    expect(csvFile.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvFile.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvFile.bytes.toString('utf8')).toContain('qwen-max');

    const pdf = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'pdf' });
    if (findChromium() === null) {
      console.log('no Chromium on PATH: checking the pdf_unavailable answer instead of a PDF');
      expect(pdf.status).toBe(400);
      expect(pdf.body.error).toMatchObject({ code: 'pdf_unavailable', param: 'format' });
      return;
    }
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(202);
    const pdfDone = await finished(pdf.body.id);
    expect(pdfDone.status, pdfDone.error).toBe('succeeded');
    const pdfFile = await download(pdfDone.file.url);
    expect(pdfFile.headers.get('content-type')).toBe('application/pdf');
    expect(pdfFile.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('are seen only within the caller’s workspaces (instance-wide ones by instance administrators)', async () => {
    const b = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsB, format: 'json' });
    expect(b.status).toBe(202);
    for (const path of [`/api/analytics/reports/${b.body.id}`, `/api/analytics/reports/${b.body.id}/file`]) {
      for (const caller of [memberA, { token: keyA.key }]) {
        const r = await api(baimo, 'GET', path, undefined, caller);
        expect(r.status).toBe(404);
        expect(r.body.error.code).toBe('report_not_found');
      }
    }
    // Workspace B's report cannot be asked for from A, nor the whole instance by a member.
    const other = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsB, format: 'json' }, memberA);
    expect(other.status).toBe(404);
    const mine = await api(baimo, 'POST', '/api/analytics/reports', { ...period, format: 'json' }, memberA);
    expect(mine.status).toBe(202);
    expect(mine.body.workspace_id).toBe(wsA);
    // A key reports on its own traffic, and sees only the jobs it made.
    const byKey = await api(baimo, 'POST', '/api/analytics/reports', { ...period, format: 'json' }, { token: keyA.key });
    expect(byKey.status, JSON.stringify(byKey.body)).toBe(202);
    expect(byKey.body.filters).toEqual({ key: keyA.id });
    expect((await api(baimo, 'GET', `/api/analytics/reports/${byKey.body.id}`, undefined, { token: keyA.key })).status).toBe(200);
    expect((await api(baimo, 'GET', `/api/analytics/reports/${mine.body.id}`, undefined, { token: keyA.key })).status).toBe(404);
    // The instance-wide report is the administrator's.
    const all = await api(baimo, 'POST', '/api/analytics/reports', { ...period, format: 'json' });
    expect(all.body.workspace_id).toBeNull();
    expect((await api(baimo, 'GET', `/api/analytics/reports/${all.body.id}`, undefined, memberA)).status).toBe(404);
    const done = await finished(all.body.id);
    const json = JSON.parse((await download(done.file.url)).bytes.toString('utf8'));
    expect(json.totals.requests).toBe(7);
    // Other jobs are not report jobs.
    const jobs = await api(baimo, 'GET', '/api/jobs?limit=100');
    const other2 = jobs.body.data.find((j: { name: string }) => j.name !== 'analytics.report');
    if (other2) expect((await api(baimo, 'GET', `/api/analytics/reports/${other2.id}`)).status).toBe(404);
  });

  it('refuse bad options with a 400 naming them', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ format: 'docx' }, 'format'],
      [{ format: 'json', from: 'yesterday' }, 'from'],
      [{ format: 'json', tz: 'Mars/Olympus' }, 'tz'],
      [{ format: 'json', from: '2026-01-02', to: '2026-01-01' }, 'to'],
      [{ format: 'json', from: '2020-01-01', to: '2026-01-01' }, 'from'],
      [{ format: 'json', grain: 'minute', from: '2026-01-01', to: '2026-01-31' }, 'grain'],
      [{ format: 'json', model: 'x'.repeat(300) }, 'model'],
    ];
    for (const [body, param] of cases) {
      const r = await api(baimo, 'POST', '/api/analytics/reports', { workspace_id: wsA, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.param, JSON.stringify(r.body)).toBe(param);
    }
  });

  it('are audited when made', async () => {
    const audit = await api(baimo, 'GET', `/api/audit?workspace_id=${wsA}&limit=100`);
    expect(audit.status).toBe(200);
    expect(audit.body.data.some((e: { action: string }) => e.action === 'analytics_report.create')).toBe(true);
  });

  it('are deleted after analytics.report_keep_days, and then not found', async () => {
    const r = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'json' });
    const old = await finished(r.body.id);
    expect(old.status).toBe('succeeded');
    // Age the file past the default 7 days: the next report's job deletes it.
    const files = new AnalyticsReportFileRepository(baimo.runtime.database.db);
    const row = (await files.get(r.body.id))!;
    await files.put({ ...row, created_at: Date.now() - 8 * 86_400_000 });
    const next = await api(baimo, 'POST', '/api/analytics/reports', { ...period, workspace_id: wsA, format: 'json' });
    expect((await finished(next.body.id)).status).toBe('succeeded');
    const gone = await api(baimo, 'GET', `/api/analytics/reports/${r.body.id}/file`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('report_not_found');
    expect((await download(`/api/analytics/reports/${next.body.id}/file`)).status).toBe(200);
  });
});

describe('PDF without a browser', () => {
  let bare: TestBaimo;
  beforeAll(async () => {
    bare = await startBaimo({ analytics: { chromium_path: '/nonexistent/chromium' } });
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('is refused at once with pdf_unavailable; HTML still works', async () => {
    const r = await api(bare, 'POST', '/api/analytics/reports', { ...period, format: 'pdf' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'pdf_unavailable', param: 'format' });
    expect(r.body.error.message).toContain('analytics.chromium_path (/nonexistent/chromium)');
    const html = await api(bare, 'POST', '/api/analytics/reports', { ...period, format: 'html' });
    expect(html.status).toBe(202);
  });
});
