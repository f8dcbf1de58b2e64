import { describe, expect, it } from 'vitest';
import { knowledgeBases, problemsMessage, validateInputs } from '../../src/apps/app-inputs.js';
import { APP_LIMITS, appSpecSchema, type AppSpecInput } from '../../src/apps/app-types.js';

type VariableInput = NonNullable<AppSpecInput['variables']>[number];

const app = (...variables: VariableInput[]) => appSpecSchema.parse({ name: 'T', variables, prompts: { en: { system: '', user: 'x' } } });

/** The one problem of validating `raw`, or undefined when there is none. */
function oneProblem(spec: ReturnType<typeof app>, raw: unknown): string | undefined {
  const { problems } = validateInputs(spec, raw);
  expect(problems.length).toBeLessThanOrEqual(1);
  return problems[0]?.message;
}

/** Every user-facing message is `English / 中文`. */
function expectBilingual(message: string): void {
  const [en, zh] = message.split(' / ');
  expect(en, message).toMatch(/[a-z]/);
  expect(zh, message).toMatch(/[\u4e00-\u9fff]/);
}

describe('validateInputs: text, long_text and file', () => {
  it('takes strings (and numbers as text) up to max_length, the type default otherwise', () => {
    const s = app({ name: 'a', type: 'text' }, { name: 'b', type: 'long_text' }, { name: 'c', type: 'file', max_length: 5 });
    expect(validateInputs(s, { a: 'hi', b: 'x'.repeat(APP_LIMITS.text + 1), c: 12345 })).toEqual({
      inputs: { a: 'hi', b: 'x'.repeat(APP_LIMITS.text + 1), c: '12345' },
      problems: [],
    });
    const long = oneProblem(s, { a: 'x'.repeat(APP_LIMITS.text + 1) })!;
    expect(long).toContain(`"a" is ${APP_LIMITS.text + 1} characters; it takes at most ${APP_LIMITS.text}`);
    expectBilingual(long);
    expect(oneProblem(s, { c: '123456' })).toContain('at most 5');
    expect(oneProblem(s, { b: 'x'.repeat(APP_LIMITS.longText + 1) })).toContain(`at most ${APP_LIMITS.longText}`);
  });

  it('refuses booleans, lists and objects, and keeps text as given (no trimming, template syntax and all)', () => {
    const s = app({ name: 'a', type: 'text' });
    expect(oneProblem(s, { a: true })).toContain('"a" must be text, not a boolean');
    expect(oneProblem(s, { a: ['x'] })).toContain('not a list');
    expect(oneProblem(s, { a: { x: 1 } })).toContain('not an object');
    expect(validateInputs(s, { a: '  {{a}} ' }).inputs).toEqual({ a: '  {{a}} ' });
  });
});

describe('validateInputs: enum', () => {
  const s = app({ name: 'size', type: 'enum', options: ['short', 'medium', 'long', '3'] });
  it('takes an option, a case-insensitive match as the option, and numbers as text', () => {
    expect(validateInputs(s, { size: 'long' }).inputs).toEqual({ size: 'long' });
    expect(validateInputs(s, { size: ' Medium ' }).inputs).toEqual({ size: 'medium' });
    expect(validateInputs(s, { size: 3 }).inputs).toEqual({ size: '3' });
  });
  it('names the options when the value is not one', () => {
    const m = oneProblem(s, { size: 'huge' })!;
    expect(m).toContain('"size" must be one of: short, medium, long, 3 (got "huge")');
    expect(m).toContain('short、medium、long、3');
    expectBilingual(m);
    expect(oneProblem(s, { size: false })).toContain('(got false)');
  });
});

describe('validateInputs: number', () => {
  const s = app({ name: 'n', type: 'number', integer: true, min: 1, max: 30 }, { name: 'r', type: 'number' });
  it('takes numbers and numeric strings', () => {
    expect(validateInputs(s, { n: ' 12 ', r: '-1.5e2' })).toEqual({ inputs: { n: 12, r: -150 }, problems: [] });
    expect(validateInputs(s, { n: 30, r: 0.25 }).inputs).toEqual({ n: 30, r: 0.25 });
  });
  it('refuses what is not a number, fractions of an integer, and values out of range', () => {
    for (const bad of ['12abc', '0x10', 'NaN', 'Infinity', '1,000', true, [1]])
      expect(oneProblem(s, { r: bad }), String(bad)).toContain('"r" must be a number');
    expect(oneProblem(s, { r: Number.NaN })).toContain('must be a number');
    expect(oneProblem(s, { n: 2.5 })).toContain('"n" must be a whole number (got 2.5)');
    expect(oneProblem(s, { n: 0 })).toContain('"n" must be at least 1 (got 0)');
    const high = oneProblem(s, { n: '31' })!;
    expect(high).toContain('"n" must be at most 30 (got 31)');
    expect(high).toContain('不能大于 30');
  });
});

describe('validateInputs: boolean', () => {
  const s = app({ name: 'b', type: 'boolean' });
  it('takes true/false, their strings and common spellings', () => {
    for (const v of [true, 'true', 'TRUE', 'yes', '1', 1, 'on']) expect(validateInputs(s, { b: v }).inputs, String(v)).toEqual({ b: true });
    for (const v of [false, 'false', 'No', '0', 0, 'off']) expect(validateInputs(s, { b: v }).inputs, String(v)).toEqual({ b: false });
  });
  it('refuses anything else', () => {
    const m = oneProblem(s, { b: 'maybe' })!;
    expect(m).toContain('"b" must be true or false (got "maybe")');
    expectBilingual(m);
    expect(oneProblem(s, { b: 2 })).toContain('true or false');
  });
});

describe('validateInputs: required, defaults, unknown inputs', () => {
  const s = app(
    { name: 'text', type: 'long_text', required: true },
    { name: 'length', type: 'enum', options: ['short', 'long'], default: 'short' },
    { name: 'count', type: 'number', default: 5 },
    { name: 'note', type: 'text' },
  );

  it('fills defaults, leaves absent optional inputs out, and takes blank values as absent', () => {
    expect(validateInputs(s, { text: 'x' })).toEqual({ inputs: { text: 'x', length: 'short', count: 5 }, problems: [] });
    expect(validateInputs(s, { text: 'x', length: '', count: null, note: '   ' }).inputs).toEqual({ text: 'x', length: 'short', count: 5 });
    expect(validateInputs(s, { text: 'x', length: 'long', count: '7', note: 'n' }).inputs).toEqual({
      text: 'x',
      length: 'long',
      count: 7,
      note: 'n',
    });
  });

  it('names a missing required input, whether absent, null or blank', () => {
    for (const raw of [{}, { text: null }, { text: '' }, { text: ' \n ' }, undefined, null]) {
      const { problems } = validateInputs(s, raw);
      expect(problems, JSON.stringify(raw)).toEqual([{ variable: 'text', message: '"text" is required. / 缺少必填输入“text”。' }]);
    }
  });

  it('lists every problem at once, each naming its variable', () => {
    const { problems } = validateInputs(s, { length: 'medium', count: 'many', colour: 'red' });
    expect(problems.map((p) => p.variable)).toEqual(['text', 'length', 'count', 'colour']);
    expect(problems[3].message).toBe(
      'Unknown input "colour"; this app takes: text, length, count, note. / 未知输入“colour”；此应用的输入有：text、length、count、note。',
    );
    for (const p of problems) expectBilingual(p.message);
    const message = problemsMessage(problems);
    expect(message).toMatch(/^The app's inputs are not valid \/ 应用的输入有误: 1\) "text" is required/);
    expect(message).toContain('4) Unknown input "colour"');
  });

  it('reports at most ten unknown inputs one by one, then counts the rest', () => {
    const raw: Record<string, string> = { text: 'x' };
    for (let i = 0; i < 25; i++) raw[`extra_${i}`] = 'v';
    const { problems } = validateInputs(s, raw);
    expect(problems).toHaveLength(11);
    expect(problems[10].message).toContain('and 15 more unknown inputs');
    const long = validateInputs(s, { text: 'x', ['k'.repeat(10_000)]: 1 }).problems[0];
    expect(long.variable.length).toBeLessThan(70);
  });

  it('takes __proto__ and inherited names as unknown inputs, never as values', () => {
    const raw = JSON.parse('{"text": "x", "__proto__": {"polluted": true}}');
    const { inputs, problems } = validateInputs(s, raw);
    expect(inputs).toEqual({ text: 'x', length: 'short', count: 5 });
    expect(problems.map((p) => p.variable)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const proto = app({ name: 'constructor', type: 'text', required: true });
    expect(validateInputs(proto, {}).problems[0].message).toContain('"constructor" is required');
  });

  it('refuses inputs that are not an object', () => {
    for (const raw of ['text', 42, ['x']]) {
      const { problems } = validateInputs(s, raw);
      expect(problems[0].variable).toBe('inputs');
      expect(problems[0].message).toContain('inputs must be an object');
      expectBilingual(problems[0].message);
    }
  });

  it('reports a default its variable refuses as the app’s problem', () => {
    const bad = app({ name: 'n', type: 'number', max: 3, default: 10 });
    expect(validateInputs(bad, {}).problems[0].message).toContain('The app\'s default: "n" must be at most 3');
  });
});

describe('knowledgeBases', () => {
  const withBases = appSpecSchema.parse({
    name: 'kb',
    knowledge: ['policies'],
    variables: [
      { name: 'text', type: 'text' },
      { name: 'bases', type: 'text' },
    ],
    prompts: { en: { system: '', user: '{{text}}' } },
  });
  it('merges the spec’s bases with the comma-separated `bases` input, distinct, in order', () => {
    expect(knowledgeBases(withBases, { text: 'q', bases: ' hr-handbook，员工手册, policies ,\n, it-faq' })).toEqual([
      'policies',
      'hr-handbook',
      '员工手册',
      'it-faq',
    ]);
    expect(knowledgeBases(withBases, { text: 'q' })).toEqual(['policies']);
  });
  it('ignores a bases value when the app declares no such input', () => {
    const plain = appSpecSchema.parse({
      name: 'p',
      variables: [{ name: 'text', type: 'text' }],
      prompts: { en: { system: '', user: '{{text}}' } },
    });
    expect(knowledgeBases(plain, { text: 'q', bases: 'x' })).toEqual([]);
  });
});
