import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, createKey } from '../helpers/admin-api.js';
import { postJson, runApp } from '../helpers/app-run.js';
import { waitFor } from '../helpers/wait-for.js';
import { byTestId, CJK, e2eUnavailable, screenshot, signInWithAdminToken, takeErrors, type ConsoleEnv, useConsoleEnv } from './helpers.js';

// Issue 20, the console's Analytics section: real traffic through the gateway (two models, a scenario
// app, three end users, a key whose app carries a segment), then the page — its headline figures are
// the API report's, the 24 h × 60 min chart has its 1,440 buckets, a model's bar and a scenario's bar
// open the request logs filtered to them, the filters live in the URL, the CSV export downloads the
// report's tables, and the page reads in Chinese.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the analytics browser tests: ${unavailable}`);

const SLUG = 'summarizer';
/** alpha: 3 chat calls; beta: 2; the scenario app: 2 runs (logged as the model `app:summarizer`). */
const CALLS = [
  { model: 'alpha', user: 'u1' },
  { model: 'alpha', user: 'u2' },
  { model: 'alpha', user: 'u1' },
  { model: 'beta', user: 'u3' },
  { model: 'beta', user: 'u3' },
];
const RUNS = 2;
const TOTAL = CALLS.length + RUNS;
const BY_MODEL: Record<string, number> = { alpha: 3, [`app:${SLUG}`]: RUNS, beta: 2 };

/** The plot areas of the model bars and the group bars (MODEL_BARS_GRID, GROUP_BARS_GRID in web/src/pages/analytics/). */
const MODEL_GRID = { left: 132, top: 12, bottom: 28 };
const GROUP_GRID = { left: 150, top: 8, bottom: 24 };

/** The middle of bar `i` of `n` on a category axis running down, a little right of the axis. */
async function barPoint(chart: Locator, grid: { left: number; top: number; bottom: number }, i: number, n: number) {
  const box = (await chart.locator('canvas').first().boundingBox())!;
  const band = (box.height - grid.top - grid.bottom) / n;
  return { x: box.x + grid.left + 6, y: box.y + grid.top + band * (i + 0.5) };
}

describe.skipIf(unavailable !== null)('web console: analytics', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);

  useConsoleEnv(
    (e) => (env = e),
    () => ({
      config: { apps: { default_model: 'alpha' }, prices: [{ model: 'alpha', input: 2, output: 6 }], jobs: { poll_ms: 50 } },
    }),
  );

  beforeAll(async () => {
    const { baimo } = env;
    const app = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { name: 'Edu portal', metadata: { industry: 'education' } });
    expect(app.status, JSON.stringify(app.body)).toBe(201);
    const { key } = await createKey(baimo, { name: 'analytics e2e', app_id: app.body.id });
    const scenario = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', {
      slug: SLUG,
      spec: {
        name: 'Summarizer',
        variables: [{ name: 'text', type: 'text', required: true }],
        prompts: { en: { user: 'Sum up: {{text}}' } },
      },
      publish: true,
    });
    expect(scenario.status, JSON.stringify(scenario.body)).toBe(201);
    for (const c of CALLS) {
      const r = await postJson(
        `${baimo.baseURL}/chat/completions`,
        { model: c.model, user: c.user, messages: [{ role: 'user', content: `hello from ${c.user}` }] },
        key,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    for (let i = 0; i < RUNS; i++) {
      const r = await runApp(baimo, SLUG, { inputs: { text: `text ${i}` }, user: 'u2' }, key);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // The log writer flushes in batches: wait until the report has every request.
    let last: unknown;
    await waitFor(
      async () => {
        const r = await api(baimo, 'GET', '/api/analytics/report');
        last = r.status === 200 ? r.body.totals.requests : r.body;
        return last === TOTAL;
      },
      { timeoutMs: 15_000, everyMs: 200, what: `${TOTAL} requests in the report` },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; last seen: ${JSON.stringify(last)}`);
    });
  }, 60_000);

  /** The report the page itself fetched next (its query is the page's), and the same query asked again by the test. */
  async function pageReport(page: Page, action: () => Promise<unknown>): Promise<{ url: URL; body: any }> {
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/analytics/report' && r.status() === 200),
      action(),
    ]);
    return { url: new URL(res.url()), body: await res.json() };
  }

  /** A group's request figures (what page views from the console cannot change). */
  const pickRequests = (g: any) => ({ key: g.key, requests: g.requests, tokens: g.tokens, cost: g.cost, errors: g.errors });

  async function rendered(chart: Locator): Promise<void> {
    await chart.locator('canvas').first().waitFor();
    await expect.poll(() => chart.getAttribute('data-rendered'), { timeout: 10_000 }).toBe('true');
  }

  it('shows the report’s figures: the headline cards equal the API’s, the 1,440-minute chart and the heatmap', async () => {
    const { page, baimo } = env;
    await signInWithAdminToken(page);
    await at('nav-analytics').waitFor();
    const { url, body } = await pageReport(page, () => at('nav-analytics').click());
    await at('analytics-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/analytics');
    // The default view: the last 7 days of the instance zone, as days the server reads in that zone.
    expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.period.time_zone).toBe('Asia/Shanghai');

    // The cards show the report the page received, figure for figure.
    const cards: Record<string, number | null> = {
      requests: body.totals.requests,
      page_views: body.totals.page_views,
      users: body.totals.users,
      new_users: body.totals.new_users,
      sessions: body.totals.sessions,
      avg_dwell_seconds: body.totals.avg_dwell_seconds,
      tokens: body.totals.tokens,
      cost: body.totals.cost,
      latency_p95: body.totals.latency_ms.p95,
      satisfaction: body.totals.satisfaction,
    };
    for (const [k, v] of Object.entries(cards)) {
      await expect.poll(() => at(`analytics-kpi-${k}`).getAttribute('data-value'), { timeout: 10_000 }).toBe(v === null ? '' : String(v));
    }
    expect(await at('analytics-kpi-requests').locator('.ant-statistic-content').textContent()).toBe(String(TOTAL));
    expect(await at('analytics-kpi-cost').locator('.ant-statistic-content').textContent()).toBe(`¥${body.totals.cost.toFixed(4)}`);

    // That report is the API's: asked again by the test, the same query gives the same request figures
    // (page views, sessions and users may have grown since: the console reports its own page views).
    const again = (await api(baimo, 'GET', `/api/analytics/report${url.search}`)).body;
    expect(body.totals.requests).toBe(TOTAL);
    for (const f of ['requests', 'tokens', 'cost', 'errors', 'latency_ms'] as const) expect(again.totals[f], f).toEqual(body.totals[f]);
    expect(again.by_model.map(pickRequests)).toEqual(body.by_model.map(pickRequests));
    expect(Object.fromEntries(body.by_model.map((g: { key: string; requests: number }) => [g.key, g.requests]))).toEqual(BY_MODEL);
    expect(body.by_model[0].key).toBe('alpha');
    // u1, u2 and u3 called; the console's own page views may add its user.
    expect(body.totals.users).toBeGreaterThanOrEqual(3);
    expect(body.totals.cost).toBeGreaterThan(0);

    // Every minute of the day has its bucket; together they hold every request.
    const minute = at('analytics-chart-minute');
    await rendered(minute);
    expect(await minute.getAttribute('data-buckets')).toBe('1440');
    expect(Number(await minute.getAttribute('data-total'))).toBe(TOTAL);
    expect(body.minute_of_day).toHaveLength(1440);
    const box = await minute.locator('canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await rendered(at('analytics-chart-heatmap'));
    expect(Number(await at('analytics-chart-heatmap').getAttribute('data-total'))).toBe(TOTAL);
    await rendered(at('analytics-chart-series'));
    await screenshot(page, 'analytics-overview');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('a model’s bar opens the request logs filtered to that model over the period', async () => {
    const { page } = env;
    await at('analytics-tab-models').click();
    const chart = at('analytics-chart-models');
    await rendered(chart);
    const models = JSON.parse((await chart.getAttribute('data-models'))!) as string[];
    expect(models).toHaveLength(3);
    expect([...models].sort()).toEqual(Object.keys(BY_MODEL).sort());
    expect(await at('analytics-models-table').locator('tbody tr.ant-table-row').count()).toBe(3);
    await screenshot(page, 'analytics-models');

    // beta's bar, in its band of the category axis: its tooltip names it before it is clicked.
    const { x, y } = await barPoint(chart, MODEL_GRID, models.indexOf('beta'), models.length);
    await page.mouse.move(x, y);
    await expect.poll(async () => (await page.locator('.analytics-tooltip').last().textContent()) ?? '').toContain('beta');
    await page.mouse.click(x, y);
    await page.waitForURL(/\/logs\?/);
    const params = new URL(page.url()).searchParams;
    expect(params.get('model')).toBe('beta');
    expect(Number(params.get('to')) - Number(params.get('from'))).toBe(7 * 86_400_000);
    const table = at('logs-table');
    await expect.poll(() => table.getByTestId('logs-row').count(), { timeout: 10_000 }).toBe(BY_MODEL.beta);
    for (const text of await table.getByTestId('logs-row').allTextContents()) expect(text).toContain('beta');
    expect(await (await at('logs-filter-model').elementHandle())!.inputValue()).toBe('beta');
    await screenshot(page, 'analytics-drill-logs');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('a scenario’s bar opens its logs; a segment’s bar filters the page; the filters live in the URL', async () => {
    const { page, baimo } = env;
    await page.goBack();
    await at('analytics-page').waitFor();
    await at('analytics-tab-scenarios').click();
    const chart = at('analytics-chart-scenarios');
    await rendered(chart);
    const groups = JSON.parse((await chart.getAttribute('data-groups'))!) as string[];
    expect(groups).toEqual(['direct_api', SLUG]);
    const bar = await barPoint(chart, GROUP_GRID, 1, groups.length);
    await page.mouse.click(bar.x, bar.y);
    await page.waitForURL(/\/logs\?/);
    expect(new URL(page.url()).searchParams.get('scenario')).toBe(SLUG);
    await expect.poll(() => at('logs-table').getByTestId('logs-row').count(), { timeout: 10_000 }).toBe(RUNS);

    // The segment of the key's app: a bar of the industry chart sets the page's filter.
    await page.goBack();
    await at('analytics-tab-scenarios').waitFor();
    const industry = at('analytics-chart-segment-industry');
    await rendered(industry);
    expect(JSON.parse((await industry.getAttribute('data-groups'))!)).toEqual(['education']);
    const seg = await barPoint(industry, GROUP_GRID, 0, 1);
    const { url, body } = await pageReport(page, () => page.mouse.click(seg.x, seg.y));
    expect(new URL(page.url()).searchParams.get('industry')).toBe('education');
    expect(url.searchParams.get('industry')).toBe('education');
    expect(body.filters).toEqual({ industry: 'education' });
    expect(body.totals.requests).toBe(TOTAL);

    // The model filter: in the URL, in the query, and a reload keeps it.
    await page.goto('/analytics?model=alpha&tab=models');
    await rendered(at('analytics-chart-models'));
    expect(JSON.parse((await at('analytics-chart-models').getAttribute('data-models'))!)).toEqual(['alpha']);
    await at('analytics-tab-overview').click();
    await expect.poll(() => at('analytics-kpi-requests').getAttribute('data-value')).toBe(String(BY_MODEL.alpha));
    const filtered = (await api(baimo, 'GET', '/api/analytics/report?model=alpha')).body;
    expect(filtered.totals.requests).toBe(BY_MODEL.alpha);
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('exports the report as CSV with the page’s filters', async () => {
    const { page } = env;
    const [download] = await Promise.all([page.waitForEvent('download'), at('analytics-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('alpha');
    expect(csv).not.toContain('beta');
    expect(takeErrors(env)).toEqual([]);
  });

  it('downloads the HTML report made by a background job', async () => {
    const { page } = env;
    await at('analytics-report').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), at('analytics-report-html').click()]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html.toLowerCase()).toContain('<html');
    expect(html).toContain('alpha');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('topics say when classification is off; the taxonomy tab edits the labels', async () => {
    const { page, baimo } = env;
    await page.goto('/analytics?tab=topics');
    await at('analytics-topics-off').waitFor();
    await at('analytics-tab-taxonomy').click();
    await at('analytics-topics-status').waitFor();
    const before = (await api(baimo, 'GET', '/api/analytics/taxonomy')).body;
    expect(before.source).toBe('default');
    const labels = at('analytics-taxonomy').getByTestId('analytics-taxonomy-label');
    await expect.poll(() => labels.count(), { timeout: 10_000 }).toBe(before.taxonomy.labels.length);
    // Rename the first label in English and save: the API has the new name, the taxonomy is now custom.
    const first = before.taxonomy.labels[0];
    const english = labels.first().locator('input').nth(2);
    expect(await english.inputValue()).toBe(first.en);
    await english.fill(`${first.en} (e2e)`);
    await at('analytics-taxonomy-save').click();
    await expect.poll(async () => (await api(baimo, 'GET', '/api/analytics/taxonomy')).body.source, { timeout: 10_000 }).toBe('custom');
    const after = (await api(baimo, 'GET', '/api/analytics/taxonomy')).body;
    expect(after.taxonomy.labels[0]).toEqual({ ...first, en: `${first.en} (e2e)` });
    expect(after.taxonomy.labels.slice(1)).toEqual(before.taxonomy.labels.slice(1));
    await screenshot(page, 'analytics-taxonomy');
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('reads in Chinese', async () => {
    const { page } = env;
    await page.goto('/analytics');
    await at('analytics-page').waitFor();
    await at('lang-switch').click();
    await expect.poll(async () => (await at('nav-analytics').textContent()) ?? '').toBe('用量分析');
    expect((await at('analytics-kpi-requests').textContent()) ?? '').toContain('请求数');
    expect((await at('analytics-page').textContent()) ?? '').toMatch(CJK);
    for (const chart of ['minute', 'heatmap', 'series', 'usage', 'quality']) await rendered(at(`analytics-chart-${chart}`));
    await screenshot(page, 'analytics-zh');
    await at('lang-switch').click();
    expect(takeErrors(env)).toEqual([]);
  });
});
