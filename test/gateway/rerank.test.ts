import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { rerankListSchema } from '../../src/server/v1/v1-openapi.js';
import { api, createKey } from '../helpers/admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';
import { countTokens, DASHSCOPE_RERANK_PATH, startRerankFake, type RerankFake } from '../fakes/rerank-fake.js';

// `POST /v1/rerank`: routed like any model to an OpenAI-compatible rerank API (`{base}/rerank`) or to
// DashScope's native text-rerank; the fake upstream verifies the wire shape it receives.

const DS_KEY = 'sk-dashscope-rerank-test';
const MOBILE = '13800138000';
const DOCS = ['Pandas live in China', 'The llama is a camelid of the Andes', 'Camels and llamas near Peru'];
const QUERY = 'llamas Peru';

let fake: RerankFake;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startRerankFake(DS_KEY);
  baimo = await startBaimo({
    providers: {
      sf: { type: 'openai-compatible', base_url: `${fake.origin}/v1`, api_key: 'sk-sf', trust: 'foreign_cloud' },
      ds: { type: 'dashscope', base_url: fake.origin, api_key: DS_KEY },
      claude: { type: 'anthropic', base_url: fake.origin, api_key: 'sk-ant-test' },
    },
    models: [
      { name: 'rerank', targets: [{ provider: 'sf', model: 'BAAI/bge-reranker-v2-m3' }] },
      { name: 'rerank-sf-meta', targets: [{ provider: 'sf', model: 'sf/bge-reranker' }] },
      { name: 'rerank-no-usage', targets: [{ provider: 'sf', model: 'nousage/bge-reranker' }] },
      { name: 'gte', targets: [{ provider: 'ds', model: 'gte-rerank-v2' }] },
      { name: 'chat-only', targets: [{ provider: 'claude', model: 'claude-haiku-4-5' }] },
    ],
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

async function rerank(body: unknown, token = ADMIN_TOKEN): Promise<{ status: number; body: any; reached: boolean; id: string }> {
  const before = fake.requests.length;
  const res = await fetch(`${baimo.baseURL}/rerank`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), reached: fake.requests.length > before, id: res.headers.get('x-request-id') ?? '' };
}

const logRow = (id: string) =>
  waitFor(() => baimo.runtime.database.db.selectFrom('request_logs').selectAll().where('id', '=', id).executeTakeFirst(), {
    what: `the log row of ${id}`,
  });

describe('/v1/rerank, OpenAI-compatible rerank providers', () => {
  it('routes an alias to its target and sends {model, query, documents, top_n, return_documents} to {base}/rerank', async () => {
    const r = await rerank({ model: 'rerank', query: QUERY, documents: DOCS, top_n: 2, return_documents: true });
    expect(r.status).toBe(200);
    const sent = fake.requests.at(-1)!;
    expect(sent.url).toBe('/v1/rerank');
    expect(sent.headers.authorization).toBe('Bearer sk-sf');
    expect(sent.body).toEqual({ model: 'BAAI/bge-reranker-v2-m3', query: QUERY, documents: DOCS, top_n: 2, return_documents: true });
    expect(rerankListSchema.strict().safeParse(r.body).success).toBe(true);
    expect(r.body).toMatchObject({ object: 'list', model: 'rerank', usage: { total_tokens: countTokens(QUERY, DOCS) } });
    expect(r.body.results).toEqual([
      { index: 2, relevance_score: 1, document: { text: DOCS[2] } },
      { index: 0, relevance_score: 0, document: { text: DOCS[0] } },
    ]);
  });

  it('omits documents unless return_documents is true, and returns every document without top_n', async () => {
    const r = await rerank({ model: 'rerank', query: 'camelid', documents: DOCS, return_documents: false });
    expect(r.status).toBe(200);
    expect(fake.requests.at(-1)!.body).toEqual({
      model: 'BAAI/bge-reranker-v2-m3',
      query: 'camelid',
      documents: DOCS,
      return_documents: false,
    });
    expect(r.body.results.map((x: any) => x.index)).toEqual([1, 0, 2]);
    expect(r.body.results.every((x: any) => !('document' in x))).toBe(true);
    const bare = await rerank({ model: 'rerank', query: 'camelid', documents: DOCS });
    expect(fake.requests.at(-1)!.body).toEqual({ model: 'BAAI/bge-reranker-v2-m3', query: 'camelid', documents: DOCS });
    expect(bare.body.results[0]).toEqual({ index: 1, relevance_score: 1 });
  });

  it('accepts documents as {text} objects and sends them as strings', async () => {
    const r = await rerank({
      model: 'rerank',
      query: 'Pandas',
      documents: DOCS.map((text) => ({ text })),
      top_n: 1,
      return_documents: true,
    });
    expect(r.status).toBe(200);
    expect(fake.requests.at(-1)!.body.documents).toEqual(DOCS);
    expect(r.body.results).toEqual([{ index: 0, relevance_score: 1, document: { text: DOCS[0] } }]);
  });

  it("takes SiliconFlow's meta.tokens as usage, and estimates when no usage is reported", async () => {
    const sf = await rerank({ model: 'rerank-sf-meta', query: QUERY, documents: DOCS });
    expect(sf.body.usage.total_tokens).toBe(countTokens(QUERY, DOCS));
    const none = await rerank({ model: 'rerank-no-usage', query: QUERY, documents: DOCS });
    expect(none.status).toBe(200);
    expect(none.body.usage.total_tokens).toBeGreaterThan(0);
    expect((await logRow(none.body.id)).estimated).toBe(1);
  });

  it('leaves a request-log row with endpoint rerank, the target and the usage', async () => {
    const r = await rerank({ model: 'rerank', query: QUERY, documents: DOCS });
    const row = await logRow(r.body.id);
    expect(row).toMatchObject({
      endpoint: 'rerank',
      model_requested: 'rerank',
      provider: 'sf',
      upstream_model: 'BAAI/bge-reranker-v2-m3',
      status: 200,
      prompt_tokens: countTokens(QUERY, DOCS),
      completion_tokens: 0,
      estimated: 0,
    });
  });

  it('maps an upstream error like the other calls and logs it', async () => {
    const r = await rerank({ model: 'rerank', query: 'fail:400', documents: DOCS });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('upstream says no');
    expect(await logRow(r.id)).toMatchObject({ endpoint: 'rerank', status: 400, provider: 'sf' });
  });
});

describe('/v1/rerank, DashScope native gte-rerank', () => {
  it('sends {model, input: {query, documents}, parameters} to text-rerank and reads output.results', async () => {
    const r = await rerank({ model: 'gte', query: QUERY, documents: DOCS, top_n: 1, return_documents: true });
    expect(r.status).toBe(200);
    const sent = fake.requests.at(-1)!;
    expect(sent.url).toBe(DASHSCOPE_RERANK_PATH);
    expect(sent.body).toEqual({
      model: 'gte-rerank-v2',
      input: { query: QUERY, documents: DOCS },
      parameters: { top_n: 1, return_documents: true },
    });
    expect(r.body.results).toEqual([{ index: 2, relevance_score: 1, document: { text: DOCS[2] } }]);
    expect(r.body.usage.total_tokens).toBe(countTokens(QUERY, DOCS));
    expect(await logRow(r.body.id)).toMatchObject({ endpoint: 'rerank', provider: 'ds', upstream_model: 'gte-rerank-v2', status: 200 });
  });

  it("maps DashScope's error body to the gateway's error", async () => {
    const r = await rerank({ model: 'gte', query: 'fail:now', documents: DOCS });
    expect(r.status).toBe(429);
    expect(r.body.error.type).toBe('rate_limit_error');
  });
});

describe('/v1/rerank, input and policies', () => {
  it('answers 400 for bad bodies without calling a provider', async () => {
    const long = 'x'.repeat(LIMITS.rerankText + 1);
    const cases: Array<[unknown, string]> = [
      [{ model: 'rerank', documents: DOCS }, 'query'],
      [{ model: 'rerank', query: '', documents: DOCS }, 'query'],
      [{ model: 'rerank', query: long, documents: DOCS }, 'query'],
      [{ model: 'rerank', query: 'q' }, 'documents'],
      [{ model: 'rerank', query: 'q', documents: [] }, 'documents'],
      [{ model: 'rerank', query: 'q', documents: Array.from({ length: LIMITS.rerankDocuments + 1 }, () => 'd') }, 'documents'],
      [{ model: 'rerank', query: 'q', documents: [{ image: 'x' }] }, 'documents[0]'],
      [{ model: 'rerank', query: 'q', documents: [long] }, 'documents[0]'],
      [{ model: 'rerank', query: 'q', documents: DOCS, top_n: 0 }, 'top_n'],
      [{ model: 'rerank', query: 'q', documents: DOCS, top_n: 1.5 }, 'top_n'],
      [{ model: 'rerank', query: 'q', documents: DOCS, return_documents: 'yes' }, 'return_documents'],
      [{ query: 'q', documents: DOCS }, 'model'],
    ];
    for (const [body, param] of cases) {
      const r = await rerank(body);
      expect([r.status, r.body.error.type, r.reached], JSON.stringify(body).slice(0, 200)).toEqual([400, 'invalid_request_error', false]);
      expect(r.body.error.param, JSON.stringify(body).slice(0, 200)).toMatch(new RegExp(`^${param.replace(/[[\]]/g, '\\$&')}`));
    }
  });

  it('a model whose provider offers no reranking is a 400 rerank_unsupported', async () => {
    const r = await rerank({ model: 'chat-only', query: 'q', documents: DOCS });
    expect([r.status, r.body.error.code, r.reached]).toEqual([400, 'rerank_unsupported', false]);
  });

  it('a PII policy masks the query and the documents the provider receives; the client gets its own text back', async () => {
    const { key, id } = await createKey(baimo, {});
    expect((await api(baimo, 'PUT', `/api/security/policies/key/${id}`, { policy: { pii: { action: 'pseudonymize' } } })).status).toBe(200);
    const docs = [`call me on ${MOBILE}`, 'no personal data here'];
    const r = await rerank({ model: 'rerank', query: `who has ${MOBILE}`, documents: docs, return_documents: true }, key);
    expect(r.status).toBe(200);
    const sent = fake.requests.at(-1)!.body;
    expect(JSON.stringify(sent)).not.toContain(MOBILE);
    expect(sent.query).toBe('who has [手机号]');
    expect(sent.documents).toEqual(['call me on [手机号]', 'no personal data here']);
    expect(r.body.results.map((x: any) => x.document.text).sort()).toEqual([...docs].sort());
    const row = await logRow(r.body.id);
    expect(JSON.parse(row.compliance!).pii).toMatchObject({ action: 'pseudonymize' });
  });

  it('a blocking PII policy refuses before any provider is called, and a routing policy keeps PII off a foreign cloud', async () => {
    const block = await createKey(baimo, {});
    await api(baimo, 'PUT', `/api/security/policies/key/${block.id}`, { policy: { pii: { action: 'block' } } });
    const blocked = await rerank({ model: 'rerank', query: 'q', documents: [`tel ${MOBILE}`] }, block.key);
    expect([blocked.status, blocked.body.error.type, blocked.reached]).toEqual([400, 'pii_detected', false]);
    expect(await logRow(blocked.id)).toMatchObject({ endpoint: 'rerank', status: 400, error_type: 'pii_detected' });
    const route = await createKey(baimo, {});
    await api(baimo, 'PUT', `/api/security/policies/key/${route.id}`, { policy: { routing: { pii: ['self_hosted'] } } });
    const routed = await rerank({ model: 'rerank', query: `tel ${MOBILE}`, documents: DOCS }, route.key);
    expect([routed.status, routed.body.error.type, routed.reached]).toEqual([403, 'data_routing_blocked', false]);
  });
});
