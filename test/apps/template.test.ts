import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appSpecSchema, type AppSpecInput } from '../../src/apps/app-types.js';
import {
  compileTemplate,
  detectVariables,
  formatResults,
  looksChinese,
  MAX_DEPTH,
  promptLanguage,
  renderPhase,
  renderPrompt,
  repairInstruction,
  TemplateError,
} from '../../src/apps/template.js';

const render = (source: string, values: Record<string, string | number | boolean | undefined>, names = Object.keys(values)) =>
  compileTemplate(source, names).render(values);

/** The TemplateError `fn` throws. */
function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('compileTemplate: variables and escaping', () => {
  it('inserts values, numbers and booleans as text, and nothing for absent ones', () => {
    expect(render('Hi {{name}}, {{ n }} items, flag={{flag}}.', { name: '张三', n: 3, flag: false })).toBe('Hi 张三, 3 items, flag=false.');
    expect(render('[{{a}}]', { a: undefined }, ['a'])).toBe('[]');
    expect(render('no tags at all', {})).toBe('no tags at all');
  });

  it('renders a value holding template syntax literally, at the top level and inside #if', () => {
    const tricky = '{{b}} {{#if b}}yes{{/if}} {{!c}} {{else}} {{/if}} }} {{';
    const t = compileTemplate('A:{{a}}|{{#if a}}B:{{a}}{{#if b}}C:{{b}}{{/if}}{{/if}}', ['a', 'b']);
    expect(t.render({ a: tricky, b: 'secret' })).toBe(`A:${tricky}|B:${tricky}C:secret`);
    expect(t.render({ a: 'x', b: '{{a}}' })).toBe('A:x|B:xC:{{a}}');
  });

  it('inserts any string exactly as given (property)', () => {
    const t = compileTemplate('<{{a}}>{{#if a}}<{{a}}>{{/if}}', ['a']);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 50 }), (s, noise) => {
        const v = `${s}{{${noise}}}`;
        expect(t.render({ a: v })).toBe(`<${v}><${v}>`);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out comments', () => {
    expect(render('a{{! a note with {braces} }}b', {})).toBe('ab');
  });
});

describe('compileTemplate: conditionals', () => {
  const t = compileTemplate('{{#if v}}T{{else}}F{{/if}}', ['v']);

  it('is true when the value is present and not empty, false or 0', () => {
    for (const v of ['x', ' ', '0', 'false', 1, -1, true]) expect(t.render({ v }), String(v)).toBe('T');
    for (const v of ['', false, 0, undefined]) expect(t.render({ v }), String(v)).toBe('F');
    expect(t.render({})).toBe('F');
  });

  it('compares the value as text with == and !=, and chains else if', () => {
    const c = compileTemplate('{{#if k == "a"}}A{{else if k == \'b\'}}B{{else if n == 5}}five{{else if k != "z"}}notz{{else}}z{{/if}}', [
      'k',
      'n',
    ]);
    expect(c.render({ k: 'a' })).toBe('A');
    expect(c.render({ k: 'b' })).toBe('B');
    expect(c.render({ k: 'q', n: 5 })).toBe('five');
    expect(c.render({ k: 'q', n: '5' })).toBe('five');
    expect(c.render({ k: 'q' })).toBe('notz');
    expect(c.render({ k: 'z' })).toBe('z');
    expect(c.render({})).toBe('notz');
    expect(render('{{#if b == true}}on{{/if}}', { b: true })).toBe('on');
  });

  it('nests blocks up to MAX_DEPTH and refuses one more', () => {
    const nested = (depth: number) => `${'{{#if a}}('.repeat(depth)}x${'){{/if}}'.repeat(depth)}`;
    expect(render(nested(MAX_DEPTH), { a: 'y' })).toBe(`${'('.repeat(MAX_DEPTH)}x${')'.repeat(MAX_DEPTH)}`);
    expect(render(nested(MAX_DEPTH), { a: '' })).toBe('');
    const err = templateError(() => compileTemplate(nested(MAX_DEPTH + 1), ['a']));
    expect(err.message).toContain(`deeper than ${MAX_DEPTH}`);
    // An else-if chain is one level, however long.
    const chain = `{{#if a == "0"}}0${Array.from({ length: 30 }, (_, i) => `{{else if a == "${i + 1}"}}${i + 1}`).join('')}{{/if}}`;
    expect(render(chain, { a: '27' })).toBe('27');
  });

  it('drops the lines of block tags and comments that stand alone, keeps inline ones', () => {
    const src = 'Rules:\n  {{#if a}}\n- a is {{a}}\n  {{else}}\n- no a\n  {{/if}}\n{{! note }}\n- end {{#if a}}(a){{/if}}\n';
    expect(render(src, { a: '1' })).toBe('Rules:\n- a is 1\n- end (a)\n');
    expect(render(src, { a: '' })).toBe('Rules:\n- no a\n- end \n');
    expect(render('x\r\n{{#if a}}\r\ny\r\n{{/if}}\r\nz', { a: 1 })).toBe('x\r\ny\r\nz');
    expect(render('{{#if a}}\nA\n{{/if}}', { a: 1 })).toBe('A\n');
  });
});

describe('compileTemplate: errors name the problem and where it is', () => {
  it('names an unknown variable, with line, column and the declared names', () => {
    const err = templateError(() => compileTemplate('line one\n  hello {{nmae}}', ['name', 'style']));
    expect(err.variable).toBe('nmae');
    expect([err.line, err.column, err.position]).toEqual([2, 9, 17]);
    expect(err.message).toContain('unknown variable "nmae"');
    expect(err.message).toContain('name, style');
    expect(err.message).toContain('未知变量“nmae”');
    expect(templateError(() => compileTemplate('{{#if ghost}}x{{/if}}', ['a'])).variable).toBe('ghost');
    expect(templateError(() => compileTemplate('{{#if a}}{{else if ghost == "1"}}{{/if}}', ['a'])).variable).toBe('ghost');
  });

  it('refuses unclosed blocks and tags, stray else and /if, and malformed tags', () => {
    const cases: [string, string][] = [
      ['a\n{{#if a}}x', 'unclosed {{#if}}'],
      ['{{a', 'unclosed tag'],
      ['{{/if}}', 'without an {{#if}}'],
      ['{{else}}', 'outside an {{#if}}'],
      ['{{#if a}}1{{else}}2{{else}}3{{/if}}', 'second {{else}}'],
      ['{{#if a ==}}{{/if}}', 'bad condition'],
      ['{{#if a > "1"}}{{/if}}', 'bad condition'],
      ['{{#each a}}{{/each}}', 'unknown block'],
      ['{{#if a}}{{/unless}}', 'unknown closing tag'],
      ['{{Bad Name}}', 'bad tag'],
      ['{{}}', 'bad tag'],
      ['{{#if a}}{{else iff a}}{{/if}}', 'bad tag'],
    ];
    for (const [src, text] of cases) {
      const err = templateError(() => compileTemplate(src, ['a']));
      expect(err.message, src).toContain(text);
      expect(err.message, src).toMatch(/ \/ 第 \d+ 行第 \d+ 列：/);
    }
    expect(templateError(() => compileTemplate('a\n{{#if a}}x', ['a'])).line).toBe(2);
  });
});

describe('detectVariables', () => {
  it('lists the names in order of first use, from tags and conditions, once each', () => {
    expect(detectVariables('{{b}} {{#if a == "x"}}{{c}}{{else if d}}{{/if}} {{b}} {{! e }} {{ f }}')).toEqual(['b', 'a', 'c', 'd', 'f']);
  });
  it('never throws on a template being typed', () => {
    expect(detectVariables('{{a}} {{#if b')).toEqual(['a']);
    expect(detectVariables('{{#if}} {{else}} {{/if}} {{Bad}} {{')).toEqual([]);
  });
});

const spec = (input: Partial<AppSpecInput> = {}) =>
  appSpecSchema.parse({
    name: 'Test',
    variables: [
      { name: 'text', type: 'long_text', required: true },
      { name: 'tone', type: 'text' },
      { name: 'language', type: 'enum', options: ['auto', 'zh', 'en'], default: 'auto' },
    ],
    prompts: {
      zh: { system: '中文系统{{#if tone}}，语气：{{tone}}{{/if}}', user: '正文：{{text}}\n' },
      en: { system: 'English system{{#if invalid_answer}} (repair){{/if}}', user: 'Text: {{text}}' },
    },
    ...input,
  });

describe('renderPrompt and renderPhase', () => {
  it('renders the chosen language, trimmed, and the other one when the app lacks it', () => {
    const s = spec();
    expect(renderPrompt(s, { text: 'T', tone: '{{text}}' }, 'zh')).toEqual({ system: '中文系统，语气：{{text}}', user: '正文：T' });
    expect(renderPrompt(s, { text: 'T' }, 'en')).toEqual({ system: 'English system', user: 'Text: T' });
    expect(renderPrompt(s, { text: 'T' }, 'en', { invalid_answer: 'x', errors: 'e' }).system).toBe('English system (repair)');
    const zhOnly = spec({ prompts: { zh: { system: '', user: '只有中文 {{text}}' } } });
    expect(renderPrompt(zhOnly, { text: 'T' }, 'en')).toEqual({ system: '', user: '只有中文 T' });
  });

  it('throws TemplateError for a spec whose template names an undeclared variable', () => {
    const s = spec({ prompts: { en: { system: '', user: '{{text}} {{chunk}}' } } });
    expect(templateError(() => renderPrompt(s, { text: 'x' }, 'en')).variable).toBe('chunk');
  });

  it('map and reduce: own prompts with the phase extras; the main variable holds the chunk or results', () => {
    const s = spec({
      long_input: {
        strategy: 'map-reduce',
        map: { en: { system: 'part {{index}}/{{count}}', user: '{{chunk}}|{{text}}' } },
        reduce: { en: { system: 'merge {{count}}', user: '{{results}}' } },
      },
    });
    expect(renderPhase(s, 'map', { text: 'WHOLE' }, 'en', { chunk: 'C2', index: 2, count: 3 })).toEqual({
      system: 'part 2/3',
      user: 'C2|C2',
    });
    expect(renderPhase(s, 'reduce', { text: 'WHOLE' }, 'en', { results: 'R', count: 3 })).toEqual({ system: 'merge 3', user: 'R' });
    // No zh map prompt: the en one.
    expect(renderPhase(s, 'map', { text: 'WHOLE' }, 'zh', { chunk: 'C1', index: 1, count: 3 }).system).toBe('part 1/3');
  });

  it('map and reduce without prompts of their own run the app prompt over the chunk or the results', () => {
    const s = spec({ long_input: { strategy: 'map-reduce' } });
    expect(renderPhase(s, 'map', { text: 'WHOLE' }, 'zh', { chunk: 'C1', index: 1, count: 2 }).user).toBe('正文：C1');
    expect(renderPhase(s, 'reduce', { text: 'WHOLE' }, 'en', { results: 'R1 R2', count: 2 }).user).toBe('Text: R1 R2');
  });

  it('renders the same way every time (compiled templates are cached per spec)', () => {
    const s = spec();
    const a = renderPrompt(s, { text: 'one', tone: 'calm' }, 'zh');
    const b = renderPrompt(s, { text: 'two' }, 'zh');
    expect(a.user).toBe('正文：one');
    expect(b).toEqual({ system: '中文系统', user: '正文：two' });
  });

  it('formats the map results for the reduce step and words the repair request', () => {
    expect(formatResults([' a ', 'b'], 'en')).toBe('[Part 1]\na\n\n[Part 2]\nb');
    expect(formatResults(['甲'], 'zh')).toBe('【第 1 部分】\n甲');
    expect(repairInstruction('en', '/due_date must match pattern')).toContain('/due_date must match pattern');
    expect(repairInstruction('zh', '缺少 summary')).toContain('只输出 JSON');
  });
});

describe('promptLanguage', () => {
  const s = spec();
  it('takes the requested language, then the language input, then the main text', () => {
    expect(promptLanguage(s, { text: 'hello', language: 'zh' }, 'en')).toBe('en');
    expect(promptLanguage(s, { text: 'hello', language: 'zh' })).toBe('zh');
    expect(promptLanguage(s, { text: '你好，世界', language: 'en' })).toBe('en');
    expect(promptLanguage(s, { text: '你好，世界', language: 'auto' })).toBe('zh');
    expect(promptLanguage(s, { text: 'Hello, world' }, 'auto')).toBe('en');
    expect(promptLanguage(s, { text: '12345 ... !!!' })).toBe('zh');
    expect(promptLanguage(s, {})).toBe('zh');
  });

  it('ignores a language input the app does not declare, and falls back to the language the app has', () => {
    const noInput = spec({ variables: [{ name: 'text', type: 'text' }] });
    expect(promptLanguage(noInput, { text: 'hello', language: 'zh' })).toBe('en');
    const enOnly = spec({ prompts: { en: { system: '', user: '{{text}}' } } });
    expect(promptLanguage(enOnly, { text: '你好' })).toBe('en');
    expect(promptLanguage(enOnly, { text: 'x' }, 'zh')).toBe('en');
  });

  it('reads text as Chinese when Chinese makes up a fair share of it', () => {
    expect(looksChinese('今天的会议讨论了 Q3 的 OKR 和 roadmap。')).toBe(true);
    expect(looksChinese('We met Zhang Wei (张伟) at the conference in Shanghai to discuss the partnership.')).toBe(false);
    expect(looksChinese('function f() { return 1; } // ok')).toBe(false);
    expect(looksChinese('')).toBe(false);
  });
});
