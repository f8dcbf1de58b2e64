import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  appRunCompletionSchema,
  chatCompletionChunkSchema,
  chatCompletionSchema,
  embeddingListSchema,
  modelListSchema,
  modelSchema,
  rerankListSchema,
  V1_ROUTE_DOCS,
} from '../../src/server/v1/v1-openapi.js';
import { buildOpenApi } from '../../src/server/api/openapi.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * The /v1 route docs (src/server/v1/v1-openapi.ts) type the console's calls (`npm run gen:api`): every
 * answer the real server gives, whole or streamed, parses with them, so the types cannot drift from the
 * renderers. Each object is parsed strictly: a field the renderers add and the docs lack fails too.
 */
let fake: FakeUpstream;
let baimo: TestBaimo;
const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [
      { name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] },
      { name: 'embed', targets: [{ provider: 'fake', model: 'e1' }] },
      { name: 'rerank', targets: [{ provider: 'fake', model: 'r1' }] },
      // A tiny window, so a few lines make a scenario app map-reduce (and stream its progress).
      { name: 'tiny', targets: [{ provider: 'fake', model: 't1' }], context_tokens: 2048 },
    ],
    apps: { default_model: 'chat' },
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** Parses `value` with `schema` and checks nothing was dropped (zod strips unknown keys of non-loose objects). */
function conforms(schema: z.ZodType, value: unknown): void {
  const r = schema.safeParse(value);
  expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
  expect(r.data).toEqual(value);
}

const post = (path: string, body: unknown) => fetch(`${baimo.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

describe('/v1 route docs', () => {
  it('a chat completion', async () => {
    const r = await post('/v1/chat/completions', { model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.status).toBe(200);
    conforms(chatCompletionSchema, await r.json());
  });

  it('every chunk of a streamed chat completion, the usage chunk included', async () => {
    const r = await post('/v1/chat/completions', {
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(r.status).toBe(200);
    const events = (await r.text())
      .split('\n\n')
      .map((e) => e.replace(/^data: /, ''))
      .filter((e) => e && e !== '[DONE]');
    expect(events.length).toBeGreaterThan(2);
    for (const e of events) conforms(chatCompletionChunkSchema, JSON.parse(e));
    expect(JSON.parse(events.at(-1)!).usage.total_tokens).toBeGreaterThan(0);
  });

  it('embeddings, as floats and as base64', async () => {
    for (const encoding_format of ['float', 'base64']) {
      const r = await post('/v1/embeddings', { model: 'embed', input: ['a', 'b'], encoding_format });
      expect(r.status).toBe(200);
      conforms(embeddingListSchema, await r.json());
    }
  });

  it('a rerank answer (the route documents the Jina / SiliconFlow shape)', async () => {
    const r = await post('/v1/rerank', { model: 'rerank', query: 'a', documents: ['a', 'b'], return_documents: true });
    expect(r.status).toBe(200);
    conforms(rerankListSchema, await r.json());
  });

  it("a scenario app's run, whole and streamed with progress chunks", async () => {
    const r = await post('/v1/apps/summarize/run', { inputs: { text: 'A short text.' } });
    expect(r.status).toBe(200);
    conforms(appRunCompletionSchema, await r.json());
    const s = await post('/v1/apps/summarize/run', {
      inputs: { text: 'A long line of text to cut.\n'.repeat(400) },
      model: 'tiny',
      stream: true,
    });
    expect(s.status).toBe(200);
    const events = (await s.text())
      .split('\n\n')
      .map((e) => e.replace(/^data: /, ''))
      .filter((e) => e && e !== '[DONE]')
      .map((e) => JSON.parse(e));
    expect(events.some((e) => e.progress)).toBe(true);
    expect(events[0].app).toEqual({ slug: 'summarize', version: 1 });
    for (const e of events) conforms(chatCompletionChunkSchema, e);
  });

  it('the model list and one model', async () => {
    const list = await (await fetch(`${baimo.url}/v1/models`, { headers })).json();
    conforms(modelListSchema, list);
    const one = await (await fetch(`${baimo.url}/v1/models/chat`, { headers })).json();
    conforms(modelSchema, one);
  });

  it('documents each /v1 route with its request body, answer and stream events', () => {
    const doc = buildOpenApi(V1_ROUTE_DOCS, '0.0.0') as { paths: Record<string, Record<string, any>> };
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/apps/{slug}/run',
      '/v1/chat/completions',
      '/v1/embeddings',
      '/v1/models',
      '/v1/models/{model}',
      '/v1/rerank',
    ]);
    const chat = doc.paths['/v1/chat/completions'].post;
    expect(chat.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['model', 'messages']));
    expect(Object.keys(chat.responses['200'].content)).toEqual(['application/json', 'text/event-stream']);
    expect(doc.paths['/v1/models/{model}'].get.parameters).toEqual([expect.objectContaining({ name: 'model', in: 'path' })]);
  });
});
