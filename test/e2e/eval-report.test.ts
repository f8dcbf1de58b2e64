import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/eval/report-html.js';
import { group, mcqReport, modelResult, report, safety } from '../eval/report-fixtures.js';
import { browserLock, CHROMIUM, openOfflinePage, SCREENSHOTS, SETUP_TIMEOUT_MS } from './helpers.js';

/** The standalone 含金量 report needs only a browser (no server, no console build). */
const unavailable = existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`;

/** An MCQ report with a free local model, a pricey one, one without a score and a crowd: a log-scale scatter. */
function richReport() {
  const r = mcqReport();
  const [alpha] = r.results;
  r.results.push(
    modelResult('deepseek-chat', 0.78, 0.4, { subjects: alpha.subjects, groups: alpha.groups }),
    modelResult('qwen2.5-7b-local', 0.55, 0, { pareto: true }),
    modelResult('provider/a-rather-long-model-name-2025-06-01', 0.85, 60),
    modelResult('no-score', null, 3),
    // Crowding alpha (0.8 at ¥2.5): their labels must find other spots.
    modelResult('alpha-mini', 0.79, 2.4),
    modelResult('alpha-lite', 0.81, 2.6),
  );
  r.run.models = r.results.map((m) => m.model);
  return r;
}

interface Facts {
  scripts: number;
  scale: string;
  outside: string[];
  overlaps: string[];
  labels: string[];
  front: string[];
  frontPath: boolean;
  bestBackground: string;
  heat: number;
  tableFits: boolean;
}

/** Measured in the page (a string: this project's TypeScript has no DOM types). */
const MEASURE = `(() => {
  const svg = document.querySelector('svg');
  const vb = svg.viewBox.baseVal;
  const labels = [...svg.querySelectorAll('text.label')].map((t) => {
    const b = t.getBBox();
    return { text: t.textContent, x1: b.x, y1: b.y, x2: b.x + b.width, y2: b.y + b.height };
  });
  const overlaps = [];
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push(a.text + ' / ' + b.text);
    }),
  );
  return {
    scripts: document.scripts.length,
    scale: svg.dataset.xScale,
    outside: labels.filter((l) => l.x1 < 0 || l.y1 < 0 || l.x2 > vb.width || l.y2 > vb.height).map((l) => l.text),
    overlaps,
    labels: labels.map((l) => l.text),
    front: [...svg.querySelectorAll('circle.point.pareto:not(.legend)')].map((c) => c.getAttribute('data-model')),
    frontPath: !!svg.querySelector('path.front'),
    bestBackground: getComputedStyle(document.querySelector('td.best')).backgroundColor,
    heat: document.querySelectorAll('table.heat td.heat').length,
    tableFits: document.querySelector('table.leaderboard').getBoundingClientRect().width <= document.body.clientWidth + 1,
  };
})()`;

describe.skipIf(unavailable !== null)('the standalone HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let release: () => void;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    release = await browserLock();
    ({ browser, page } = await openOfflinePage({ refused: requests, errors }));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    release?.();
  });

  for (const lang of ['zh', 'en'] as const)
    it(`renders offline (${lang}): no request, no script, labels inside the chart and apart, the front marked`, async () => {
      await page.setContent(reportHtml(richReport(), lang), { waitUntil: 'load' });
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      const facts = (await page.evaluate(MEASURE)) as Facts;
      expect(facts.scripts).toBe(0);
      expect(facts.scale).toBe('log');
      expect(facts.outside).toEqual([]);
      expect(facts.overlaps).toEqual([]);
      expect(facts.labels).toHaveLength(8); // no-score is listed, not plotted
      expect(facts.front.sort()).toEqual(['alpha', 'qwen2.5-7b-local', '通义千问-max']);
      expect(facts.frontPath).toBe(true);
      expect(facts.bestBackground).not.toBe('rgba(0, 0, 0, 0)');
      expect(facts.heat).toBeGreaterThan(0);
      expect(facts.tableFits).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `eval-report-${lang}.png`), fullPage: true });
    });

  it('renders the safety verdicts and prints to PDF', async () => {
    const r = report(
      [
        modelResult('safe', 0.95, 1, { pareto: true, safety: safety() }),
        modelResult('leaky', 0.7, 2, {
          safety: safety({
            refusal_rate: 0.9,
            risks: [group('A.1.1', 0.95, 30), group('A.2.3', 0.6, 10)],
            passed: false,
            failed: ['refusal_rate', 'qualified_rate:A.2.3'],
          }),
        }),
      ],
      { type: 'safety', name: '备案自评估' },
    );
    await page.setContent(reportHtml(r, 'zh'), { waitUntil: 'load' });
    const badges = await page.locator('.safety .badge').allTextContents();
    expect(badges.filter((b) => b === '不合格')).toHaveLength(3);
    expect(badges.filter((b) => b === '合格').length).toBeGreaterThan(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'eval-report-safety-zh.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
