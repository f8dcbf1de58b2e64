import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN } from '../helpers/start-baimo.js';
import {
  byTestId,
  inputOf,
  CJK,
  e2eUnavailable,
  pickOption,
  screenshot,
  signInWithAdminToken,
  takeErrors,
  type ConsoleEnv,
  useConsoleEnv,
} from './helpers.js';

// Issue 19, the console's evaluation pages (in Chinese): upload a small C-Eval-style dataset by the
// browser's file input, start an MCQ run of three models from the form, watch its progress bar move
// until it completes, then the 含金量 report — leaderboard, quality-vs-cost scatter (log axis, Pareto
// front), per-subject accuracy, items — its exports, and the cross-run leaderboard. The models answer
// from fake upstreams: alpha and beta always say A, gamma always says B, each priced differently.
const unavailable = e2eUnavailable();
if (unavailable) console.warn(`[e2e] skipping the evaluation browser tests: ${unavailable}`);

const DATASET = 'ceval-e2e';
const RUN = 'ceval-e2e-run';
const HEADER = 'id,question,A,B,C,D,answer';
/** Two subjects: computer_network (answers A B A C A D) and high_school_physics (A B B C). */
const FILES = {
  'computer_network_dev.csv': [
    HEADER,
    '0,以太网使用哪种介质访问控制？,CSMA/CD,令牌环,时分复用,频分复用,A',
    '1,私有地址是？,8.8.8.8,192.168.1.1,1.1.1.1,9.9.9.9,B',
  ],
  'computer_network_val.csv': [
    HEADER,
    '0,UDP首部长度是多少字节？,8,12,20,40,A',
    '1,HTTP默认端口是？,21,80,25,53,B',
    '2,IPv4地址长度是多少位？,32,64,128,16,A',
    '3,TCP建立连接第一个报文设置哪个标志？,ACK,FIN,SYN,RST,C',
    '4,ping使用的协议是？,ICMP,UDP,TCP,ARP,A',
    '5,DNS默认端口是？,21,80,25,53,D',
  ],
  'high_school_physics_dev.csv': [HEADER, '0,力的单位是？,牛顿,焦耳,瓦特,帕斯卡,A', '1,功的单位是？,牛顿,焦耳,瓦特,帕斯卡,B'],
  'high_school_physics_val.csv': [
    HEADER,
    '0,速度的国际单位是？,米每秒,千克,秒,牛顿,A',
    '1,功率的单位是？,牛顿,瓦特,焦耳,帕斯卡,B',
    '2,压强的单位是？,牛顿,帕斯卡,焦耳,瓦特,B',
    '3,电阻的单位是？,伏特,安培,欧姆,库仑,C',
  ],
};
const VAL_ITEMS = 10;
const MODELS = ['alpha', 'beta', 'gamma'] as const;
/** Per million tokens (CNY): gamma cheapest, beta dearest — the costs span more than two decades. */
const PRICES = [
  { model: 'alpha', input: 2, output: 6 },
  { model: 'beta', input: 60, output: 120 },
  { model: 'gamma', input: 0.2, output: 0.4 },
];
/** Slow enough answers that the progress bar is seen between 0 and 1 (one call at a time per model). */
const ANSWER_DELAY_MS = 300;

describe.skipIf(unavailable !== null)('web console: evaluation', () => {
  let env: ConsoleEnv;
  let gamma: FakeUpstream;
  let runId = '';
  const at = (id: string) => byTestId(env.page, id);

  beforeAll(async () => {
    gamma = await startFakeOpenAI({ fallback: { kind: 'text', text: '答案：B', delayMs: ANSWER_DELAY_MS } });
  });
  afterAll(async () => {
    await gamma?.close();
  });
  useConsoleEnv(
    (e) => {
      env = e;
      env.fake.fallback = { kind: 'text', text: '答案：A', delayMs: ANSWER_DELAY_MS };
    },
    () => ({
      providers: { fake2: { type: 'openai-compatible', base_url: gamma.url } },
      models: [{ name: 'gamma', targets: [{ provider: 'fake2', model: 'gamma-upstream' }] }],
      config: { jobs: { poll_ms: 50 }, prices: PRICES },
    }),
  );

  it('uploads a dataset, starts a run from the form and follows its progress until it completes', async () => {
    const { page, baimo } = env;
    await signInWithAdminToken(page);
    await at('nav-overview').waitFor();
    await at('lang-switch').click();
    await at('nav-eval').click();
    await at('eval-page').waitFor();
    expect(await at('nav-eval').textContent()).toBe('评测');

    // Upload: four CSV files at once through the drop zone's file input.
    await at('eval-tab-datasets').click();
    await at('eval-dataset-upload-open').click();
    await (await inputOf(at('eval-dataset-name'))).fill(DATASET);
    await page
      .locator('[data-testid=eval-dataset-upload] input[type=file]')
      .setInputFiles(
        Object.entries(FILES).map(([name, lines]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') })),
      );
    await at('eval-dataset-upload-submit').click();
    let datasets: Array<{ id: string; name: string; type: string; latest_version: number }> = [];
    await expect
      .poll(
        async () => {
          datasets = (await api(baimo, 'GET', '/api/eval/datasets')).body.data;
          return datasets.map((d) => [d.name, d.type, d.latest_version]);
        },
        { timeout: 10_000 },
      )
      .toEqual([[DATASET, 'mcq', 1]]);
    await at(`eval-dataset-version-${DATASET}`).waitFor();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await screenshot(page, 'eval-datasets');

    // The dataset's page: its version and a page of its items.
    await at(`eval-dataset-open-${DATASET}`).click();
    await at('eval-dataset-page').waitFor();
    expect(await at('eval-dataset-title').textContent()).toBe(DATASET);
    await expect.poll(() => at('eval-dataset-items').locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await at('eval-dataset-items').textContent()).toContain('UDP首部长度是多少字节？');
    await page.goBack();
    await at('eval-page').waitFor();

    // A run of the three models, one call at a time each, with two examples per question.
    await at('eval-tab-runs').click();
    await at('eval-new-run').click();
    await (await inputOf(at('eval-new-name'))).fill(RUN);
    await pickOption(page, 'eval-new-dataset', DATASET);
    await expect.poll(() => at('eval-new-type').textContent()).toContain('选择题');
    await at('eval-new-models').click();
    for (const m of MODELS) {
      await page.keyboard.type(m);
      await page.keyboard.press('Enter');
    }
    // Clicking the title closes the dropdown (Escape would close the modal).
    await page.locator('.ant-modal-title').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await (await inputOf(at('eval-new-shots'))).fill('2');
    await (await inputOf(at('eval-new-concurrency'))).fill('1');
    await at('eval-new-submit').click();
    await expect.poll(async () => (await api(baimo, 'GET', '/api/eval/runs')).body.data.length, { timeout: 10_000 }).toBe(1);
    const started = (await api(baimo, 'GET', '/api/eval/runs')).body.data[0];
    runId = started.id;
    expect(started).toMatchObject({ name: RUN, type: 'mcq', models: [...MODELS], total_items: VAL_ITEMS * MODELS.length });
    expect(started.dataset).toMatchObject({ name: DATASET, version: 1 });

    // The list polls: the bar is seen part-way, then full with the run completed.
    const bar = at(`eval-run-progress-${runId}`);
    await bar.waitFor({ timeout: 10_000 });
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          seen.add(Number(await bar.getAttribute('data-progress')));
          return at(`eval-run-status-${runId}`).getAttribute('data-status');
        },
        { timeout: 60_000, interval: 200 },
      )
      .toBe('completed');
    seen.add(Number(await bar.getAttribute('data-progress')));
    expect(
      [...seen].some((p) => p > 0 && p < 1),
      `progress values seen: ${[...seen].join(', ')}`,
    ).toBe(true);
    expect(Math.max(...seen)).toBe(1);
    expect(await at(`eval-run-status-${runId}`).textContent()).toBe('已完成');
    await screenshot(page, 'eval-runs');
    expect(takeErrors(env)).toEqual([]);
  }, 120_000);

  it('shows the report: leaderboard, the quality-vs-cost scatter with its Pareto front, subjects, items and exports', async () => {
    const { page, baimo } = env;
    const report = (await api(baimo, 'GET', `/api/eval/runs/${runId}`)).body;
    const byModel = Object.fromEntries(report.results.map((r: { model: string }) => [r.model, r]));
    // alpha and beta answer A (4 of 10 right), gamma answers B (3 of 10); beta costs more than alpha for the same score.
    expect(byModel.alpha).toMatchObject({ accuracy: 0.4, done: VAL_ITEMS, errors: 0, pareto: true });
    expect(byModel.beta).toMatchObject({ accuracy: 0.4, pareto: false });
    expect(byModel.gamma).toMatchObject({ accuracy: 0.3, pareto: true });
    expect(byModel.beta.cost_per_1k_cny / byModel.gamma.cost_per_1k_cny).toBeGreaterThan(100);

    await at(`eval-run-open-${runId}`).click();
    await at('eval-run-page').waitFor();
    expect(await at('eval-run-title').textContent()).toBe(RUN);
    expect(await at('eval-run-page').getAttribute('data-status')).toBe('completed');
    const board = at('eval-leaderboard');
    await expect.poll(() => board.locator('tbody tr.ant-table-row').count()).toBe(3);
    // Best score first; the Pareto marks on alpha and gamma only; percentages and yuan shown.
    expect(await board.getByTestId('eval-lb-model').allTextContents()).toEqual(['alpha', 'beta', 'gamma']);
    expect(await board.locator('tr[data-row-key=alpha]').getByTestId('eval-lb-pareto').count()).toBe(1);
    expect(await board.locator('tr[data-row-key=beta]').getByTestId('eval-lb-pareto').count()).toBe(0);
    expect(await board.locator('tr[data-row-key=gamma]').getByTestId('eval-lb-pareto').count()).toBe(1);
    expect(await board.locator('tr[data-row-key=gamma]').textContent()).toContain('30.0%');
    expect(await board.textContent()).toContain('¥');

    // The scatter: an ECharts canvas, three points, a log cost axis (the costs span > 2 decades).
    const scatter = at('eval-scatter');
    await scatter.locator('canvas').first().waitFor();
    const plot = scatter.locator('xpath=..');
    expect(await plot.getAttribute('data-points')).toBe('3');
    expect(await plot.getAttribute('data-log-axis')).toBe('true');
    expect((await scatter.boundingBox())!.height).toBeGreaterThan(200);

    // Per subject: alpha is right on 3 of 6 network questions, gamma on 2 of 4 physics ones.
    await at('eval-subjects').getByText('按学科', { exact: true }).click();
    expect(await at('eval-subject-computer_network-alpha').textContent()).toBe('50.0%');
    expect(await at('eval-subject-high_school_physics-gamma').textContent()).toBe('50.0%');
    await page.waitForTimeout(500); // the chart's entry animation
    await screenshot(page, 'eval-report');

    // Items: gamma's replies, one opened with its scoring detail.
    await pickOption(page, 'eval-items-model', 'gamma');
    const rows = at('eval-items-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(VAL_ITEMS);
    expect(await rows.first().textContent()).toContain('答案：B');
    await rows.first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => at('eval-items').locator('[data-testid^=eval-item-detail-]').count()).toBe(1);
    expect(CJK.test((await at('eval-items').textContent()) ?? '')).toBe(true);

    // Exports: each link answers 200 with its format.
    const types = { html: 'text/html', csv: 'text/csv', json: 'application/json' };
    for (const [format, type] of Object.entries(types)) {
      const href = await at(`eval-export-${format}`).getAttribute('href');
      expect(href, format).toContain(`/api/eval/runs/${runId}/report?format=${format}`);
      const res = await fetch(`${baimo.url}${href}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.status, `${format} export`).toBe(200);
      expect(res.headers.get('content-type'), format).toContain(type);
      const body = await res.text();
      expect(body, format).toContain('gamma');
    }
    // The button downloads with the console's credentials.
    const [download] = await Promise.all([page.waitForEvent('download'), at('eval-export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`${RUN}.csv`);
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);

  it('the cross-run leaderboard ranks the models of the suite and plots them', async () => {
    const { page } = env;
    await page.goto('/eval?tab=leaderboard');
    const table = at('eval-board-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 10_000 }).toBe(3);
    expect(await table.getByTestId('eval-board-model').allTextContents()).toEqual(['alpha', 'beta', 'gamma']);
    expect(await table.getByTestId('eval-board-pareto').count()).toBe(2);
    await at('eval-board-scatter').locator('canvas').first().waitFor();
    expect(await at('eval-board-suite').textContent()).toContain(RUN);
    await page.waitForTimeout(500);
    await screenshot(page, 'eval-leaderboard');
    // Overall: each model's mean over its suites (one here).
    await at('eval-board-view-overall').click();
    const overall = at('eval-overall-table');
    await expect.poll(() => overall.locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await overall.locator('tr[data-row-key=gamma]').textContent()).toContain('30.0%');
    expect(takeErrors(env)).toEqual([]);
  });

  it('a pasted suite.yaml starts a run; it is cancelled, resumed and deleted from the list', async () => {
    const { page, baimo } = env;
    // Slow answers: the run is still going when it is cancelled.
    env.fake.fallback = { kind: 'text', text: '答案：A', delayMs: 3_000 };
    gamma.fallback = { kind: 'text', text: '答案：B', delayMs: 3_000 };
    await page.goto('/eval');
    await at('eval-new-run').click();
    await at('eval-new-mode-yaml').click();
    await (
      await inputOf(at('eval-new-yaml'))
    ).fill([`name: yaml-run`, `type: mcq`, `dataset: ${DATASET}@1`, `models: [alpha]`, `shots: 0`, `concurrency: 1`].join('\n'));
    await at('eval-new-submit').click();
    let run: { id: string; status: string } | undefined;
    await expect
      .poll(
        async () => {
          run = (await api(baimo, 'GET', '/api/eval/runs')).body.data.find((r: { name: string }) => r.name === 'yaml-run');
          return run?.status;
        },
        { timeout: 10_000 },
      )
      .toMatch(/queued|running/);
    const id = run!.id;
    await at(`eval-run-cancel-${id}`).click();
    await expect.poll(() => at(`eval-run-status-${id}`).getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');
    await at(`eval-run-resume-${id}`).click();
    await expect.poll(() => at(`eval-run-status-${id}`).getAttribute('data-status'), { timeout: 10_000 }).toMatch(/queued|running/);
    await at(`eval-run-delete-${id}`).click();
    await at('eval-run-delete-ok').click();
    await expect.poll(async () => (await api(baimo, 'GET', `/api/eval/runs/${id}`)).status, { timeout: 10_000 }).toBe(404);
    await at(`eval-run-status-${id}`).waitFor({ state: 'detached' });
    // The completed run is still there.
    expect((await api(baimo, 'GET', `/api/eval/runs/${runId}`)).status).toBe(200);
    expect(takeErrors(env)).toEqual([]);
  }, 60_000);
});
