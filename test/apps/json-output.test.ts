import { describe, expect, it } from 'vitest';
import { appSpecSchema, type AppSpec } from '../../src/apps/app-types.js';
import { checkOutput, outputValidator, schemaProblem } from '../../src/apps/json-output.js';

const spec = (schema?: Record<string, unknown>): AppSpec =>
  appSpecSchema.parse({
    name: 'j',
    prompts: { en: { user: '{{text}}' } },
    variables: [{ name: 'text', type: 'text' }],
    output: { format: 'json', schema },
  });

describe('checking a JSON answer', () => {
  it('takes a code fence off, and says where the answer breaks the schema', () => {
    const v = outputValidator(
      spec({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false }),
    )!;
    expect(checkOutput(v, '```json\n{"n": 1}\n```')).toEqual({ ok: true, json: '{"n": 1}' });
    expect(checkOutput(v, '{"n": "one", "m": 2}')).toEqual({
      ok: false,
      errors: ['/: must NOT have additional properties (m)', '/n: must be integer'],
    });
    const notJson = checkOutput(v, 'Sure! Here it is: {n: 1}');
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && notJson.errors[0]).toMatch(/^not JSON: /);
  });

  it('without a schema, any JSON object or array passes', () => {
    const v = outputValidator(spec())!;
    expect(checkOutput(v, '[1, 2]').ok).toBe(true);
    expect(checkOutput(v, '"text"').ok).toBe(false);
  });

  it('runs schema patterns on RE2: a catastrophic pattern takes linear time', () => {
    const v = outputValidator(spec({ type: 'string', pattern: '^(a+)+$' }))!;
    const started = performance.now();
    expect(checkOutput(v, JSON.stringify('a'.repeat(100_000) + 'b')).ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('compiles schemas with the same $id again and again (a new version, a reloaded spec)', () => {
    for (let i = 0; i < 3; i++) expect(outputValidator(spec({ $id: 'https://x/y', type: 'object' }))).toBeDefined();
  });

  it('a schema that does not compile is the app’s error (400), named by schemaProblem', () => {
    expect(schemaProblem({ type: 'nonsense' })).toMatch(/schema is invalid/);
    expect(schemaProblem({ type: 'string', pattern: '(?=a)' })).toMatch(/regexp/);
    expect(schemaProblem({ type: 'object' })).toBeNull();
    expect(() => outputValidator(spec({ type: 'nonsense' }))).toThrow(expect.objectContaining({ status: 400, param: 'output.schema' }));
  });
});
