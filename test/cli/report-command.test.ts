import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/analytics/report-pdf.js';
import { TimeBuckets } from '../../src/analytics/time-buckets.js';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { reportConfig, shanghaiDay } from '../helpers/report-api.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// `baimo report` through the built CLI (`npm run build` first), on the database of a running server
// that served real traffic (fake upstream): the report is made in the CLI's own process.

const ENV = { BAIMO_MASTER_KEY: '7'.repeat(64) };
let fake: FakeUpstream;
let baimo: TestBaimo;
let out: string;
const SHANGHAI = TimeBuckets.of('Asia/Shanghai');
const today = shanghaiDay();

const cli = (args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CliResult> =>
  runCli(['report', ...args, '--config', baimo.configPath], { env: { ...ENV, ...env }, cwd, timeoutMs: 90_000 });

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo(reportConfig(fake.url), ENV);
  const ws = (await api(baimo, 'POST', '/api/workspaces', { name: '研发部' })).body.id;
  const key = await createKey(baimo, { name: 'cli key' }, ws);
  const other = await createKey(baimo, { name: 'default key' });
  for (let i = 0; i < 4; i++) expect((await chat(baimo, key.key, { model: 'qwen-max', user: `u${i % 2}` })).status).toBe(200);
  expect((await chat(baimo, other.key, { model: 'deepseek-chat', user: 'x' })).status).toBe(200);
  await baimo.runtime.logWriter.flush();
  out = mkdtempSync(join(tmpdir(), 'baimo-report-cli-'));
}, 60_000);

afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('baimo report', { timeout: 120_000 }, () => {
  it('writes the JSON report of the last seven days of the whole instance to stdout', async () => {
    const r = await cli(['--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.workspace).toBeNull();
    expect(report.period.time_zone).toBe('Asia/Shanghai');
    // To the end of today, from the start of six days before.
    expect(SHANGHAI.label(Date.parse(report.period.to) - 1, 'day')).toBe(today);
    expect(Date.parse(report.period.to) - Date.parse(report.period.from)).toBe(7 * 86_400_000);
    expect(report.totals).toMatchObject({ requests: 5, users: 3 });
    expect(report.minute_of_day).toHaveLength(1440);
    expect(report.minute_of_day.reduce((a: number, b: number) => a + b, 0)).toBe(5);
    expect(report.by_model.map((m: { key: string }) => m.key)).toEqual(['qwen-max', 'deepseek-chat']);
  });

  it('takes --from, --to, --tz, --workspace (by name) and filters; CSV to stdout', async () => {
    const r = await cli(['--from', today, '--to', today, '--tz', 'Asia/Shanghai', '--workspace', '研发部', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('\uFEFF')).toBe(true);
    expect(r.stdout).toContain('qwen-max');
    expect(r.stdout).not.toContain('deepseek-chat');
    const filtered = await cli([
      '--format',
      'json',
      '--model',
      'deepseek-chat',
      '--tz',
      'UTC',
      '--from',
      '2020-01-01T00:00:00Z',
      '--to',
      '2099-01-01',
    ]);
    expect(filtered.code, filtered.stderr).toBe(2);
    expect(filtered.stderr).toContain('three years');
    const ok = await cli(['--format', 'json', '--model', 'deepseek-chat', '--tz', 'UTC']);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.filters).toEqual({ model: 'deepseek-chat' });
    expect(report.period.time_zone).toBe('UTC');
    expect(report.totals.requests).toBe(1);
  });

  it('writes HTML to --out, or to report-<from>-<to>.html here', async () => {
    const file = join(out, 'usage.html');
    const r = await cli(['--format', 'html', '--out', file, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote .*usage\.html \(\d+ bytes, from 5 rows\)/);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="en">');
    for (const s of ['summary', 'who', 'what', 'when', 'how-much', 'models']) expect(html).toContain(`data-section="${s}"`);

    const here = mkdtempSync(join(out, 'cwd-'));
    const d = await cli(['--format', 'html', '--from', today, '--to', today], {}, here);
    expect(d.code, d.stderr).toBe(0);
    expect(readdirSync(here)).toEqual([`report-${today}-${today}.html`]);
    expect(readFileSync(join(here, `report-${today}-${today}.html`), 'utf8')).toContain('<html lang="en">');
  });

  it('prints a PDF with headless Chromium, and says pdf_unavailable without one', async () => {
    const none = await cli(['--format', 'pdf', '--out', join(out, 'none.pdf')], { PATH: '/nonexistent' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('pdf_unavailable');
    expect(existsSync(join(out, 'none.pdf'))).toBe(false);
    const zh = await cli(['--format', 'pdf'], { PATH: '/nonexistent', BAIMO_LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('pdf_unavailable：生成 PDF 需要无头 Chromium');
    if (findChromium() === null) {
      console.log('no Chromium on PATH: the PDF itself is not checked here');
      return;
    }
    const file = join(out, 'usage.pdf');
    const r = await cli(['--format', 'pdf', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses bad flags with exit 2 and says why', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'docx'], /--format.*html, csv, json or pdf/],
      [[], /--format/],
      [['--format', 'json', '--tz', 'Mars/Olympus'], /--tz.*IANA/],
      [['--format', 'json', '--from', 'yesterday'], /from is not a date/],
      [['--format', 'json', '--lang', 'fr'], /--lang/],
      [['extra', '--format', 'json'], /usage: baimo report/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const missing = await cli(['--format', 'json', '--workspace', 'no-such-workspace']);
    expect(missing.code).toBe(1);
  });
});
