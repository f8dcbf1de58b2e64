import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_SLUGS } from '../../src/apps/app-types.js';
import { t } from '../../src/cli/i18n.js';
import { echoText, startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { writeTestConfig } from '../helpers/start-baimo.js';
import { writeZip } from '../helpers/zip-writer.js';

const ENV = { BAIMO_MASTER_KEY: '5'.repeat(64) };

let fake: FakeUpstream;
let dir: string;
let configPath: string;
let dropDatabase: () => Promise<void>;

/** `baimo apps …` through the built CLI against the test config. */
const apps = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> =>
  runCli(['apps', ...args, '--config', configPath], { env: { ...ENV, ...env }, timeoutMs: 60_000 });

const file = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

/** The prompt text (every message) of each chat call the fake received since `from`. */
const prompts = (from: number): string[] => fake.requests.slice(from).map((r) => echoText(r.body));

/** A minimal .docx: a heading, a paragraph and a table in word/document.xml. */
function docx(): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const p = (text: string, pPr = '') =>
    `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const cell = (text: string) => `<w:tc>${p(text)}</w:tc>`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
${p('季度经营报告', '<w:pStyle w:val="Heading1"/>')}
${p('本季度华东区营收增长百分之十二，新签客户四十家。')}
<w:tbl><w:tr>${cell('区域')}${cell('营收')}</w:tr><w:tr>${cell('华东')}${cell('1200万')}</w:tr></w:tbl>
<w:sectPr/></w:body></w:document>`;
  return writeZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: xml },
  ]);
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'Bonjour le monde' } });
  ({ dir, configPath, dropDatabase } = writeTestConfig(
    {
      providers: { fake: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-upstream' } },
      models: [
        { name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] },
        // A small window: a few thousand characters need map-reduce.
        { name: 'small', context_tokens: 4000, targets: [{ provider: 'fake', model: 'm-small' }] },
      ],
      apps: { default_model: 'chat' },
    },
    'baimo-apps-cli-',
  ));
});
afterAll(async () => {
  await fake?.close();
  await dropDatabase?.().catch(() => undefined);
});
beforeEach(() => {
  fake.queue.length = 0;
  fake.fallback = { kind: 'text', text: 'Bonjour le monde' };
});

// Each command starts a runtime: a few seconds each on a small machine.
describe('baimo apps', { timeout: 120_000 }, () => {
  it('list shows the nine built-ins, as a table and as JSON', async () => {
    const r = await apps(['list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SLUG +NAME +VERSION +TRAFFIC +SOURCE$/);
    for (const slug of BUILTIN_SLUGS) expect(r.stdout).toMatch(new RegExp(`^${slug} .*v1 100% +built-in$`, 'm'));

    const json = await apps(['list', '--json']);
    expect(json.code).toBe(0);
    const items = JSON.parse(json.stdout);
    expect(items.map((a: { slug: string }) => a.slug)).toEqual([...BUILTIN_SLUGS]);
    expect(items[0]).toMatchObject({
      slug: 'summarize',
      builtin: true,
      id: null,
      latest_version: 1,
      name: expect.stringContaining('总结'),
    });
  });

  it('run streams a built-in’s answer; the prompt carries the inputs', async () => {
    const from = fake.requests.length;
    const r = await apps([
      'run',
      'translate',
      '--input',
      'text=Hello world',
      '--input',
      'target_language=fr',
      '--input',
      'keep_formatting=true',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Bonjour le monde\n');
    const sent = fake.requests.slice(from);
    expect(sent).toHaveLength(1);
    expect(sent[0].body.model).toBe('m1');
    expect(sent[0].body.stream).toBe(true);
    const prompt = prompts(from)[0];
    expect(prompt).toContain('Hello world');
    expect(prompt).toMatch(/fr|French|法语/);
  });

  it('run --model picks another model; --language picks the prompt language', async () => {
    const from = fake.requests.length;
    const r = await apps(['run', 'summarize', '--input', 'text=这是一段需要总结的中文文字。', '--language', 'en', '--model', 'small']);
    expect(r.code, r.stderr).toBe(0);
    expect(fake.requests[from].body.model).toBe('m-small');
    // English instructions although the text is Chinese.
    expect(prompts(from)[0]).toContain('Write in English');
    expect(prompts(from)[0]).toContain('这是一段需要总结的中文文字。');
  });

  it('run --file reads a Markdown file as written and a .docx through the extractor', async () => {
    fake.fallback = { kind: 'echo' };
    const md = file('notes.md', '# 会议记录\n\n- 张三负责发布\n- 李四负责测试\n');
    let from = fake.requests.length;
    const r = await apps(['run', 'summarize', '--file', `text=${md}`, '--input', 'length=short']);
    expect(r.code, r.stderr).toBe(0);
    expect(prompts(from)[0]).toContain('# 会议记录\n\n- 张三负责发布\n- 李四负责测试');
    // The echoed prompt is the answer on stdout.
    expect(r.stdout).toContain('张三负责发布');

    from = fake.requests.length;
    const d = await apps(['run', 'summarize', '--file', `text=${file('report.docx', docx())}`]);
    expect(d.code, d.stderr).toBe(0);
    const prompt = prompts(from)[0];
    expect(prompt).toContain('# 季度经营报告');
    expect(prompt).toContain('本季度华东区营收增长百分之十二');
    expect(prompt).toContain('| 华东 | 1200万 |');
    expect(prompt).not.toContain('w:document');
  });

  it('run refuses invalid inputs with exit 2, naming each bad variable, and calls no model', async () => {
    const from = fake.requests.length;
    const r = await apps(['run', 'translate', '--input', 'target_language=klingon', '--input', 'nope=1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid inputs for app translate:');
    expect(r.stderr).toMatch(/^ {2}text: .*required/m);
    expect(r.stderr).toMatch(/^ {2}target_language: .*klingon/m);
    expect(r.stderr).toMatch(/^ {2}nope: .*Unknown input/m);
    expect(fake.requests.length).toBe(from);

    // Flags themselves: a pair without `=`, a missing file, an unknown app, a bad --version.
    const noEq = await apps(['run', 'translate', '--input', 'text']);
    expect(noEq.code).toBe(2);
    expect(noEq.stderr).toContain('invalid value for --input: "text" (expected name=value');
    const missing = await apps(['run', 'summarize', '--file', `text=${join(dir, 'nope.md')}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${join(dir, 'nope.md')}: ENOENT`);
    const unknown = await apps(['run', 'no-such-app', '--input', 'text=x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no app "no-such-app" in workspace');
    const badVersion = await apps(['run', 'translate', '--version', 'x']);
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain('invalid value for --version');
    // In Chinese too.
    const zh = await apps(['run', 'translate', '--input', 'target_language=fr'], { BAIMO_LANG: 'zh-CN' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('应用 translate 的输入无效：');
    expect(fake.requests.length).toBe(from);
  });

  it('run --json prints the whole answer object: a chat completion with the app and version', async () => {
    const r = await apps(['run', 'translate', '--input', 'text=Hello world', '--input', 'target_language=fr', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'app:translate',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour le monde' }, finish_reason: 'stop' }],
      app: { slug: 'translate', version: 1 },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    // Logged like any call, with the app's slug and version.
    const logs = await runCli(['logs', '--json', '--limit', '1', '--config', configPath], { env: ENV });
    expect(JSON.parse(logs.stdout)[0]).toMatchObject({
      key_id: 'cli',
      model_requested: 'app:translate',
      app_slug: 'translate',
      app_version: 1,
    });
  });

  it('run of a long text shows map-reduce progress on stderr and streams the reduced answer', async () => {
    fake.fallback = { kind: 'text', text: '要点' };
    const para = '今天的会议讨论了新产品的发布计划和市场推广策略，各部门汇报了进展。';
    const long = Array.from({ length: 160 }, (_, i) => `第${i + 1}段：${para}`).join('\n\n');
    const from = fake.requests.length;
    const r = await apps(['run', 'summarize', '--file', `text=${file('long.txt', long)}`, '--model', 'small']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('要点\n');
    const calls = fake.requests.length - from;
    expect(calls).toBeGreaterThan(2);
    // Plain lines on a pipe: the first chunk, and the last one.
    expect(r.stderr).toMatch(/running \[[#-]{24}\] +\d+\.\d% chunk 1\/\d+/);
    const total = Number(/chunk \d+\/(\d+)/.exec(r.stderr)![1]);
    expect(r.stderr).toContain(`chunk ${total}/${total}`);
    expect(r.stderr).toContain('combining the answers');
    // Every chunk's call, then at least one reduce call.
    expect(calls).toBeGreaterThanOrEqual(total + 1);
  });

  it('export writes YAML; import creates the app, then a new draft version; the draft runs pinned', async () => {
    const exported = await apps(['export', 'summarize']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^slug: summarize\n/);
    expect(exported.stdout).toContain('spec:');

    const yamlPath = file('my-summary.yaml', exported.stdout.replace(/^slug: summarize$/m, 'slug: my-summary'));
    const created = await apps(['import', yamlPath]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^created app my-summary \(app_[A-Za-z0-9_]+\) in workspace .+ with draft version 1;/);
    const again = await apps(['import', yamlPath, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ slug: 'my-summary', version: 2, status: 'draft', created: false });

    const listed = JSON.parse((await apps(['list', '--json'])).stdout);
    expect(listed.find((a: { slug: string }) => a.slug === 'my-summary')).toMatchObject({
      builtin: false,
      id: expect.stringMatching(/^app_/),
      traffic: null,
      latest_version: 2,
    });
    expect((await apps(['list'])).stdout).toMatch(/^my-summary .* draft 2 +-$/m);

    // Round trip: the app's YAML (to a file) is the built-in's with the new slug.
    const out = join(dir, 'round-trip.yaml');
    const saved = await apps(['export', 'my-summary', '--version', '2', '--out', out]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toContain(`exported app my-summary to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(yamlPath, 'utf8'));

    // Not published: runs need a pinned version (drafts are the CLI's to run).
    const from = fake.requests.length;
    const unpinned = await apps(['run', 'my-summary', '--input', 'text=短文']);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stderr).toMatch(/no published version/);
    const pinned = await apps(['run', 'my-summary', '--version', '1', '--input', 'text=短文']);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stdout).toBe('Bonjour le monde\n');
    expect(prompts(from)[0]).toContain('短文');

    const bad = await apps(['import', file('bad.yaml', 'slug: Not A Slug\nname: x\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Invalid app YAML');
  });

  it('usage errors exit 2 with the usage line', async () => {
    const none = await apps(['run']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: baimo apps run <slug>');
    const sub = await apps(['nope']);
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('unknown subcommand: baimo apps nope');
    const flag = await apps(['list', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('usage: baimo apps list');
  });
});

describe('baimo apps messages', () => {
  it('have the same keys in English and Chinese', () => {
    const en = Object.keys(t({ BAIMO_LANG: 'en' })).filter((k) => k.startsWith('apps'));
    const zh = Object.keys(t({ BAIMO_LANG: 'zh-CN' })).filter((k) => k.startsWith('apps'));
    expect(en.length).toBeGreaterThan(10);
    expect(zh).toEqual(en);
  });
});
