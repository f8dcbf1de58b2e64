import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCompletionChunkSchema, chatCompletionSchema } from '../../src/server/v1/v1-openapi.js';
import { startEmbeddingFake, type EmbeddingFake } from '../fakes/embedding-fake.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Grounded chat (issue 17): an alias with `knowledge: [name]`, or a request naming knowledge bases,
// is answered from their passages; the citations point at exactly the chunks the upstream was given.

const HANDBOOK = `# 员工手册

## 休假制度

正式员工每年享有十五天带薪年假，入职满一年后开始计算。

病假需要提供医院开具的证明，每月最多三天。

## 报销流程

差旅报销须在出差结束后三十天内提交，附上发票原件。
`;

let fake: FakeUpstream;
let embedder: EmbeddingFake;
let baimo: TestBaimo;
let client: OpenAI;

const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${baimo.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });

/** The system message the upstream received in its last chat call. */
function lastGrounding(): string {
  const chats = fake.requests.filter((r) => r.url.endsWith('/chat/completions'));
  const messages = chats.at(-1)!.body.messages as { role: string; content: string }[];
  return messages.filter((m) => m.role === 'system').at(-1)?.content ?? '';
}

/** Each `[n] …\ntext` passage the upstream was given: number → text. */
function passagesGiven(system: string): Map<number, string> {
  const out = new Map<number, string>();
  // Passages follow the intro, each starting a paragraph with its marker; the rules come last.
  const body = system.slice(0, system.lastIndexOf('\n\n回答要求'));
  for (const block of body.split(/\n\n(?=\[\d+\] )/).slice(1)) {
    const m = /^\[(\d+)\] [^\n]*\n([\s\S]+)$/.exec(block);
    if (m) out.set(Number(m[1]), m[2]);
  }
  return out;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: '正式员工每年有十五天带薪年假[1]。' } });
  embedder = await startEmbeddingFake();
  baimo = await startBaimo({
    providers: {
      up: { type: 'openai-compatible', base_url: fake.url, api_key: 'sk-up' },
      emb: { type: 'openai-compatible', base_url: embedder.url, trust: 'self_hosted' },
    },
    jobs: { poll_ms: 50 },
    models: [
      { name: 'hr-bot', targets: [{ provider: 'up', model: 'gpt-4o-mini' }], knowledge: ['员工手册'] },
      { name: 'plain', targets: [{ provider: 'up', model: 'gpt-4o-mini' }] },
      { name: 'emb', targets: [{ provider: 'emb', model: 'fake-embed' }] },
    ],
  });
  client = new OpenAI({ baseURL: baimo.baseURL, apiKey: ADMIN_TOKEN, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
  await embedder?.close();
});

describe('grounded chat', () => {
  it('an alias naming a knowledge base that does not exist yet starts fine and answers a clear 404 until it is created', async () => {
    const err = await client.chat.completions
      .create({ model: 'hr-bot', messages: [{ role: 'user', content: '年假几天？' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.code).toBe('knowledge_base_not_found');
    expect(err.message).toContain('员工手册');
  });

  it('answers from the passages with citations pointing at the chunks the upstream was given', async () => {
    const created = await admin('/api/kb', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '员工手册', embedding_model: 'emb' }),
    });
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([HANDBOOK], { type: 'text/markdown' }), 'handbook.md');
    const added = await admin(`/api/kb/${encodeURIComponent('员工手册')}/documents`, { method: 'POST', body: form });
    expect(added.status).toBe(202);
    const docId = ((await added.json()) as any).data[0].id as string;
    await waitFor(
      async () => {
        const d = (await (await admin(`/api/kb/${encodeURIComponent('员工手册')}/documents/${docId}`)).json()) as any;
        if (d.status === 'failed') throw new Error(`ingestion failed: ${JSON.stringify(d.error)}`);
        return d.status === 'ready' ? d : undefined;
      },
      { what: 'the handbook to be ingested', timeoutMs: 20_000 },
    );

    const raw = await client.chat.completions
      .create({ model: 'hr-bot', messages: [{ role: 'user', content: '正式员工的带薪年假有几天？' }] })
      .withResponse();
    expect(raw.response.headers.get('x-baimo-knowledge-hits')).not.toBe('0');
    const answer = chatCompletionSchema.parse(raw.data);
    expect(answer.choices[0].message.content).toBe('正式员工每年有十五天带薪年假[1]。');
    const citations = answer.citations!;
    expect(citations.length).toBeGreaterThan(0);

    const given = passagesGiven(lastGrounding());
    expect([...given.keys()]).toEqual(citations.map((c) => c.index));
    for (const c of citations) {
      expect(given.get(c.index)).toBe(c.text);
      expect(c.knowledge_base).toBe('员工手册');
      expect(c.document_name).toBe('handbook.md');
      expect(c.chunk_id).toMatch(/^chk_/);
      expect(c.cited).toBe(c.index === 1);
    }
    expect(citations[0].text).toContain('十五天带薪年假');
    expect(citations[0].title_path).toEqual(['员工手册', '休假制度']);

    // The chunk ids are the knowledge base's own.
    const chunks = (await (await admin(`/api/kb/${encodeURIComponent('员工手册')}/documents/${docId}/chunks`)).json()) as any;
    const ids = new Set(chunks.data.map((c: { id: string }) => c.id));
    for (const c of citations) expect(ids.has(c.chunk_id)).toBe(true);
  });

  it('streams the citations on the final chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'hr-bot',
      stream: true,
      messages: [{ role: 'user', content: '差旅报销多久内提交？' }],
    });
    const chunks: any[] = [];
    for await (const c of stream) chunks.push(chatCompletionChunkSchema.parse(c));
    const last = chunks.findLast((c) => c.choices[0]?.finish_reason);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(chunks.filter((c) => c.citations)).toEqual([last]);
    const given = passagesGiven(lastGrounding());
    expect(last.citations.map((c: any) => [c.index, c.text])).toEqual([...given.entries()]);
    expect(last.citations[0].text).toContain('三十天内');
    expect(last.citations[0].cited).toBe(true);
  });

  it('grounds a request that names knowledge bases itself, without passing the extension on', async () => {
    const res = await client.chat.completions.create({
      model: 'plain',
      messages: [
        { role: 'system', content: '你是人事助手。' },
        { role: 'user', content: '病假需要什么证明？' },
      ],
      // @ts-expect-error baimo's extension of the chat request
      knowledge: { bases: ['员工手册'], top_k: 1, mode: 'keyword' },
    });
    const sent = fake.requests.filter((r) => r.url.endsWith('/chat/completions')).at(-1)!.body;
    expect(sent.knowledge).toBeUndefined();
    expect(sent.messages.map((m: any) => m.role)).toEqual(['system', 'system', 'user']);
    expect(sent.messages[0].content).toBe('你是人事助手。');
    const citations = (res as any).citations;
    expect(citations).toHaveLength(1);
    expect(citations[0].text).toContain('病假');
  });

  it('refuses a malformed extension with a 400 before any call', async () => {
    const before = fake.requests.length;
    const err = await client.chat.completions
      // @ts-expect-error baimo's extension of the chat request
      .create({ model: 'plain', messages: [{ role: 'user', content: 'x' }], knowledge: { bases: [] } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe('knowledge');
    expect(fake.requests.length).toBe(before);
  });

  it('a plain request has no citations and no grounding', async () => {
    const res = await client.chat.completions.create({ model: 'plain', messages: [{ role: 'user', content: 'hi' }] });
    expect((res as any).citations).toBeUndefined();
    expect(lastGrounding()).toBe('');
  });
});

describe('grounded chat under an output-moderation policy', () => {
  let up: FakeUpstream;
  let emb: EmbeddingFake;
  let server: TestBaimo;

  beforeAll(async () => {
    up = await startFakeOpenAI({ fallback: { kind: 'text', text: '报销须在三十天内提交[1]。' } });
    emb = await startEmbeddingFake();
    server = await startBaimo({
      providers: {
        up: { type: 'openai-compatible', base_url: up.url, api_key: 'sk-up' },
        emb: { type: 'openai-compatible', base_url: emb.url, trust: 'self_hosted' },
      },
      jobs: { poll_ms: 50 },
      models: [
        { name: 'bot', targets: [{ provider: 'up', model: 'gpt-4o-mini' }], knowledge: ['制度'] },
        { name: 'emb', targets: [{ provider: 'emb', model: 'fake-embed' }] },
      ],
      security: { moderation: { input: 'off', output: 'cut', rules: [{ pattern: '内部绝密', risk: 'custom.secret' }] } },
    });
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
    await call('/api/kb', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '制度', embedding_model: 'emb' }),
    });
    const form = new FormData();
    form.append('file', new Blob(['差旅报销须在三十天内提交。\n\n内部绝密：报销审批人名单见附件。'], { type: 'text/plain' }), 'rules.txt');
    const docId = ((await (await call(`/api/kb/${encodeURIComponent('制度')}/documents`, { method: 'POST', body: form })).json()) as any)
      .data[0].id as string;
    await waitFor(
      async () => ((await (await call(`/api/kb/${encodeURIComponent('制度')}/documents/${docId}`)).json()) as any).status === 'ready',
      { what: 'ingestion', timeoutMs: 20_000 },
    );
  });
  afterAll(async () => {
    await server?.close();
    await up?.close();
    await emb?.close();
  });

  it('withholds the text of a citation that the output policy cuts, and keeps the others', async () => {
    const c = new OpenAI({ baseURL: server.baseURL, apiKey: ADMIN_TOKEN, maxRetries: 0 });
    const res = await c.chat.completions.create({
      model: 'bot',
      // @ts-expect-error baimo's extension of the chat request
      knowledge: { bases: ['制度'], top_k: 5, mode: 'keyword' },
      messages: [{ role: 'user', content: '报销审批和提交期限是什么？' }],
    });
    const citations = chatCompletionSchema.parse(res).citations!;
    expect(citations.length).toBeGreaterThan(0);
    for (const cit of citations) {
      if (cit.withheld) expect(cit.text).toBe('');
      else expect(cit.text).not.toContain('内部绝密');
    }
    // The model itself was given the passage: data security masks or routes prompts, output moderation screens what leaves.
    expect(JSON.stringify(up.requests.at(-1)!.body.messages)).toContain('内部绝密');
    expect(citations.some((cit) => cit.withheld)).toBe(true);
  });
});
