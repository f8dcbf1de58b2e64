import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/** The distribution's Chromium (Debian `chromium`); a browser is never downloaded. */
export const CHROMIUM = process.env.BAIMO_E2E_CHROMIUM ?? '/usr/bin/chromium';
const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST_INDEX = join(REPO, 'web', 'dist', 'index.html');
export const SCREENSHOTS = join(REPO, 'test-artifacts', 'screenshots');

/** Why the browser tests cannot run here, or null when they can. */
export function e2eUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (!existsSync(WEB_DIST_INDEX)) return 'the web console is not built (npm run build:web)';
  return null;
}

/** The two aliases the playground can pick and compare; both answer from the fake upstream. */
export const MODELS = ['alpha', 'beta'] as const;

/** A text long enough to be streamed in visible steps (the fake sends 4 characters per delta). */
export const STREAM_TEXT = 'Streaming from the fake upstream, one small delta at a time, so the text visibly grows.';

export interface ConsoleEnv {
  baimo: TestBaimo;
  fake: FakeUpstream;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far (tests take and clear them). */
  errors: string[];
  /** Every script URL the page loaded since the last `scripts.length = 0`. */
  scripts: string[];
  close(): Promise<void>;
}

/** Browser noise that is not an application error. */
function ignorable(text: string, url: string): boolean {
  if (!text.startsWith('Failed to load resource: the server responded with a status of')) return false;
  // The session probe before logging in answers 401 by design; Chromium logs that as a failed load.
  if (text.includes('status of 401') && /\/api\/auth\/me\b/.test(url)) return true;
  // Chromium's own favicon probe for non-HTML documents (the console declares its icon inline).
  return text.includes('status of 404') && new URL(url || 'about:blank').pathname === '/favicon.ico';
}

const LOCK_DIR = join(tmpdir(), 'baimo-e2e-browser.lock');

/**
 * One browser suite at a time: vitest runs two test files at once on this two-core machine, and two
 * Chromiums side by side would turn the console's timing budgets into a measure of each other. A
 * directory is the lock (mkdir is atomic); a holder that died is detected by its pid.
 */
export async function browserLock(maxWaitMs = 280_000): Promise<() => void> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return () => rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
    } catch {
      // being created or removed right now
    }
    if (Number.isInteger(holder) && !alive(holder)) rmSync(LOCK_DIR, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another browser suite held ${LOCK_DIR} for ${maxWaitMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Chromium and one page (1280 × 900) that loads nothing from the network, for a report file opened
 * offline: `file://` loads, any other request is refused and its URL pushed to `refused`; console errors
 * and uncaught page errors go to `errors`. The screenshot folder is made.
 */
export async function openOfflinePage(sinks: { refused: string[]; errors: string[] }): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://')) return route.continue();
    sinks.refused.push(url);
    return route.abort();
  });
  page.on('console', (msg) => msg.type() === 'error' && sinks.errors.push(msg.text()));
  page.on('pageerror', (err) => sinks.errors.push(err.message));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return { browser, page };
}

/** Time a browser suite's `beforeAll` may take, waiting for the other suite included. */
export const SETUP_TIMEOUT_MS = 300_000;

/** What a suite adds to the console's baimo.yaml: more providers and aliases, other sections. */
export interface ConsoleEnvOptions {
  providers?: Record<string, unknown>;
  models?: Array<Record<string, unknown>>;
  /** Other top-level sections (`jobs`, `knowledge`, …). */
  config?: Record<string, unknown>;
}

/** One fake upstream, one real baimo with two aliases on it (and `options`'), one browser and one page for all tests. */
export async function startConsoleEnv(options: ConsoleEnvOptions = {}): Promise<ConsoleEnv> {
  const release = await browserLock();
  const fake = await startFakeOpenAI({ fallback: { kind: 'text', text: STREAM_TEXT, chunkDelayMs: 40 } });
  const baimo = await startBaimo({
    ...options.config,
    providers: { fake: { type: 'openai-compatible', base_url: fake.url }, ...options.providers },
    models: [...MODELS.map((name) => ({ name, targets: [{ provider: 'fake', model: `${name}-upstream` }] })), ...(options.models ?? [])],
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    // English first, so the language switch has something to switch to.
    const context = await browser.newContext({ baseURL: baimo.url, locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const scripts: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const url = msg.location().url ?? '';
      if (!ignorable(msg.text(), url)) errors.push(`console.error: ${msg.text()} (${url})`);
    });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      if (req.resourceType() === 'script' || /\.m?js(\?|$)/.test(req.url())) scripts.push(req.url());
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    const b = browser;
    return {
      baimo,
      fake,
      browser: b,
      context,
      page,
      errors,
      scripts,
      close: async () => {
        await b.close().catch(() => undefined);
        await baimo.close();
        await fake.close();
        release();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await baimo.close();
    await fake.close();
    release();
    throw err;
  }
}

export function byTestId(page: Page, id: string): Locator {
  return page.getByTestId(id);
}

/** The `<input>`/`<textarea>` of a test id: the element itself, or the one inside it (antd puts ids on wrappers). */
export async function inputOf(loc: Locator): Promise<Locator> {
  const tag = await loc.evaluate((n) => n.tagName);
  return tag === 'INPUT' || tag === 'TEXTAREA' ? loc : loc.locator('input, textarea').first();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Takes the collected console errors (and clears them), so each test fails on its own errors only. */
export function takeErrors(env: ConsoleEnv): string[] {
  return env.errors.splice(0, env.errors.length);
}

/**
 * Picks an option of a select by its visible text: a native `<select>`, or an Ant Design Select
 * (the test id on its root; options open in a popup attached to the body).
 */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const el = byTestId(page, testId);
  if ((await el.evaluate((n) => n.tagName)) === 'SELECT') {
    await el.selectOption({ label: text });
    return;
  }
  await el.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text });
  await option.first().click();
}

/** True when the JavaScript at `url` (fetched again from the server) contains ECharts. */
export async function isEcharts(url: string): Promise<boolean> {
  if (/echarts|zrender/i.test(url)) return true;
  const body = await fetch(url).then((r) => r.text());
  // ECharts' DOM marker survives minification (a string literal of echarts/core).
  return body.includes('_echarts_instance_');
}

/** Text lengths of a locator sampled every `everyMs` until `until()` holds or `maxMs` passed. */
export async function sampleLengths(loc: Locator, until: (text: string) => boolean, everyMs = 50, maxMs = 10_000): Promise<number[]> {
  const lengths: number[] = [];
  const start = Date.now();
  for (;;) {
    const text = (await loc.textContent()) ?? '';
    lengths.push(text.length);
    if (until(text) || Date.now() - start > maxMs) return lengths;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const CJK = /[\u4e00-\u9fff]/;

/**
 * One console environment for the enclosing `describe`: started before its tests (handed to `use`),
 * closed after them (`options` is read when it starts, after the suite's earlier `beforeAll`s); any browser console error or uncaught exception fails the test it happened in.
 */
export function useConsoleEnv(use: (env: ConsoleEnv) => void, options: () => ConsoleEnvOptions = () => ({})): void {
  let env: ConsoleEnv | undefined;
  beforeAll(async () => {
    env = await startConsoleEnv(options());
    use(env);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });
  afterEach(() => {
    if (env) expect(takeErrors(env).join('\n'), 'browser console errors').toBe('');
  });
}

/** Signs in on the login page with the admin token (switching to its tab when the page opened on another). */
export async function signInWithAdminToken(page: Page): Promise<void> {
  await page.goto('/login');
  const at = (id: string) => byTestId(page, id);
  if (!(await at('login-token').isVisible())) await at('login-tab-token').click();
  await at('login-token').fill(ADMIN_TOKEN);
  await at('login-submit').click();
}
