import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../helpers/admin-api.js';
import { chatCalls, roleText } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Scenario apps as models (issue 18): `app:{slug}` in /v1/chat/completions through the official openai
// SDK, whole and streamed; the last user message fills the app's main text.

const MINUTES = { summary: 'Ship on the 20th.', decisions: ['Ship on 2025-03-20'], action_items: [] };

let fake: FakeUpstream;
let baimo: TestBaimo;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: 'A short summary.' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  client = new OpenAI({ baseURL: baimo.baseURL, apiKey: ADMIN_TOKEN, maxRetries: 0 });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const TEXT = 'The city council approved a plan to triple its bike lanes by 2030, at a cost of 85 million dollars.';

describe('app:{slug} through the openai SDK', () => {
  it('answers a whole completion; the last user message is the text', async () => {
    const before = chatCalls(fake).length;
    const r = await client.chat.completions.create({ model: 'app:summarize', messages: [{ role: 'user', content: TEXT }] });
    expect(r.choices[0].message.content).toBe('A short summary.');
    expect(r.model).toBe('app:summarize');
    expect((r as unknown as { app: unknown }).app).toEqual({ slug: 'summarize', version: 1 });
    const call = chatCalls(fake)[before];
    expect(call.body.model).toBe('m1');
    expect(roleText(call, 'system').toLowerCase()).toContain('summar');
    expect(roleText(call, 'user')).toContain(TEXT);
  });

  it('streams, and the raw response names the app', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'app:summarize',
        messages: [{ role: 'user', content: TEXT }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('x-baimo-app')).toBe('summarize@1');
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe('A short summary.');
    expect(usage?.prompt_tokens).toBe(7);
    expect(chatCalls(fake).at(-1)!.body.stream).toBe(true);
  });

  it('keeps the conversation before the last user message, after the app prompt', async () => {
    const before = chatCalls(fake).length;
    await client.chat.completions.create({
      model: 'app:translate',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there.' },
        { role: 'assistant', content: '你好。' },
        { role: 'user', content: 'See you tomorrow.' },
      ],
    });
    const sent = chatCalls(fake)[before].body.messages as { role: string; content: string }[];
    expect(sent.map((m) => m.role)).toEqual(['system', 'system', 'user', 'assistant', 'user']);
    expect(sent[0].content.toLowerCase()).toContain('translator');
    expect(sent.slice(1, 4).map((m) => m.content)).toEqual(['Be brief.', 'Hello there.', '你好。']);
    expect(sent[4].content).toContain('See you tomorrow.');
  });

  it('a JSON app is checked (and repaired) whether streamed or not', async () => {
    fake.queue.push({ kind: 'text', text: 'minutes: none' }, { kind: 'text', text: JSON.stringify(MINUTES) });
    const whole = await client.chat.completions.create({
      model: 'app:meeting-minutes',
      messages: [{ role: 'user', content: 'Maria: we ship on March 20. Tom: agreed.' }],
    });
    expect(JSON.parse(whole.choices[0].message.content!)).toEqual(MINUTES);

    fake.queue.push({ kind: 'text', text: JSON.stringify(MINUTES) });
    const stream = await client.chat.completions.create({
      model: 'app:meeting-minutes',
      messages: [{ role: 'user', content: 'Maria: we ship on March 20. Tom: agreed.' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(JSON.parse(text)).toEqual(MINUTES);
  });

  it('errors arrive as the SDK expects them', async () => {
    const missing = await client.chat.completions
      .create({ model: 'app:no-such-app', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing.code).toBe('scenario_app_not_found');
    const bad = await client.chat.completions.create({ model: 'app:summarize', messages: [{ role: 'user', content: '' }] }).catch((e) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad.code).toBe('invalid_inputs');
    expect(bad.param).toBe('text');
  });

  it("a key's model allow-list is checked against app:{slug}, not the app's model", async () => {
    const { key } = await createKey(baimo, { name: 'apps only', models: ['app:summarize'] });
    const keyed = new OpenAI({ baseURL: baimo.baseURL, apiKey: key, maxRetries: 0 });
    const ok = await keyed.chat.completions.create({ model: 'app:summarize', messages: [{ role: 'user', content: TEXT }] });
    expect(ok.choices[0].message.content).toBe('A short summary.');
    for (const model of ['app:translate', 'chat']) {
      const refused = await keyed.chat.completions.create({ model, messages: [{ role: 'user', content: TEXT }] }).catch((e) => e);
      expect(refused).toBeInstanceOf(OpenAI.PermissionDeniedError);
      expect(refused.code).toBe('model_not_allowed');
    }
    // Nor may it pick another model for the app's run.
    const res = await fetch(`${baimo.baseURL}/apps/summarize/run`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ inputs: { text: TEXT }, model: 'chat' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('model_not_allowed');
  });
});
