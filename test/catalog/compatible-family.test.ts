import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Catalog-driven providers pointed at a local fake: the same adapter, different wire quirks as data.
let fake: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  const p = (type: string, extra: object = {}) => ({ type, base_url: fake.url, api_key: `key-${type}`, ...extra });
  baimo = await startBaimo({
    providers: {
      qwen: p('qwen'),
      zhipu: p('zhipu'),
      baichuan: p('baichuan'),
      spark: p('spark'),
      azure: p('azure-openai'),
      ds: p('deepseek'),
      vllm: p('vllm'),
    },
  });
  client = new OpenAI({ apiKey: ADMIN_TOKEN, baseURL: baimo.baseURL, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const last = () => fake.requests.at(-1)!;

describe('the OpenAI-compatible family as data', () => {
  it('qwen: list content is flattened to a string', async () => {
    await client.chat.completions.create({
      model: 'qwen/qwen-plus',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: '第一段' },
            { type: 'text', text: '第二段' },
          ],
        },
      ],
    });
    expect(last().body.messages[0].content).toBe('第一段\n第二段');
    expect(last().headers.authorization).toBe('Bearer key-qwen');
  });

  it('zhipu: temperature and top_p are clamped to [0, 1]', async () => {
    await client.chat.completions.create({
      model: 'zhipu/glm-4-flash',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 1.8,
      top_p: 1,
    });
    expect(last().body.temperature).toBe(1);
    expect(last().body.top_p).toBeLessThanOrEqual(1);
  });

  it('baichuan: temperature is halved and frequency_penalty dropped', async () => {
    await client.chat.completions.create({
      model: 'baichuan/Baichuan4',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 1,
      frequency_penalty: 0.5,
    });
    expect(last().body.temperature).toBe(0.5);
    expect(last().body).not.toHaveProperty('frequency_penalty');
  });

  it('spark: a streamed request with tools is sent without streaming and replayed as a stream', async () => {
    fake.queue.push({ kind: 'tool-call', name: 'get_weather', args: '{"city":"北京"}' });
    const stream = await client.chat.completions.create({
      model: 'spark/generalv3.5',
      messages: [{ role: 'user', content: '北京天气' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
      ],
      stream: true,
    });
    let args = '';
    let name = '';
    let finish = '';
    for await (const c of stream) {
      const tc = c.choices[0]?.delta?.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
      if (c.choices[0]?.finish_reason) finish = c.choices[0].finish_reason;
    }
    expect(last().body.stream).toBe(false);
    expect({ name, args: JSON.parse(args), finish }).toEqual({ name: 'get_weather', args: { city: '北京' }, finish: 'tool_calls' });
  });

  it('azure: the deployment goes into the path, the key into api-key, api-version into the query', async () => {
    await client.chat.completions.create({ model: 'azure/my-gpt4o', messages: [{ role: 'user', content: 'x' }] });
    expect(last().url).toBe('/v1/deployments/my-gpt4o/chat/completions?api-version=2024-10-21');
    expect(last().headers['api-key']).toBe('key-azure-openai');
    expect(last().headers.authorization).toBeUndefined();
  });

  it('a bare catalog model id resolves to the one provider that serves it', async () => {
    await client.chat.completions.create({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'x' }] });
    expect(last().headers.authorization).toBe('Bearer key-deepseek');
    expect(last().body.model).toBe('deepseek-chat');
  });

  it('lists models a self-hosted engine reports (discovery)', async () => {
    await baimo.runtime.discoverModels();
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toContain('vllm/m1');
    expect(ids).toContain('ds/deepseek-chat');
  });

  it('prices the call from the catalog in the provider currency and in CNY', async () => {
    fake.queue.push({ kind: 'text', text: 'ok', usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000 } });
    await client.chat.completions.create({ model: 'ds/deepseek-chat', messages: [{ role: 'user', content: 'x' }] });
    await baimo.runtime.logWriter.flush();
    const [row] = await baimo.runtime.logs.list({ limit: 1 });
    expect(row.currency).toBe('CNY');
    expect(row.cost).toBeGreaterThan(0);
    expect(row.cost_cny).toBe(row.cost);
  });
});
