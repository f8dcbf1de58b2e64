import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { chatRequestSchema, embeddingRequestSchema } from '../../src/server/v1/chat-request-schema.js';
import { rerankRequestSchema } from '../../src/server/v1/rerank-request-schema.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Every input is bounded (issue 14, general defences): each string and array that an `/api` route
 * takes in its path, query or JSON body, as `/openapi.json` documents it, has a maximum — taken from
 * `src/core/limits.ts`. A route added later without bounds fails here.
 */

type Schema = Record<string, any>;

function unbounded(doc: Schema): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (s: Schema | undefined, path: string): void => {
    if (!s || typeof s !== 'object') return;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.split('/').pop() as string;
      if (seen.has(name)) return;
      seen.add(name);
      walk(doc.components?.schemas?.[name], `${path}→${name}`);
      return;
    }
    const bounded = s.maxLength !== undefined || s.enum !== undefined || s.const !== undefined || s.format !== undefined;
    if (s.type === 'string' && !bounded) out.push(`${path} (string without maxLength)`);
    if (s.type === 'array' && s.maxItems === undefined) out.push(`${path} (array without maxItems)`);
    for (const k of ['anyOf', 'oneOf', 'allOf']) (s[k] ?? []).forEach((x: Schema, i: number) => walk(x, `${path}|${i}`));
    if (s.items) walk(s.items, `${path}[]`);
    for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) walk(v, `${path}.${k}`);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${path}.*`);
  };
  for (const [p, ops] of Object.entries<Schema>(doc.paths ?? {}))
    for (const [method, op] of Object.entries<Schema>(ops)) {
      for (const par of op.parameters ?? []) walk(par.schema, `${method.toUpperCase()} ${p} ${par.in} ${par.name}`);
      walk(op.requestBody?.content?.['application/json']?.schema, `${method.toUpperCase()} ${p} body`);
    }
  return out;
}

describe('bounded inputs', () => {
  let baimo: TestBaimo;
  let doc: Schema;
  beforeAll(async () => {
    baimo = await startBaimo({});
    doc = (await (await fetch(`${baimo.url}/openapi.json`)).json()) as Schema;
  });
  afterAll(async () => {
    await baimo?.close();
  });

  it('every string and array an /api route takes has a maximum', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    expect(unbounded(doc)).toEqual([]);
  });

  it('the check itself finds an unbounded field', () => {
    const bad = {
      paths: {
        '/api/x': {
          put: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string', maxLength: 3 } } },
                  },
                },
              },
            },
          },
        },
      },
    };
    expect(unbounded(bad)).toEqual(['PUT /api/x body.a (string without maxLength)', 'PUT /api/x body.b (array without maxItems)']);
  });

  it('/v1 bodies hold the model, user, messages, tools, stop, embedding and rerank inputs to LIMITS', () => {
    const chat = (extra: Record<string, unknown>) =>
      chatRequestSchema.safeParse({ model: 'chat', messages: [{ role: 'user', content: 'hi' }], ...extra }).success;
    expect(chat({})).toBe(true);
    expect(chat({ model: 'm'.repeat(LIMITS.modelName) })).toBe(true);
    expect(chat({ model: 'm'.repeat(LIMITS.modelName + 1) })).toBe(false);
    expect(chat({ user: 'u'.repeat(LIMITS.userId + 1) })).toBe(false);
    expect(chat({ messages: Array.from({ length: LIMITS.messages + 1 }, () => ({ role: 'user', content: 'x' })) })).toBe(false);
    expect(chat({ stop: Array.from({ length: LIMITS.stopSequences + 1 }, () => 'x') })).toBe(false);
    const tool = { type: 'function', function: { name: 'f' } };
    expect(chat({ tools: Array.from({ length: LIMITS.tools + 1 }, () => tool) })).toBe(false);
    const embed = (input: unknown) => embeddingRequestSchema.safeParse({ model: 'e', input }).success;
    expect(embed(Array.from({ length: LIMITS.embeddingInputs }, () => 'x'))).toBe(true);
    expect(embed(Array.from({ length: LIMITS.embeddingInputs + 1 }, () => 'x'))).toBe(false);
    const rerank = (extra: Record<string, unknown>) =>
      rerankRequestSchema.safeParse({ model: 'r', query: 'q', documents: ['d'], ...extra }).success;
    expect(rerank({ documents: Array.from({ length: LIMITS.rerankDocuments }, () => ({ text: 'd' })) })).toBe(true);
    expect(rerank({ documents: Array.from({ length: LIMITS.rerankDocuments + 1 }, () => 'd') })).toBe(false);
    expect(rerank({ query: 'q'.repeat(LIMITS.rerankText + 1) })).toBe(false);
    expect(rerank({ documents: [{ text: 'd'.repeat(LIMITS.rerankText + 1) }] })).toBe(false);
    expect(rerank({ top_n: LIMITS.rerankDocuments + 1 })).toBe(false);
  });
});
