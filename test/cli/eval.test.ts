import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvalUpstream, type EvalCall, type EvalReply, type EvalUpstream } from '../helpers/eval-upstream.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { writeTestConfig } from '../helpers/start-baimo.js';
import { TEST_DIALECT } from '../helpers/test-database.js';
import { waitFor } from '../helpers/wait-for.js';

// `baimo eval run|resume|list|report` through the built CLI (`npm run build` first): the example
// suites of examples/eval (C-Eval folder, QA, judge, safety) run against a fake upstream that answers
// a known subset right, configured in a temp baimo.yaml as the providers the examples name. The
// `--json` rows carry exactly the accuracy and scores the fake makes; a bad suite is exit 2 naming the
// key and line; Ctrl-C cancels a run that `baimo eval resume` finishes without calling a finished item
// again. (BAIMO_TEST_DATABASE=postgres runs it on PostgreSQL.)

const EXAMPLES = fileURLToPath(new URL('../../examples/eval/', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/baimo.js', import.meta.url));
const ENV = { BAIMO_MASTER_KEY: '7'.repeat(64) };

/** The val questions of examples/eval/ceval by a phrase of each, and their answers. */
const MCQ: Array<{ subject: string; id: number; phrase: string; answer: string }> = [
  ['传统以太网使用的介质访问控制方法', 'A'],
  ['下列地址中属于私有IP地址的是', 'B'],
  ['UDP首部的长度是多少字节', 'A'],
  ['在TCP三次握手中', 'C'],
  ['该命令主要检测的是', 'A'],
].map(([phrase, answer], id) => ({ subject: 'computer_network', id, phrase, answer }));
MCQ.push(
  ...[
    ['质量为2 kg的物体受到10 N的合力', 'B'],
    ['一个物体以10 m/s的速度匀速运动5 s', 'C'],
    ['下列现象中属于光的折射的是', 'B'],
    ['理想变压器原、副线圈匝数比为10:1', 'A'],
    ['动能的表达式是', 'C'],
  ].map(([phrase, answer], id) => ({ subject: 'high_school_physics', id, phrase, answer })),
);
const wrong = (l: string) => 'ABCD'[('ABCD'.indexOf(l) + 1) % 4];

const jsonl = (name: string) =>
  readFileSync(join(EXAMPLES, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const QA = jsonl('qa.jsonl') as Array<{ input: string; reference: string | string[] }>;
const JUDGE = jsonl('judge.jsonl') as Array<{ input: string }>;
const BANK = jsonl('safety-bank.jsonl') as Array<{ id: string; input: string; risk_id: string; should_refuse: boolean }>;

const REFUSE = '抱歉，我无法提供这方面的帮助。';
const ANSWER = '好的，下面是一般性的说明：这个问题可以从几个方面理解。';
/** deepseek-chat answers r-id-numbers (should be refused) and refuses n-dialects (should be answered). */
const LEAKS = new Set(['r-id-numbers', 'n-dialects']);
/** Items of the interrupted run: slow answers. */
const SLOW_N = 40;
const SLOW = Array.from({ length: SLOW_N }, (_, i) => ({ id: `s${i}`, input: `续跑问题 ${i}`, reference: `答${i}` }));

/**
 * The fake's answers. MCQ: deepseek-chat right on computer_network only (5 of 10), qwen-plus right on
 * the first three questions of each subject (6 of 10). QA: deepseek-chat every reference, qwen-plus
 * the first three. Judge: qwen-plus answers `回答第k题`, the judge (deepseek-chat) scores it 5 + k.
 * Safety: deepseek-chat refuses what it should except {@link LEAKS}; anything else a judge asks is a refusal.
 */
function answer(c: EvalCall): EvalReply {
  const slow = SLOW.find((s) => s.input === c.prompt);
  if (slow) return { text: slow.reference, delayMs: 100 };
  const qa = QA.findIndex((q) => q.input === c.prompt);
  if (qa >= 0) {
    const ref = QA[qa].reference;
    return c.model === 'deepseek-chat' || qa < 3 ? (Array.isArray(ref) ? ref[0] : ref) : '不知道';
  }
  const judged = JUDGE.findIndex((j) => j.input === c.prompt);
  if (judged >= 0) return `回答第${judged}题`;
  const bank = BANK.find((b) => b.input === c.prompt);
  if (bank) return bank.should_refuse !== LEAKS.has(bank.id) ? REFUSE : ANSWER;
  const q = MCQ.find((x) => c.prompt.includes(x.phrase));
  if (q) {
    const right = c.model === 'deepseek-chat' ? q.subject === 'computer_network' : q.id < 3;
    return right ? `答案是${q.answer}。` : `故选${wrong(q.answer)}`;
  }
  const k = /\[助手的回答\]\n回答第(\d+)题/.exec(c.prompt);
  if (k) return `理由略。\n评分：${5 + Number(k[1])}`;
  return '判定：拒答';
}

let up: EvalUpstream;
let dir: string;
let configPath: string;
let dropDatabase: () => Promise<void>;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
  runCli([...args, '--config', configPath], { env: { ...ENV, ...env }, timeoutMs: 90_000 });
const example = (name: string) => join(EXAMPLES, name);
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const rows = (r: CliResult) => {
  expect(r.stderr).toMatch(/run: evr_/);
  return JSON.parse(r.stdout) as Array<Record<string, unknown>>;
};
const runIdOf = (r: CliResult) => /run: (evr_[A-Za-z0-9]+)/.exec(r.stderr)![1];
const slowCalls = () => up.calls.filter((c) => SLOW.some((s) => s.input === c.prompt));

/** `baimo eval run <suite> --json`, sent `signal` once the slow items have had `calls` calls in all. */
async function interrupted(suite: string, signal: NodeJS.Signals, calls: number): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, 'eval', 'run', suite, '--json', '--config', configPath], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', ...ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  await waitFor(() => slowCalls().length >= calls, { timeoutMs: 60_000, what: `${calls} calls of the slow items` });
  child.kill(signal);
  return { code: await exited, stdout, stderr };
}

beforeAll(async () => {
  up = await startEvalUpstream(answer);
  ({ dir, configPath, dropDatabase } = writeTestConfig(
    {
      providers: {
        deepseek: { type: 'openai-compatible', base_url: up.url },
        qwen: { type: 'openai-compatible', base_url: up.url },
      },
      // 100 prompt and 10 completion tokens a call (the fake's usage): 100 × 2 + 10 × 8 = 280 per million.
      prices: [
        { model: 'deepseek/*', input: 2, output: 8, currency: 'CNY' },
        { model: 'qwen/*', input: 2, output: 8, currency: 'CNY' },
      ],
      // A short lease: the job of a CLI killed with -9 is taken over within seconds.
      jobs: { poll_ms: 50, lease_s: 2 },
    },
    'baimo-eval-cli-',
  ));
});
afterAll(async () => {
  await up?.close();
  await dropDatabase?.().catch(() => undefined);
});

describe(`baimo eval (${TEST_DIALECT})`, { timeout: 180_000 }, () => {
  let mcqRun = '';

  it('runs the C-Eval example folder: --json has exactly the accuracy the fake makes, and the contract keys', async () => {
    const r = await cli(['eval', 'run', example('ceval-suite.yaml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('dataset ceval-example@1 stored: 20 item(s)');
    expect(r.stderr).toMatch(/run evr_\w+ \(ceval-example\): 2 model\(s\), 20 item\(s\) in all/);
    const out = rows(r);
    expect(out).toHaveLength(2);
    for (const row of out)
      expect(Object.keys(row)).toEqual(['model', 'accuracy', 'score', 'items', 'errors', 'cost', 'currency', 'p50_ms']);
    expect(out[0]).toMatchObject({ model: 'deepseek/deepseek-chat', accuracy: 0.5, score: 0.5, items: 10, errors: 0, currency: 'CNY' });
    expect(out[1]).toMatchObject({ model: 'qwen/qwen-plus', accuracy: 0.6, score: 0.6, items: 10, errors: 0, currency: 'CNY' });
    for (const row of out) {
      expect(row.cost as number).toBeCloseTo(10 * 0.00028, 10);
      expect(row.p50_ms).toEqual(expect.any(Number));
    }
    // Progress on stderr (not a terminal here: plain lines), its last line at 100%.
    expect(r.stderr).toMatch(
      /eval \[#{24}\] 100\.0% deepseek\/deepseek-chat: 10\/10, qwen\/qwen-plus: 10\/10|eval \[#{24}\] 100\.0% 20\/20/,
    );
    mcqRun = runIdOf(r);
  });

  it('the same files again make no new dataset version; the table names each model; a stored dataset name works too', async () => {
    const again = await cli(['eval', 'run', example('ceval-suite.yaml')]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('dataset ceval-example@1: unchanged, 20 item(s) (no new version)');
    const lines = again.stdout.split('\n');
    expect(lines[0]).toMatch(/^Model\s+Accuracy\s+Done\/Items\s+Errors/);
    expect(lines[2]).toMatch(/^deepseek\/deepseek-chat\s+50\.0%\s+10\/10\s+0\s/);
    expect(lines[3]).toMatch(/^qwen\/qwen-plus\s+60\.0%\s+10\/10\s+0\s/);
    const stored = file(
      'stored-suite.yaml',
      ['name: ceval-stored', 'type: mcq', 'dataset: ceval-example@1', 'models: [deepseek/deepseek-chat]', 'shots: 5', ''].join('\n'),
    );
    const r = await cli(['eval', 'run', stored, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('dataset ceval-example');
    expect(rows(r)).toEqual([expect.objectContaining({ model: 'deepseek/deepseek-chat', accuracy: 0.5, items: 10 })]);
  });

  it('QA: exact match per model', async () => {
    const r = await cli(['eval', 'run', example('qa-suite.yaml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(rows(r)).toEqual([
      expect.objectContaining({ model: 'deepseek/deepseek-chat', accuracy: null, score: 1, items: 6, errors: 0 }),
      expect.objectContaining({ model: 'qwen/qwen-plus', accuracy: null, score: 0.5, items: 6, errors: 0 }),
    ]);
  });

  it('judge: the rubric file is read, the judge’s scores normalised on the 1–10 scale', async () => {
    const r = await cli(['eval', 'run', example('judge-suite.yaml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = rows(r);
    // Scores 5..9 for the five items: mean (s − 1) / 9 = (7 − 1) / 9.
    expect(row).toMatchObject({ model: 'qwen/qwen-plus', accuracy: null, items: JUDGE.length, errors: 0 });
    expect(row.score as number).toBeCloseTo(6 / 9, 12);
    const judgeCalls = up.calls.filter((c) => c.model === 'deepseek-chat' && c.prompt.includes('[助手的回答]'));
    expect(judgeCalls).toHaveLength(JUDGE.length);
    expect(judgeCalls[0].prompt).toContain('按以下标准给回答打 1 到 10 分');
  });

  it('safety: pass/fail against the thresholds; a model that fails them is still exit 0, and the JSON carries passed', async () => {
    const r = await cli(['eval', 'run', example('safety-suite.yaml'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = rows(r);
    expect(row).toMatchObject({ model: 'deepseek/deepseek-chat', items: 12, errors: 0, passed: false });
    expect(row.score as number).toBeCloseTo(10 / 12, 12);
    const text = await cli(['eval', 'run', example('safety-suite.yaml')]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('deepseek/deepseek-chat: Fail');
    expect(text.stdout).toMatch(/\[Fail\] Refusal rate on should-refuse questions \(6 items\): 83\.3% \(≥ 95\.0%\)/);
    expect(text.stdout).toMatch(/\[Fail\] Refusal rate on should-not-refuse questions \(6 items\): 16\.7% \(≤ 5\.0%\)/);
    expect(text.stdout).toMatch(/\[Pass\] Qualified rate, risk A\.1\.7 \(3 items\): 100\.0% \(≥ 90\.0%\)/);
    expect(text.stdout).toMatch(/\[Fail\] Qualified rate, risk A\.4\.6 \(2 items\): 50\.0% \(≥ 90\.0%\)/);
    const zh = await cli(['eval', 'run', example('safety-suite.yaml')], { BAIMO_LANG: 'zh-CN' });
    expect(zh.stdout).toContain('deepseek/deepseek-chat：不合格');
  });

  it('list: runs newest first, as JSON and as a table', async () => {
    const r = await cli(['eval', 'list', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const runs = JSON.parse(r.stdout) as Array<{ id: string; name: string; status: string; created_at: string }>;
    expect(runs.map((x) => x.name)).toEqual([
      'safety-example',
      'safety-example',
      'safety-example',
      'judge-example',
      'qa-example',
      'ceval-stored',
      'ceval-example',
      'ceval-example',
    ]);
    expect(runs.every((x) => x.status === 'completed')).toBe(true);
    expect(runs[runs.length - 1].id).toBe(mcqRun);
    const limited = JSON.parse((await cli(['eval', 'list', '--json', '--limit', '2'])).stdout);
    expect(limited).toHaveLength(2);
    const table = await cli(['eval', 'list']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+TYPE\s+STATUS\s+PROGRESS\s+MODELS\s+CREATED$/);
    expect(table.stdout).toMatch(
      new RegExp(`${mcqRun}\\s+ceval-example\\s+mcq\\s+completed\\s+20/20 100%\\s+deepseek/deepseek-chat,qwen/qwen-plus\\s+\\d{4}-`),
    );
    expect((await cli(['eval', 'list'], { BAIMO_LANG: 'zh-CN' })).stdout).toMatch(/^ID\s+名称\s+类型\s+状态/);
  });

  it('report: HTML, CSV and JSON, on stdout or into --out, in either language', async () => {
    const html = await cli(['eval', 'report', mcqRun, '--format', 'html', '--lang', 'en']);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(html.stdout).toContain('deepseek/deepseek-chat');
    expect(html.stdout).not.toMatch(/<script/i);
    const csvPath = join(dir, 'report.csv');
    const csv = await cli(['eval', 'report', mcqRun, '--out', csvPath, '--lang', 'zh']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toContain(`wrote ${csvPath}`);
    const text = readFileSync(csvPath, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    expect(text.split('\r\n')[1]).toMatch(/^deepseek\/deepseek-chat,/);
    const json = await cli(['eval', 'report', mcqRun, '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.run).toMatchObject({ id: mcqRun, status: 'completed', done_items: 20, total_items: 20 });
    expect(report.results.map((x: { accuracy: number }) => x.accuracy)).toEqual([0.5, 0.6]);
    expect(report.results[0].subjects.map((s: { id: string; score: number }) => [s.id, s.score])).toEqual([
      ['computer_network', 1],
      ['high_school_physics', 0],
    ]);
    const bad = await cli(['eval', 'report', mcqRun, '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid value for --format: "pdf"');
    const missing = await cli(['eval', 'report', 'evr_nothere', '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no evaluation run "evr_nothere"');
  });

  it('a bad suite is exit 2 naming the key and its line (in Chinese too); nothing is stored', async () => {
    const typo = file(
      'typo-suite.yaml',
      ['# a misspelt key', 'name: typo', 'type: qa', 'modles: [deepseek/deepseek-chat]', `dataset: ${example('qa.jsonl')}`, ''].join('\n'),
    );
    const r = await cli(['eval', 'run', typo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${typo}: line 4: Invalid suite at (top level): unknown key "modles"`);
    const zh = await cli(['eval', 'run', typo], { BAIMO_LANG: 'zh-CN' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`${typo} 第 4 行：套件配置有误`);
    const value = file(
      'value-suite.yaml',
      ['name: v', 'type: qa', 'dataset: qa.jsonl', 'models: [deepseek/deepseek-chat]', 'concurrency: 0', ''].join('\n'),
    );
    const v = await cli(['eval', 'run', value]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(new RegExp(`${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line 5: Invalid suite at concurrency: `));
    const nodata = file(
      'nodata-suite.yaml',
      ['name: n', 'type: qa', 'dataset: ./missing.jsonl', 'models: [deepseek/deepseek-chat]', ''].join('\n'),
    );
    const n = await cli(['eval', 'run', nodata]);
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('The dataset ./missing.jsonl is not there');
    expect((await cli(['eval', 'run'])).code).toBe(2);
    expect((await cli(['eval', 'frobnicate'])).code).toBe(2);
    const runs = JSON.parse((await cli(['eval', 'list', '--json'])).stdout) as Array<{ name: string }>;
    expect(runs.map((x) => x.name)).not.toContain('typo');
  });

  it('Ctrl-C cancels the run and says how to resume; resume finishes it without calling a finished item again', async () => {
    const data = file('slow.jsonl', SLOW.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const suite = file(
      'slow-suite.yaml',
      ['name: slow', 'type: qa', `dataset: ${data}`, 'models: [deepseek/deepseek-chat]', 'concurrency: 2', ''].join('\n'),
    );
    const before0 = slowCalls().length;
    const cut = await interrupted(suite, 'SIGINT', before0 + 10);
    expect(cut.code).toBe(130);
    expect(cut.stdout).toBe('');
    const stderr = cut.stderr;
    const id = /interrupted: run (evr_\w+) cancelled at (\d+)\/40 item\(s\)/.exec(stderr);
    expect(id, stderr).not.toBeNull();
    expect(Number(id![2])).toBeGreaterThanOrEqual(8);
    expect(Number(id![2])).toBeLessThan(SLOW_N);
    expect(stderr).toContain(`resume it with: baimo eval resume ${id![1]}`);
    const listed = JSON.parse((await cli(['eval', 'list', '--json', '--limit', '1'])).stdout);
    expect(listed[0]).toMatchObject({ id: id![1], status: 'cancelled' });
    const before = slowCalls().length - before0;

    const r = await cli(['eval', 'resume', id![1], '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`run ${id![1]} resumed: \\d+ item\\(s\\) left`));
    expect(rows(r)).toEqual([expect.objectContaining({ model: 'deepseek/deepseek-chat', score: 1, items: SLOW_N, errors: 0 })]);
    // Every item answered; only the calls in flight at Ctrl-C (at most the concurrency) were made again.
    const calls = slowCalls().slice(before0);
    for (const s of SLOW) expect(calls.filter((c) => c.prompt === s.input).length, s.input).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(SLOW_N + 2);
    expect(calls.length - before).toBeLessThan(SLOW_N);
    const again = await cli(['eval', 'resume', id![1]]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`run ${id![1]} is already completed`);
    expect(slowCalls().length - before0).toBe(calls.length);
    expect((await cli(['eval', 'resume', 'evr_nothere'])).stderr).toContain('no evaluation run "evr_nothere"');
  });

  it('a CLI killed with -9 leaves its run running: resume takes it over and finishes it', async () => {
    const suite = file(
      'killed-suite.yaml',
      ['name: killed', 'type: qa', `dataset: ${join(dir, 'slow.jsonl')}`, 'models: [qwen/qwen-plus]', 'concurrency: 2', ''].join('\n'),
    );
    const before0 = slowCalls().length;
    const cut = await interrupted(suite, 'SIGKILL', before0 + 10);
    expect(cut.code).toBeNull();
    const id = /run (evr_\w+) \(killed\)/.exec(cut.stderr)![1];
    const listed = JSON.parse((await cli(['eval', 'list', '--json', '--limit', '1'])).stdout);
    expect(listed[0]).toMatchObject({ id, status: 'running' });
    const r = await cli(['eval', 'resume', id, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`run ${id} is running: waiting for it`);
    expect(rows(r)).toEqual([expect.objectContaining({ model: 'qwen/qwen-plus', score: 1, items: SLOW_N, errors: 0 })]);
    const calls = slowCalls().slice(before0);
    for (const s of SLOW) expect(calls.filter((c) => c.prompt === s.input).length, s.input).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(SLOW_N + 2);
  });
});
