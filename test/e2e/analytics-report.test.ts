import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/analytics/report-pdf.js';
import { REPORT_SECTIONS } from '../../src/analytics/report-html-strings.js';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';
import { admin, api, callerHeaders, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';
import { browserLock, CHROMIUM, SCREENSHOTS, SETUP_TIMEOUT_MS } from './helpers.js';

// The usage report as a file (issue 20): traffic through the real server (fake upstream; keys with
// segment metadata, several models and end users, scenario app runs), the HTML report made by its
// job, then opened offline in Chromium: no console error, no request, every section visible, a
// screenshot per language; and the PDF the job prints with headless Chromium.

const unavailable = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
if (unavailable) console.log(`skipping the usage report in Chromium: ${unavailable}`);

const day = (offset: number) => TimeBuckets.of('Asia/Shanghai').label(Date.now() + offset * 86_400_000, 'day');
const PERIOD = { from: day(-1), to: day(1), tz: 'Asia/Shanghai' };

describe.skipIf(unavailable !== null)('the usage report in Chromium', () => {
  let fake: FakeUpstream;
  let baimo: TestBaimo;
  let browser: Browser;
  let page: Page;
  let release: () => void;
  let requests = 0;
  const dir = mkdtempSync(join(tmpdir(), 'baimo-usage-report-'));
  const errors: string[] = [];
  const fetched: string[] = [];

  /** Makes a report file through the API (job, poll, download). */
  async function reportFile(body: Record<string, unknown>): Promise<{ bytes: Buffer; filename: string }> {
    const r = await api(baimo, 'POST', '/api/analytics/reports', { ...PERIOD, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const done = await waitFor(
      async () => {
        const j = (await api(baimo, 'GET', `/api/analytics/reports/${r.body.id}`)).body;
        return j.status === 'succeeded' || j.status === 'failed' ? j : undefined;
      },
      { timeoutMs: 60_000, what: 'the report job' },
    );
    expect(done.status, done.error).toBe('succeeded');
    const res = await fetch(`${baimo.url}${done.file.url}`, { headers: callerHeaders(admin) });
    expect(res.status).toBe(200);
    return { bytes: Buffer.from(await res.arrayBuffer()), filename: done.file.filename };
  }

  beforeAll(async () => {
    release = await browserLock();
    fake = await startFakeOpenAI();
    baimo = await startBaimo({
      providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
      models: [
        { name: 'qwen-max', targets: [{ provider: 'fake', model: 'm1' }] },
        { name: 'deepseek-chat', targets: [{ provider: 'fake', model: 'm2' }] },
      ],
      apps: { default_model: 'qwen-max' },
    });
    const teachers = await createKey(baimo, { name: '教育客户', metadata: { industry: '教育', region: '华东', user_group: '教师' } });
    const coders = await createKey(baimo, { name: 'Dev <team>', metadata: { industry: 'IT/互联网', region: '华北' } });
    for (let i = 0; i < 12; i++) {
      const key = i % 3 === 0 ? coders : teachers;
      const r = await chat(baimo, key.key, { model: i % 4 === 0 ? 'deepseek-chat' : 'qwen-max', user: `user-${i % 5}` });
      expect(r.status).toBe(200);
      requests++;
    }
    for (const [slug, inputs] of [
      ['summarize', { text: '一段需要处理的文字。' }],
      ['translate', { text: '一段需要处理的文字。', target_language: 'en' }],
      ['summarize', { text: '另一段文字。' }],
    ] as const) {
      const res = await fetch(`${baimo.baseURL}/apps/${slug}/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${teachers.key}` },
        body: JSON.stringify({ inputs, user: 'user-1' }),
      });
      expect(res.status, await res.text()).toBe(200);
      requests++;
    }
    await baimo.runtime.logWriter.flush();

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Offline: the report's own file loads, anything else would be recorded and refused.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      fetched.push(url);
      return route.abort();
    });
    page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
    page.on('pageerror', (err) => errors.push(err.message));
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await baimo?.close();
    await fake?.close();
    release?.();
  });

  for (const lang of ['zh', 'en'] as const)
    it(`opens offline (${lang}): every section visible, no error, no request`, async () => {
      const { bytes, filename } = await reportFile({ format: 'html', lang });
      expect(filename).toBe(`report-${PERIOD.from}-${PERIOD.to}.html`);
      const file = join(dir, `${lang}-${filename}`);
      writeFileSync(file, bytes);
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      for (const s of REPORT_SECTIONS) {
        const section = page.locator(`section[data-section="${s}"]`);
        await expect.poll(() => section.isVisible(), { message: `section ${s}` }).toBe(true);
        expect(await section.locator('h2').textContent()).not.toBe('');
      }
      // The 1,440-minute chart drew this traffic; the heatmap has its 168 cells; the scenarios are there.
      const chart = page.locator('svg.minute-of-day');
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.getAttribute('data-buckets')).toBe('1440');
      expect(Number(await chart.getAttribute('data-total'))).toBe(requests);
      expect(await page.locator('svg.heatmap rect.cell').count()).toBe(168);
      const top = (await page.locator('ol.top-three').textContent()) ?? '';
      expect(top).toContain('summarize');
      expect(await page.locator('[data-section="who"] .segment-industry text.bar-label').allTextContents()).toEqual(
        expect.arrayContaining(['教育', 'IT/互联网']),
      );
      expect(await page.content()).toContain('Dev &lt;team&gt;');
      expect(await page.evaluate('document.scripts.length')).toBe(0);
      // Every figure says its period, zone and rows.
      const captions = await page.locator('figcaption').allTextContents();
      expect(captions.length).toBeGreaterThan(10);
      for (const c of captions) expect(c).toContain('Asia/Shanghai');
      expect(errors).toEqual([]);
      expect(fetched).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `analytics-report-${lang}.png`), fullPage: true });
    });

  it('prints to PDF through the report job when Chromium is on PATH', async (ctx) => {
    if (findChromium() === null) {
      console.log('skipping the PDF report: no chromium, chromium-browser or google-chrome on PATH');
      ctx.skip();
    }
    const { bytes, filename } = await reportFile({ format: 'pdf' });
    expect(filename.endsWith('.pdf')).toBe(true);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.byteLength).toBeGreaterThan(10_000);
    writeFileSync(join(SCREENSHOTS, 'analytics-report.pdf'), bytes);
  }, 90_000);
});
