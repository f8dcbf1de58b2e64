import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGguf, gv, writeGgufFile, type GgufSpec } from '../fixtures/gguf-writer.js';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import {
  byTestId,
  CJK,
  e2eUnavailable,
  isEcharts,
  MODELS,
  pickOption,
  sampleLengths,
  screenshot,
  STREAM_TEXT,
  type ConsoleEnv,
  useConsoleEnv,
} from './helpers.js';

// Browser tests of the web console: one Chromium, one baimo, one fake upstream for the whole file.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the web console browser tests: ${unavailable}`);

/** A tiny but valid GGUF model (one small F32 tensor; `floats` sets the file size). */
function tinyGguf(floats: number): GgufSpec {
  const data = new Float32Array(floats).map((_, i) => Math.sin(i));
  return {
    metadata: { 'general.architecture': gv.str('llama'), 'general.name': gv.str('tiny e2e model') },
    tensors: [{ name: 'token_embd.weight', dims: [floats], type: 'f32', data }],
  };
}

/** Serves `bytes` at `/<name>` slowly (in `parts` pieces, `delayMs` apart) so a pull shows progress. */
async function serveSlowly(name: string, bytes: Buffer, parts: number, delayMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (req.url !== `/${name}`) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    const size = Math.ceil(bytes.length / parts);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(bytes.subarray(i * size, (i + 1) * size));
      if (++i >= parts) {
        clearInterval(timer);
        res.end();
      }
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}`, server };
}

describe.skipIf(unavailable !== null)('web console in a real browser', () => {
  let env: ConsoleEnv;
  const at = (id: string) => byTestId(env.page, id);
  const path = () => new URL(env.page.url()).pathname;

  useConsoleEnv((e) => (env = e));

  it('the login page renders in under a second and does not load ECharts', async () => {
    // Warm the browser process and the connection; what is measured is the console itself.
    await env.page.goto('/healthz');
    const first = env.scripts.length;
    const t0 = Date.now();
    await env.page.goto('/');
    await env.page.waitForURL(/\/login$/);
    await at('login-submit').or(at('login-tab-token')).first().waitFor();
    const ms = Date.now() - t0;
    // Let anything the page would fetch on its own (prefetches, idle imports) arrive.
    await env.page.waitForLoadState('networkidle');
    await screenshot(env.page, 'login');
    console.info(`[e2e] login page visible after ${ms} ms (cold cache)`);
    // A regression guard only: the under-a-second budget is measured on the navigation below.
    expect(ms, `login page visible after ${ms} ms`).toBeLessThan(3000);
    const loaded = env.scripts.slice(first);
    expect(loaded.length).toBeGreaterThan(0);
    for (const url of loaded) expect(await isEcharts(url), `${url} is ECharts`).toBe(false);
  });

  it('logs in with the admin token', async () => {
    if (!(await at('login-token').isVisible())) await at('login-tab-token').click();
    await at('login-token').fill(ADMIN_TOKEN);
    const t0 = Date.now();
    await at('login-submit').click();
    await at('nav-overview').waitFor();
    const ms = Date.now() - t0;
    console.info(`[e2e] login → navigation visible after ${ms} ms`);
    expect(ms, `navigation visible after ${ms} ms`).toBeLessThan(1000);
    expect(path()).toBe('/overview');
  });

  it('a logged-in reload shows the navigation in under a second', async () => {
    // The median of three reloads: the suite shares two cores with another test file, and one
    // reload can land on a busy moment of that file.
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await env.page.goto('/overview');
      await at('nav-overview').waitFor();
      times.push(Date.now() - t0);
    }
    const ms = times.sort((a, b) => a - b)[1];
    console.info(`[e2e] logged-in reload: navigation visible after ${ms} ms (median of ${times.join(', ')} ms)`);
    expect(ms, `navigation visible after ${ms} ms`).toBeLessThan(1000);
  });

  it('navigates with the side nav to every page', async () => {
    // Each page's own landmark: the screenshot must show that page, not the one before it.
    const landmark = {
      overview: 'overview-page',
      playground: 'playground-input',
      models: 'models-page',
      keys: 'keys-table',
      logs: 'logs-page',
    };
    for (const p of ['overview', 'playground', 'models', 'keys', 'logs'] as const) {
      await at(`nav-${p}`).click();
      await env.page.waitForURL(new RegExp(`/${p}(\\?.*)?$`));
      await at(landmark[p]).waitFor();
      await env.page.waitForLoadState('networkidle');
      await screenshot(env.page, p);
    }
    // The detector used on the login page does find ECharts where it belongs (since logging in).
    const found = await Promise.all(env.scripts.map((u) => isEcharts(u)));
    expect(found.some(Boolean), 'the overview page loads ECharts').toBe(true);
  });

  it('playground: Enter sends, the answer streams in, Esc stops', async () => {
    const { page, fake } = env;
    await at('nav-playground').click();
    await pickOption(page, 'playground-model', MODELS[0]);
    await at('playground-clear').click();
    const output = at('playground-output').getByTestId('playground-answer').last();
    const before = fake.requests.length;
    await at('playground-input').fill('Say something slowly.');
    await at('playground-input').press('Enter');
    // The fake sends 4 characters every 40 ms: the visible text must grow in several steps.
    const lengths = await sampleLengths(output, (text) => text.includes(STREAM_TEXT));
    expect(await output.textContent()).toContain(STREAM_TEXT);
    const distinct = [...new Set(lengths.filter((n) => n > 0))];
    expect(distinct.length, `output lengths seen: ${lengths.join(',')}`).toBeGreaterThanOrEqual(4);
    expect(fake.requests[before].body).toMatchObject({ model: `${MODELS[0]}-upstream`, stream: true });
    await screenshot(page, 'playground-streamed');
    await at('playground-stop').waitFor({ state: 'detached' });

    // A long, slow answer stopped with Esc: the text stops growing and baimo drops the upstream call.
    const aborted = fake.aborted;
    fake.queue.push({ kind: 'text', text: 'x'.repeat(4000), chunkDelayMs: 40 });
    await at('playground-input').fill('Now a long one.');
    await at('playground-input').press('Enter');
    await expect.poll(async () => ((await output.textContent()) ?? '').split('xxxx').length, { timeout: 5000 }).toBeGreaterThan(3);
    await at('playground-input').press('Escape');
    await at('playground-stop').waitFor({ state: 'detached' });
    await page.waitForTimeout(100);
    const stoppedAt = ((await output.textContent()) ?? '').length;
    await page.waitForTimeout(500);
    expect(((await output.textContent()) ?? '').length).toBe(stoppedAt);
    expect(stoppedAt).toBeLessThan(4000);
    await expect.poll(() => fake.aborted, { timeout: 3000 }).toBeGreaterThan(aborted);
    await screenshot(page, 'playground-stopped');
  });

  it('playground: compares two models side by side', async () => {
    const { page, fake } = env;
    await at('nav-playground').click();
    await pickOption(page, 'playground-model', MODELS[0]);
    await at('playground-clear').click();
    await at('playground-compare').click();
    // Compare mode starts with the current model and the next one; pick them if it did not.
    const picked = at('playground-compare-models');
    for (const m of MODELS) if (!((await picked.textContent()) ?? '').includes(m)) await pickOption(page, 'playground-compare-models', m);
    await page.keyboard.press('Escape');
    const before = fake.requests.length;
    await at('playground-input').fill('Compare these.');
    await at('playground-input').press('Enter');
    for (const m of MODELS) {
      const answer = at('playground-column').filter({ hasText: m }).getByTestId('playground-answer').last();
      await expect.poll(async () => (await answer.textContent()) ?? '', { timeout: 10_000 }).toContain(STREAM_TEXT);
    }
    await at('playground-stop').waitFor({ state: 'detached' });
    const models = fake.requests.slice(before).map((r) => r.body.model);
    expect(models.sort()).toEqual(MODELS.map((m) => `${m}-upstream`).sort());
    await screenshot(page, 'playground-compare');
    await at('playground-compare').click();
  });

  it('playground: an answer can be liked, and the pages visited are reported as page views (usage analytics)', async () => {
    const { page } = env;
    await at('nav-playground').click();
    await pickOption(page, 'playground-model', MODELS[0]);
    await at('playground-clear').click();
    await at('playground-input').fill('Rate this one.');
    await at('playground-input').press('Enter');
    const feedback = at('playground-feedback').last();
    await feedback.waitFor();
    await at('playground-feedback-like').last().click();
    await expect.poll(() => feedback.getAttribute('data-rating'), { timeout: 5_000 }).toBe('like');
    const token = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const now = Date.now();
    const totals = async (query: string) =>
      (
        (await (
          await fetch(`${env.baimo.url}/api/analytics/report?from=${now - 3_600_000}&to=${now + 600_000}${query}`, { headers: token })
        ).json()) as {
          totals: { likes: number; page_views: number };
        }
      ).totals;
    expect((await totals('')).likes).toBe(1);
    // A second click on the same button withdraws the like.
    await at('playground-feedback-like').last().click();
    await expect.poll(() => feedback.getAttribute('data-rating'), { timeout: 5_000 }).toBe('');
    expect((await totals('')).likes).toBe(0);
    // Navigations are sent in batches a moment later; the console's pages land in the default workspace.
    await at('nav-logs').click();
    await expect.poll(async () => (await totals('&workspace=ws_default')).page_views, { timeout: 10_000 }).toBeGreaterThan(3);
    await screenshot(page, 'playground-feedback');
  });

  it('keys: a new key is shown once', async () => {
    const { page } = env;
    await at('nav-keys').click();
    await at('key-create').click();
    await at('key-name').fill('e2e key');
    await at('key-create-submit').click();
    const reveal = at('key-reveal');
    await reveal.waitFor();
    const text = (await reveal.textContent()) ?? '';
    const key = /sk-bm-[A-Za-z0-9]{40}/.exec(text)?.[0];
    expect(key, `key-reveal text: ${text}`).toBeTruthy();
    await screenshot(page, 'keys-reveal');
    await at('key-reveal-done').click();
    await reveal.waitFor({ state: 'hidden' });
    // Once means once: a closed dialog must not keep the key in the DOM either.
    expect.soft(await page.content(), 'the key is still in the DOM after the dialog closed').not.toContain(key!);
    await page.reload();
    await at('nav-keys').waitFor();
    await page.getByText('e2e key').first().waitFor();
    expect(await page.content()).not.toContain(key!);
    // The key works once, against the gateway.
    const r = await fetch(`${env.baimo.baseURL}/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(r.status).toBe(200);
  });

  it('logs: the playground request is listed and opens its detail', async () => {
    const { page } = env;
    await at('nav-logs').click();
    const table = at('logs-table');
    await table.waitFor();
    const row = table.getByTestId('logs-row').filter({ hasText: MODELS[0] }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const detail = at('log-detail');
    await detail.waitFor();
    expect((await detail.textContent()) ?? '').toContain(MODELS[0]);
    await screenshot(page, 'log-detail');
    await page.keyboard.press('Escape');
  });

  it('switches the language to Chinese and back', async () => {
    const { page } = env;
    const english = (await at('nav-overview').textContent()) ?? '';
    expect(english).not.toMatch(CJK);
    await at('lang-switch').click();
    await expect.poll(async () => (await at('nav-overview').textContent()) ?? '').toMatch(CJK);
    expect((await at('nav-logs').textContent()) ?? '').toMatch(CJK);
    await screenshot(page, 'zh-CN');
    // Remembered across a reload.
    await page.reload();
    await expect.poll(async () => (await at('nav-overview').textContent()) ?? '').toMatch(CJK);
    await at('lang-switch').click();
    await expect.poll(async () => (await at('nav-overview').textContent()) ?? '').toBe(english);
  });

  it('models: adds a provider and tests its connection', async () => {
    const { page, fake } = env;
    await at('nav-models').click();
    await at('provider-add').click();
    await at('provider-name').fill('e2e-upstream');
    await pickOption(page, 'provider-type', 'openai-compatible');
    await at('provider-base-url').fill(fake.url);
    await at('provider-api-key').fill('sk-e2e-upstream-secret');
    await at('provider-save').click();
    await page.getByText('e2e-upstream').first().waitFor();
    const put = await fetch(`${env.baimo.url}/api/providers/e2e-upstream`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await put.json()).toMatchObject({ name: 'e2e-upstream', has_api_key: true, base_url: fake.url });
    await at('provider-test').last().click();
    const result = at('provider-test-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'provider-test');
  });
  it('playground: Shift+Enter adds a line and does not send', async () => {
    const { page, fake } = env;
    // A fresh load: the previous test may leave a dialog open over the navigation.
    await page.goto('/playground');
    await pickOption(page, 'playground-model', MODELS[0]);
    const input = at('playground-input');
    const before = fake.requests.length;
    await input.fill('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second line');
    expect(await input.inputValue()).toBe('first line\nsecond line');
    await page.waitForTimeout(300);
    expect(fake.requests.length, 'Shift+Enter sent the message').toBe(before);
    await expect.poll(() => at('playground-send').isEnabled()).toBe(true);
    await input.fill('');
  });

  it('models: the local models tab lists a GGUF file', async () => {
    const { page } = env;
    // models_dir: the test server's default ./models, resolved inside its temp directory.
    const dir = env.baimo.runtime.config.models_dir;
    expect(dir.startsWith(env.baimo.dir), `models_dir ${dir} is not in the test's temp dir`).toBe(true);
    mkdirSync(dir, { recursive: true });
    const size = await writeGgufFile(join(dir, 'tiny.gguf'), tinyGguf(64));
    await page.goto('/models');
    await at('models-tab-local').click();
    const table = at('local-models-table');
    await table.getByText('tiny.gguf').waitFor({ timeout: 10_000 });
    expect(await at('local-models-dir').textContent()).toBe(dir);
    expect(size).toBeGreaterThan(0);
    await screenshot(page, 'models-local');
  });

  it('models: pulling a GGUF file shows progress until done', async () => {
    const { page } = env;
    const bytes = encodeGguf(tinyGguf(64 * 1024));
    const { url, server } = await serveSlowly('pulled-tiny.gguf', bytes, 8, 200);
    try {
      await page.goto('/models?tab=local');
      await at('local-pull-source').fill(url);
      await at('local-pull-submit').click();
      const progress = at('local-pull-progress');
      await progress.waitFor();
      // Sample the status and byte count until the pull ends: it must be seen running part way.
      const seen: { status: string | null; received: number }[] = [];
      const t0 = Date.now();
      for (;;) {
        const status = await progress.getAttribute('data-status');
        seen.push({ status, received: Number(await progress.getAttribute('data-received')) });
        if (status === 'done' || status === 'failed' || Date.now() - t0 > 20_000) break;
        await page.waitForTimeout(100);
      }
      expect(seen.at(-1)?.status, JSON.stringify(seen)).toBe('done');
      expect(
        seen.some((s) => s.status === 'running' && s.received > 0 && s.received < bytes.length),
        JSON.stringify(seen),
      ).toBe(true);
      expect(seen.at(-1)?.received).toBe(bytes.length);
      await at('local-models-table').getByText('pulled-tiny.gguf').waitFor({ timeout: 5000 });
      await screenshot(page, 'models-local-pulled');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 30_000);

  it('logs: the detail shows the failed attempt and the fallback taken', async () => {
    const { page, fake } = env;
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    // An alias whose only target fails once (500, no retries), falling back to the alias alpha.
    const put = await fetch(`${env.baimo.url}/api/models/flaky`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ targets: [{ provider: 'fake', model: 'flaky-upstream', weight: 1 }], fallbacks: [MODELS[0]], retries: 0 }),
    });
    expect(put.status, await put.clone().text()).toBeLessThan(300);
    fake.queue.push({ kind: 'status', status: 500, message: 'flaky upstream failed once' });
    const r = await fetch(`${env.baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ model: 'flaky', messages: [{ role: 'user', content: 'fall back please' }] }),
    });
    expect(r.status, await r.clone().text()).toBe(200);
    await page.goto('/logs');
    const row = at('logs-table').getByTestId('logs-row').filter({ hasText: 'flaky' }).first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const attempts = at('log-detail-attempts');
    await attempts.waitFor({ timeout: 10_000 });
    const items = attempts.getByTestId('log-detail-attempt');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).getAttribute('data-failed')).toBe('true');
    expect(await items.nth(0).getAttribute('data-model')).toBe('flaky-upstream');
    expect(await items.nth(1).getAttribute('data-failed')).toBe('false');
    expect(await items.nth(1).getAttribute('data-model')).toBe(`${MODELS[0]}-upstream`);
    expect((await attempts.textContent()) ?? '').toContain('500');
    await page.waitForTimeout(400); // let the drawer finish sliding in
    await screenshot(page, 'log-detail-attempts');
    await page.keyboard.press('Escape');
  });

  it('the overview shows the traffic of the tests before it, with charts', async () => {
    const { page } = env;
    await page.goto('/overview');
    const requests = at('overview-card-requests');
    await requests.waitFor();
    // The playground, compare and logs tests above sent requests: the rollups must show them.
    await expect
      .poll(async () => Number(((await requests.locator('.ant-statistic-content').textContent()) ?? '0').replace(/[^0-9]/g, '')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await at('overview-chart-requests').waitFor();
    await expect.poll(() => page.locator('[data-testid="overview-chart-requests"] canvas').count()).toBeGreaterThan(0);
    await page.waitForTimeout(600); // let the chart animation finish for the screenshot
    await screenshot(page, 'overview-with-traffic');
  });
});
