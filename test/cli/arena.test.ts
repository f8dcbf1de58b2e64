import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { battlesFromStrengths } from '../helpers/arena-api.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { writeTestConfig } from '../helpers/start-baimo.js';
import { TEST_DIALECT } from '../helpers/test-database.js';

// `baimo arena import|ratings` through the built CLI (`npm run build` first), on an in-process
// runtime of the test config: battles drawn from known strengths are imported, and the ratings come
// back in that order, as exactly the documented JSON rows or as a table. Bad lines are reported by
// number and exit 2. (BAIMO_TEST_DATABASE=postgres runs it on PostgreSQL.)

const ENV = { BAIMO_MASTER_KEY: '7'.repeat(64) };
const STRENGTHS = { 'qwen-max': 1250, 'deepseek-chat': 1200, 'glm-4': 1050, 'ernie-4': 950, 'baichuan-4': 800 };

let dir: string;
let configPath: string;
let dropDatabase: () => Promise<void>;

const arena = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
  runCli(['arena', ...args, '--config', configPath], { env: { ...ENV, ...env }, timeoutMs: 60_000 });

const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  ({ dir, configPath, dropDatabase } = writeTestConfig({}, 'baimo-arena-cli-'));
});
afterAll(async () => {
  await dropDatabase?.().catch(() => undefined);
});

describe(`baimo arena (${TEST_DIALECT})`, { timeout: 120_000 }, () => {
  it('ratings before any battle: an empty JSON array, and a hint as text', async () => {
    const json = await arena(['ratings', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    const text = await arena(['ratings']);
    expect(text.stdout).toContain('no decided battles yet');
  });

  it('a file with bad lines is refused whole (exit 2), each bad line named; --skip-invalid imports the rest', async () => {
    const bad = file(
      'bad.jsonl',
      [
        '{"model_a":"qwen-max","model_b":"glm-4","winner":"model_a"}',
        '{"model_a":"qwen-max","model_b":"glm-4","winner":"draw"}',
        '{"model_a":"glm-4","model_b":"glm-4","winner":"tie"}',
        '',
      ].join('\n'),
    );
    const r = await arena(['import', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}, line 2: winner must be model_a, model_b, tie or both_bad`);
    expect(r.stderr).toContain(`${bad}, line 3: a model cannot battle itself (glm-4)`);
    expect(r.stderr).toContain('nothing imported: 2 bad line(s)');
    expect(JSON.parse((await arena(['ratings', '--json'])).stdout)).toEqual([]);
    const zh = await arena(['import', bad], { BAIMO_LANG: 'zh-CN' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`${bad} 第 2 行：winner 必须是 model_a、model_b、tie 或 both_bad`);
    const skipped = await arena(['import', bad, '--skip-invalid']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('imported 1 battle(s) into workspace');
    expect(skipped.stdout).toContain('skipped 2 bad line(s)');
  });

  it('imports battles drawn from known strengths; ratings --json has their order and exactly the documented keys', async () => {
    const path = file('battles.jsonl', battlesFromStrengths(STRENGTHS, 4000, 11));
    const r = await arena(['import', path, '--workspace', 'ws_default']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 4000 battle\(s\) into workspace /);
    const json = await arena(['ratings', '--json', '--source', 'import']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((x) => x.model)).toEqual(Object.keys(STRENGTHS));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['model', 'rating', 'ci_low', 'ci_high', 'rank', 'battles']);
      expect(row.ci_low as number).toBeLessThanOrEqual(row.rating as number);
      expect(row.ci_high as number).toBeGreaterThanOrEqual(row.rating as number);
    }
    const rating = Object.fromEntries(rows.map((x) => [x.model, x.rating as number]));
    expect(Math.abs(rating['qwen-max'] - rating['baichuan-4'] - 450)).toBeLessThan(70);
    expect(rows.reduce((n, x) => n + (x.battles as number), 0)).toBe(2 * 4001);
    // A table, in Chinese too.
    const table = await arena(['ratings']);
    expect(table.stdout).toMatch(/RANK\s+MODEL\s+RATING\s+95% CI\s+BATTLES/);
    expect(table.stdout.split('\n')[2]).toMatch(/^1\s+qwen-max\s+\d+\.\d/);
    expect((await arena(['ratings'], { BAIMO_LANG: 'zh-CN' })).stdout).toContain('排名');
  });

  it('bad arguments exit 2 with the usage', async () => {
    expect((await arena(['import'])).code).toBe(2);
    const source = await arena(['ratings', '--source', 'votes']);
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('invalid value for --source: "votes"');
    expect((await arena(['shuffle'])).code).toBe(2);
    const missing = await arena(['import', join(dir, 'none.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
    const empty = await arena(['import', file('empty.jsonl', '\n')]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('there are no battles in it');
    const ws = await arena(['import', file('one.jsonl', '{"model_a":"a","model_b":"b","winner":"tie"}'), '--workspace', 'nowhere']);
    expect(ws.code).toBe(1);
    expect(ws.stderr).toContain('no workspace "nowhere"');
  });
});
