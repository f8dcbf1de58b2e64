import { describe, expect, it } from 'vitest';
import { appSpecSchema, type AppSpecInput } from '../../src/apps/app-types.js';
import { checkAppSpec } from '../../src/apps/check-spec.js';

const check = (input: Partial<AppSpecInput>) =>
  checkAppSpec(
    appSpecSchema.parse({
      name: 'T',
      variables: [{ name: 'text', type: 'long_text', required: true }],
      prompts: { en: { system: '', user: '{{text}}' } },
      ...input,
    }),
  );

describe('checkAppSpec', () => {
  it('passes a sound spec', () => {
    expect(check({})).toEqual([]);
    expect(check({ variables: [], prompts: { zh: { system: '', user: '讲个笑话' } } })).toEqual([]);
  });

  it('names each template that does not compile, with where and what', () => {
    const problems = check({
      prompts: { zh: { system: '{{#if text}}', user: '{{text}}' }, en: { system: '', user: '{{txet}}' } },
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^prompts\.zh\.system: line 1, column 1: unclosed \{\{#if\}\}/);
    expect(problems[1]).toMatch(/^prompts\.en\.user: .*unknown variable "txet"/);
  });

  it('checks map and reduce prompts against their phase extras, and the app prompts when there are none', () => {
    expect(
      check({
        long_input: {
          strategy: 'map-reduce',
          map: { en: { system: '{{index}}/{{count}}', user: '{{chunk}}' } },
          reduce: { en: { system: '', user: '{{results}} {{chunk}}' } },
        },
      }),
    ).toEqual([expect.stringMatching(/^long_input\.reduce\.en\.user: .*unknown variable "chunk"/)]);
    // The run prompt may not use a map extra, even when map-reduce would fill it.
    expect(check({ prompts: { en: { system: '', user: '{{text}} {{chunk}}' } } })[0]).toContain('unknown variable "chunk"');
  });

  it('finds variables that are duplicated, reserved or shadow a map-reduce extra', () => {
    const problems = check({
      variables: [
        { name: 'text', type: 'text' },
        { name: 'text', type: 'text' },
        { name: '__proto__', type: 'text' },
        { name: 'count', type: 'number' },
      ],
      long_input: { strategy: 'map-reduce' },
    });
    expect(problems.join('\n')).toContain('variables[1] (text): declared twice');
    expect(problems.join('\n')).toContain('variables[2] (__proto__): a reserved name');
    expect(problems.join('\n')).toContain('the map step of map-reduce sets "count"');
  });

  it('finds enum options and number bounds that do not fit, and defaults the variable refuses', () => {
    const problems = check({
      variables: [
        { name: 'text', type: 'text' },
        { name: 'e', type: 'enum' },
        { name: 't', type: 'text', options: ['a'] },
        { name: 'n', type: 'number', min: 5, max: 1 },
        { name: 'm', type: 'enum', options: ['a', 'b'], default: 'c' },
      ],
    });
    expect(problems).toEqual([
      'variables[1] (e): an enum needs options / enum 类型需要 options',
      'variables[2] (t): options are for enum variables only / 只有 enum 类型可以设置 options',
      'variables[3] (n): min is above max / min 大于 max',
      expect.stringContaining('variables[4] (m): the default is not valid: "m" must be one of: a, b'),
    ]);
  });

  it('wants the main variable declared, and a JSON schema only on JSON output', () => {
    expect(check({ main_variable: 'question' })).toEqual([expect.stringContaining('main_variable: "question" is not a declared variable')]);
    expect(check({ output: { format: 'text', schema: { type: 'object' } } })).toEqual([
      expect.stringContaining('output.schema: a JSON Schema is for format "json" only'),
    ]);
  });

  it('refuses a JSON schema the validator cannot compile', () => {
    expect(check({ output: { format: 'json', schema: { type: 'object' } } })).toEqual([]);
    expect(check({ output: { format: 'json', schema: { type: 'no-such-type' } } })).toEqual([
      expect.stringContaining('output.schema: not a usable JSON Schema'),
    ]);
    expect(check({ output: { format: 'json', schema: { type: 'string', pattern: '(' } } })).toEqual([
      expect.stringContaining('output.schema: not a usable JSON Schema'),
    ]);
  });
});
