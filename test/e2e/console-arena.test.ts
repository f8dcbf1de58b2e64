import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import {
  byTestId,
  e2eUnavailable,
  MODELS,
  sampleLengths,
  screenshot,
  signInWithAdminToken,
  STREAM_TEXT,
  takeErrors,
  type ConsoleEnv,
  useConsoleEnv,
} from './helpers.js';

// Issue 19, the console's arena (in Chinese): a blind battle streams two anonymous answers side by
// side; the page holds no model name — in its text or its attributes — until the vote, and shows both
// after it. Then battles imported from a JSONL file and the Bradley–Terry ratings (table and interval
// chart), and an LLM-judge battle job started from the page. Both models answer from the fake upstream.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the arena browser tests: ${unavailable}`);

/** Every text and attribute value of the page's body (scripts and styles left out): where a leaked name would be. */
function pageStrings(page: Page): Promise<string> {
  // A string, run in the page (this project's TypeScript has no DOM types).
  return page.evaluate<string>(`(() => {
    const out = [document.title];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      for (const a of el.attributes) out.push(a.value);
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent || '');
      if ('value' in el && typeof el.value === 'string') out.push(el.value);
    }
    return out.join('\\n');
  })()`);
}

/** Battles of three models of known strength (alpha > beta > gamma), one per line. */
function battlesJsonl(): string {
  const lines: string[] = [];
  const add = (a: string, b: string, winner: string, n: number) => {
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ model_a: a, model_b: b, winner }));
  };
  add('alpha', 'beta', 'model_a', 14);
  add('alpha', 'beta', 'model_b', 6);
  add('beta', 'gamma', 'model_a', 15);
  add('beta', 'gamma', 'model_b', 5);
  add('alpha', 'gamma', 'model_a', 17);
  add('gamma', 'alpha', 'tie', 3);
  return lines.join('\n') + '\n';
}

describe.skipIf(unavailable !== null)('web console: arena', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);
  const text = (loc: Locator) => loc.textContent().then((t) => t ?? '');
  useConsoleEnv(
    (e) => (env = e),
    () => ({ config: { arena: { models: [...MODELS] }, jobs: { poll_ms: 50 } } }),
  );

  it('a blind battle streams both answers, hides the names until the vote and reveals them after it', async () => {
    const { page, baimo } = env;
    await signInWithAdminToken(page);
    await at('nav-overview').waitFor();
    await at('lang-switch').click();
    await at('nav-arena').click();
    await at('arena-page').waitFor();
    expect(await text(at('arena-side-a'))).toContain('模型 A');
    expect(await text(at('arena-side-b'))).toContain('模型 B');

    await at('arena-prompt').fill('请用一句话介绍你自己。');
    await at('arena-start').click();
    // The fake sends 4 characters every 40 ms: side A's text grows in visible steps.
    const lengths = await sampleLengths(at('arena-answer-a'), (t) => t.includes(STREAM_TEXT));
    expect(new Set(lengths).size, `lengths seen: ${lengths.join(',')}`).toBeGreaterThan(3);
    await at('arena-done-a').waitFor({ timeout: 10_000 });
    await at('arena-done-b').waitFor({ timeout: 10_000 });
    expect(await text(at('arena-answer-b'))).toBe(STREAM_TEXT);

    // Both finished: the votes are open, and no model name is anywhere in the page.
    await expect.poll(() => at('arena-vote-model_a').isEnabled(), { timeout: 10_000 }).toBe(true);
    for (const w of ['model_b', 'tie', 'both_bad']) expect(await at(`arena-vote-${w}`).isEnabled(), w).toBe(true);
    expect(await text(at('arena-votes'))).toContain('A 更好');
    const before = await pageStrings(page);
    for (const m of MODELS) expect(before.includes(m), `${m} is in the page before the vote`).toBe(false);
    const pending = (await api(baimo, 'GET', '/api/arena/battles')).body.data;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: 'pending', model_a: null, model_b: null });
    await screenshot(page, 'arena-battle');

    await at('arena-vote-model_a').click();
    await at('arena-reveal').waitFor({ timeout: 10_000 });
    const a = await text(at('arena-name-a'));
    const b = await text(at('arena-name-b'));
    expect([a, b].sort()).toEqual([...MODELS].sort());
    const decided = (await api(baimo, 'GET', '/api/arena/battles')).body.data[0];
    expect(decided).toMatchObject({ status: 'decided', model_a: a, model_b: b, winner: 'model_a', source: 'vote' });
    const after = await pageStrings(page);
    for (const m of MODELS) expect(after.includes(m), `${m} is in the page after the vote`).toBe(true);
    expect(await text(at('arena-reveal'))).toContain(`模型 A 是 ${a}`);
    // One vote only: the buttons close.
    expect(await at('arena-vote-model_b').isEnabled()).toBe(false);
    await screenshot(page, 'arena-revealed');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('imports battles from a file; the ratings table and its interval chart rank the models', async () => {
    const { page, baimo } = env;
    await at('arena-tab-batch').click();
    await page.locator('[data-testid=arena-import] input[type=file]').setInputFiles({
      name: 'battles.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(battlesJsonl()),
    });
    await at('arena-import-result').waitFor({ timeout: 10_000 });
    expect(await text(at('arena-import-result'))).toContain('导入 60 场');

    await at('arena-tab-ratings').click();
    const table = at('arena-ratings-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(3);
    const api_ = (await api(baimo, 'GET', '/api/arena/ratings')).body as Array<{ model: string; rating: number; battles: number }>;
    expect(api_.map((r) => r.model)).toEqual(['alpha', 'beta', 'gamma']);
    expect(await table.getByTestId('arena-rating-model').allTextContents()).toEqual(api_.map((r) => r.model));
    expect(await text(table.locator('tbody tr.ant-table-row').first())).toContain(String(Math.round(api_[0]!.rating)));
    await at('arena-ratings-chart').locator('canvas').first().waitFor();
    // By source: only the vote counts under 人工投票.
    await at('arena-source-vote').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(2);
    await at('arena-source-all').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(3);
    await page.waitForTimeout(500); // the chart's entry animation
    await screenshot(page, 'arena-ratings');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('starts an LLM-judge battle job from the page', async () => {
    const { page, baimo } = env;
    await at('arena-tab-batch').click();
    await at('arena-judge-models').click();
    for (const m of MODELS) {
      await page.keyboard.type(m);
      await page.keyboard.press('Enter');
    }
    await page.locator('[data-testid=arena-judge] .ant-card-head-title').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await at('arena-judge-model').locator('input').first().fill(MODELS[0]);
    await at('arena-judge-prompts').fill('1+1 等于几？\n天空为什么是蓝色的？');
    await at('arena-judge-start').click();
    await at('arena-judge-job').waitFor({ timeout: 10_000 });
    const jobId = await at('arena-judge-job').getAttribute('data-job-id');
    expect(jobId).toBeTruthy();
    const job = await api(baimo, 'GET', `/api/jobs/${jobId}`);
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    expect(job.body).toMatchObject({ name: 'eval.arena_judge' });
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);
});
