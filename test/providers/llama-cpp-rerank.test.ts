import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerankListSchema } from '../../src/server/v1/v1-openapi.js';
import { expectedOverlapScore, RERANKER_CHINESE, sharedCharacters, writeRerankerModel } from '../fixtures/reranker-model.js';
import { writeSuccessorModel } from '../fixtures/successor-model.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// `POST /v1/rerank` served by the embedded engine: a generated GGUF cross-encoder (qwen3 architecture,
// rank pooling, `cls.output.weight`) whose score grows with the characters a document shares with the
// query (test/fixtures/reranker-model.ts), run by node-llama-cpp's ranking context.

const CONTEXT = 256;
let dir: string;
let baimo: TestBaimo;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baimo-rerank-'));
  await writeRerankerModel(join(dir, 'overlap-reranker.gguf'));
  await writeSuccessorModel(join(dir, 'successor.gguf'));
  baimo = await startBaimo({
    providers: {
      ranker: { type: 'llama-cpp', model_path: join(dir, 'overlap-reranker.gguf'), threads: 1, context_size: CONTEXT },
      chatty: { type: 'llama-cpp', model_path: join(dir, 'successor.gguf'), threads: 1, context_size: 512 },
    },
    models: [
      { name: 'local-rerank', targets: [{ provider: 'ranker', model: 'overlap' }] },
      { name: 'local-chat', targets: [{ provider: 'chatty', model: 'successor' }] },
    ],
  });
});
afterAll(async () => {
  await baimo?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function rerank(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baimo.baseURL}/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Every character of these texts is one token: `<s> query </s> document </s>` is |q| + |d| + 3 tokens. */
const inputTokens = (query: string, docs: string[]): number => docs.reduce((n, d) => n + [...query].length + [...d].length + 3, 0);

describe('/v1/rerank on a local GGUF cross-encoder', () => {
  it("answers the shared shape, ordered by the engine's scores, with the tokens it evaluated", async () => {
    const query = 'abcd';
    // 0, 1, 2, 3 and 4 shared characters, listed out of order.
    const docs = ['wxyz', 'abcd', 'axyz', 'abcz', 'abyz'];
    const r = await rerank({ model: 'local-rerank', query, documents: docs });
    expect(r.status).toBe(200);
    expect(rerankListSchema.strict().safeParse(r.body).success).toBe(true);
    expect(r.body).toMatchObject({ object: 'list', model: 'local-rerank', usage: { total_tokens: inputTokens(query, docs) } });
    expect(r.body.results.map((x: any) => x.index)).toEqual([1, 3, 4, 2, 0]);
    for (const x of r.body.results) {
      expect(x.relevance_score).toBeGreaterThan(0);
      expect(x.relevance_score).toBeLessThan(1);
      // The model's closed form (see the fixture) and the engine agree to the f16 KV cache's precision.
      expect(Math.abs(x.relevance_score - expectedOverlapScore(query, docs[x.index]))).toBeLessThan(2e-3);
      expect('document' in x).toBe(false);
    }
    const scores = r.body.results.map((x: any) => x.relevance_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(docs.length);
  });

  it('honours top_n and return_documents, and accepts {text} documents', async () => {
    const query = `${RERANKER_CHINESE.slice(0, 6)} 1896`; // 上海交通大学 1896
    // 0, 8, 10, 0 and 2 shared characters (北京 are not in the vocabulary: byte-fallback tokens).
    const docs = ['中文模百', '上海交通 1869', '上海交通大学 1896', '北京', '大学'];
    const r = await rerank({ model: 'local-rerank', query, documents: docs.map((text) => ({ text })), top_n: 3, return_documents: true });
    expect(r.status).toBe(200);
    expect(r.body.results).toHaveLength(3);
    expect(r.body.results.map((x: any) => x.index)).toEqual([2, 1, 4]);
    for (const x of r.body.results) {
      expect(x.document).toEqual({ text: docs[x.index] });
      expect(Math.abs(x.relevance_score - expectedOverlapScore(query, docs[x.index]))).toBeLessThan(2e-3);
    }
    expect(docs.map((d) => sharedCharacters(query, d))).toEqual([0, 8, 10, 0, 2]);
    const all = await rerank({ model: 'local-rerank', query, documents: docs });
    expect(all.body.results.map((x: any) => x.index)).toEqual([2, 1, 4, 0, 3]);
    expect(all.body.results[0]).toEqual({ index: 2, relevance_score: r.body.results[0].relevance_score });
  });

  it('keeps equal scores in document order', async () => {
    const r = await rerank({ model: 'local-rerank', query: 'abc', documents: ['xa', 'ya', 'zy', 'wa'] });
    expect(r.body.results.map((x: any) => x.index)).toEqual([0, 1, 3, 2]);
    expect(r.body.results[0].relevance_score).toBe(r.body.results[1].relevance_score);
  });

  it('scores a document longer than the context by its best window, and counts every window', async () => {
    const query = 'abc';
    const long = `${'.'.repeat(CONTEXT * 2)}abc`; // the shared characters sit in the last window only
    const r = await rerank({ model: 'local-rerank', query, documents: [long, 'xyz'] });
    expect(r.status).toBe(200);
    expect(r.body.results[0].index).toBe(0);
    expect(Math.abs(r.body.results[0].relevance_score - expectedOverlapScore(query, 'abc'))).toBeLessThan(2e-3);
    expect(r.body.usage.total_tokens).toBeGreaterThan(inputTokens(query, [long, 'xyz']));
  });

  it('refuses a query that leaves less than half of the context for the document', async () => {
    const r = await rerank({ model: 'local-rerank', query: 'q'.repeat(CONTEXT), documents: ['a'] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'context_length_exceeded', param: 'query' });
    expect(r.body.error.message).toContain(`${CONTEXT} tokens`);
  });

  it('a local chat/embedding model asked to rerank is a 400 rerank_unsupported that names the file', async () => {
    const r = await rerank({ model: 'local-chat', query: 'abc', documents: ['abc'] });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'rerank_unsupported', type: 'invalid_request_error', param: 'model' });
    expect(r.body.error.message).toContain('successor.gguf is not a reranker');
    // The same file still chats: the refusal did not break its pool entry.
    const chat = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: 'local-chat', messages: [{ role: 'user', content: '7' }], temperature: 0 }),
    });
    expect(((await chat.json()) as any).choices[0].message.content).toBe('89');
  });

  it('leaves a request-log row with the engine-counted tokens', async () => {
    const docs = ['abc', 'xyz'];
    const res = await fetch(`${baimo.baseURL}/rerank`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: 'local-rerank', query: 'ab', documents: docs }),
    });
    expect(res.status).toBe(200);
    const id = res.headers.get('x-request-id')!;
    const row = await waitFor(
      () => baimo.runtime.database.db.selectFrom('request_logs').selectAll().where('id', '=', id).executeTakeFirst(),
      { what: `the log row of ${id}` },
    );
    expect(row).toMatchObject({
      endpoint: 'rerank',
      provider: 'ranker',
      upstream_model: 'overlap',
      status: 200,
      prompt_tokens: inputTokens('ab', docs),
      estimated: 0,
    });
  });
});
