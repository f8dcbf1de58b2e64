import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/analytics/report-pdf.js';
import { REPORT_SECTIONS } from '../../src/analytics/report-html-strings.js';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { download, reportConfig, reportJobDone, shanghaiDay } from '../helpers/report-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { browserLock, CHROMIUM, openOfflinePage, SCREENSHOTS, SETUP_TIMEOUT_MS } from './helpers.js';

// The usage report as a file (issue 20): traffic through the real server (fake upstream; keys with
// segment metadata, several models and end users, scenario app runs), the HTML report made by its
// job, then opened offline in Chromium: no console error, no request, every section visible, a
// screenshot per language; and the PDF the job prints with headless Chromium.

const unavailable = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
if (unavailable) console.log(`skipping the usage report in Chromium: ${unavailable}`);

const PERIOD = { from: shanghaiDay(-1), to: shanghaiDay(1), tz: 'Asia/Shanghai' };

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
    const done = await reportJobDone(baimo, r.body.id, { timeoutMs: 60_000 });
    expect(done.status, done.error).toBe('succeeded');
    const file = await download(baimo, done.file.url);
    expect(file.status).toBe(200);
    return { bytes: file.bytes, filename: done.file.filename };
  }

  beforeAll(async () => {
    release = await browserLock();
    fake = await startFakeOpenAI();
    baimo = await startBaimo(reportConfig(fake.url, { apps: { default_model: 'qwen-max' } }));
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

    ({ browser, page } = await openOfflinePage({ refused: fetched, errors }));
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
