import { beforeAll, describe, expect, it } from 'vitest';
import type { AppSpecInput } from '../../src/apps/app-types.js';
import { BUILTIN_APPS } from '../../src/apps/builtins/index.js';
import { detectVariables as serverDetect } from '../../src/apps/template.js';

/**
 * The app studio's browser-side logic (issue 18): its copy of the server's variable detection reads
 * every template as src/apps/template-compile.ts does; a built-in, cloned unchanged, shows no undeclared
 * variable and no problem; answers' Markdown splits into the blocks the page renders; snippets call the app.
 */
type AppSpec = AppSpecInput;
type T = (key: string, vars?: Record<string, string | number>) => string;
const t: T = (key, vars) => `${key}${vars ? JSON.stringify(vars) : ''}`;
const builtins = Object.entries(BUILTIN_APPS) as Array<[string, { spec: AppSpec }]>;

// The console's modules are loaded by URL: they are browser code (web/tsconfig.json types them), not
// part of the server's type-checked program.
const WEB = new URL('../../web/src/pages/apps/', import.meta.url);
let detectVariables: (source: string) => string[];
let variableUse: (spec: AppSpec) => { undeclared: string[]; unused: string[] };
let specProblems: (spec: AppSpec, t: T, schemaError: string | null) => string[];
let parseBlocks: (text: string) => unknown[];
let bilingual: (text: string, lang: 'zh-CN' | 'en') => string;
let buildAppSnippet: (
  lang: 'curl' | 'python' | 'node',
  slug: string,
  inputs: Record<string, string>,
  main: string,
  origin: string,
) => string;
beforeAll(async () => {
  const load = (file: string) => import(new URL(file, WEB).href);
  ({ detectVariables } = await load('detect-variables.ts'));
  ({ variableUse, specProblems } = await load('spec-problems.ts'));
  ({ parseBlocks } = await load('markdown-blocks.ts'));
  ({ buildAppSnippet } = await load('snippets.ts'));
  ({ bilingual } = await load('format.ts'));
});

function templates(spec: AppSpec): string[] {
  const of = (p: AppSpec['prompts'] | undefined) => Object.values(p ?? {}).flatMap((x) => (x ? [x.system ?? '', x.user] : []));
  return [...of(spec.prompts), ...of(spec.long_input?.map), ...of(spec.long_input?.reduce)];
}

describe('the studio’s variable detection', () => {
  it('finds what the server finds in every built-in template', () => {
    const all = builtins.flatMap(([, b]) => templates(b.spec));
    expect(all.length).toBeGreaterThan(18);
    for (const source of all) expect(detectVariables(source)).toEqual(serverDetect(source));
  });

  it('finds what the server finds in odd templates: conditions, else-if, comments, spaces, bad tags', () => {
    const cases = [
      '{{a}} {{ b }} {{#if c}}x{{else if d == "y"}}z{{else}}w{{/if}}',
      "{{#if e != 'q'}}{{/if}}{{#if f == 3}}{{/if}}{{#if g == true}}{{/if}}",
      '{{!comment {{h}} }} {{else}} {{/if}} {{i-j}} {{K}} {{#each l}} {{#if m == unquoted}}',
      'plain text {single} {{ }} {{{n}}} {{o}}{{o}}',
      '{{#if   p   }}\n{{q}}\n{{/if}}',
    ];
    for (const source of cases) expect(detectVariables(source), source).toEqual(serverDetect(source));
    expect(detectVariables(cases[0]!)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a built-in cloned as it is has no undeclared variable, nothing greyed, no problem to fix', () => {
    for (const [slug, b] of builtins) {
      const use = variableUse(b.spec);
      expect(use.undeclared, slug).toEqual([]);
      expect(use.unused, slug).toEqual([]);
      expect(specProblems(b.spec, t, null), slug).toEqual([]);
    }
  });

  it('flags a variable used but not declared, and one declared but used nowhere', () => {
    const spec: AppSpec = {
      name: 'x',
      variables: [
        { name: 'text', type: 'long_text' },
        { name: 'spare', type: 'text' },
        { name: 'language', type: 'enum', options: ['auto', 'zh', 'en'] },
      ],
      prompts: { en: { system: '{{#if tone}}Be {{tone}}.{{/if}}', user: '{{text}}' } },
      long_input: { strategy: 'map-reduce', map: { en: { user: '{{chunk}} of {{count}} {{extra}}' } } },
    };
    const use = variableUse(spec);
    expect(use.undeclared).toEqual(['tone', 'extra']);
    // `language` picks the prompt: used by the runner, never greyed.
    expect(use.unused).toEqual(['spare']);
    expect(specProblems(spec, t, null)).toEqual(['apps.problem.undeclared{"names":"tone, extra"}']);
  });

  it('refuses names, duplicates, enum defaults and a schema that does not parse', () => {
    const spec: AppSpec = {
      name: ' ',
      variables: [
        { name: 'Bad', type: 'text' },
        { name: 'a', type: 'enum', options: ['x'], default: 'y' },
        { name: 'a', type: 'number', min: 5, max: 1 },
      ],
      prompts: { zh: { user: ' ' } },
    };
    expect(specProblems(spec, t, 'Unexpected token')).toEqual([
      'apps.problem.name',
      'apps.problem.userPrompt{"lang":"zh"}',
      'apps.problem.varName{"name":"Bad"}',
      'apps.problem.enumDefault{"name":"a"}',
      'apps.problem.varDuplicate{"name":"a"}',
      'apps.problem.minMax{"name":"a"}',
      'apps.problem.schema{"message":"Unexpected token"}',
    ]);
  });
});

describe('answers as Markdown blocks', () => {
  it('splits headings, lists, code, tables, quotes and paragraphs', () => {
    const md = [
      '## 会议纪要',
      '',
      '- 决定 **A**',
      '- 决定 B',
      '  续行',
      '',
      '1. one',
      '2. two',
      '',
      '```json',
      '{"a": 1}',
      '```',
      '',
      '| 任务 | 负责人 |',
      '|---|---|',
      '| 报告 | 张三 |',
      '',
      '> 引用',
      '---',
      '第一行',
      '第二行',
    ].join('\n');
    expect(parseBlocks(md)).toEqual([
      { kind: 'heading', level: 2, text: '会议纪要' },
      { kind: 'list', ordered: false, start: 1, items: [['决定 **A**'], ['决定 B', '续行']] },
      { kind: 'list', ordered: true, start: 1, items: [['one'], ['two']] },
      { kind: 'code', lang: 'json', text: '{"a": 1}' },
      { kind: 'table', head: ['任务', '负责人'], rows: [['报告', '张三']] },
      { kind: 'quote', lines: ['引用'] },
      { kind: 'rule' },
      { kind: 'paragraph', lines: ['第一行', '第二行'] },
    ]);
  });

  it('parses an answer cut off mid-stream (an open fence) without losing text', () => {
    expect(parseBlocks('intro\n```\nconst a = 1;')).toEqual([
      { kind: 'paragraph', lines: ['intro'] },
      { kind: 'code', lang: '', text: 'const a = 1;' },
    ]);
  });
});

describe('built-ins’ texts in both languages', () => {
  it('show the part of the UI language, and leave other texts alone', () => {
    for (const [slug, b] of builtins) {
      const { name, description } = b.spec as { name: string; description: string };
      expect(bilingual(name, 'zh-CN'), slug).toMatch(/^[\u3400-\u9fff]+$/);
      expect(bilingual(name, 'en'), slug).toMatch(/^[A-Z][A-Za-z &-]+$/);
      expect(bilingual(description, 'zh-CN'), slug).not.toMatch(/[A-Za-z]{4} [a-z]{3}/);
      expect(bilingual(description, 'en'), slug).not.toMatch(/[\u3400-\u9fff]/);
    }
    expect(bilingual('Team summary', 'zh-CN')).toBe('Team summary');
    expect(bilingual('周报', 'en')).toBe('周报');
    expect(bilingual('把 JSON 整理成表格 / Turns JSON into tables / grids', 'en')).toBe('Turns JSON into tables / grids');
  });
});

describe('API snippets', () => {
  it('call the run API with the inputs, and the openai SDK with app:{slug}', () => {
    const inputs = { text: "It's done", length: 'short' };
    const curl = buildAppSnippet('curl', 'team-summary', inputs, "It's done", 'https://gw.example');
    expect(curl).toContain('curl https://gw.example/v1/apps/team-summary/run');
    // The shell quoting survives an apostrophe in the inputs.
    expect(curl).toContain(`"text": "It'\\''s done"`);
    const python = buildAppSnippet('python', 'team-summary', inputs, "It's done", 'https://gw.example');
    expect(python).toContain('base_url="https://gw.example/v1"');
    expect(python).toContain('model="app:team-summary"');
    expect(python).toContain(`{"role": "user", "content": "It's done"}`);
    const node = buildAppSnippet('node', 'team-summary', inputs, "It's done", 'https://gw.example');
    expect(node).toContain(`model: "app:team-summary"`);
    expect(node).toContain("baseURL: 'https://gw.example/v1'");
  });
});
