import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { chatCalls, roleText, runApp, streamedText } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Scenario apps with JSON output (issue 18): the answer is checked against the app's JSON Schema; an
// invalid one gets exactly one repair call (the invalid answer and the errors sent back), and a repair
// still invalid is a 502 `app_output_invalid`.

const VALID = {
  summary: '决定 3 月 20 日上线。',
  decisions: ['3 月 20 日上线'],
  action_items: [{ task: '修复支付问题', owner: '赵强', due_date: '2025-03-13' }],
};
const TRANSCRIPT = '王磊：我们定 3 月 20 日上线。\n赵强：支付的问题我周四前修好。';

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** Answers the next calls with these texts, in order. */
const answer = (...texts: string[]) => fake.queue.push(...texts.map((text) => ({ kind: 'text' as const, text })));

describe('meeting-minutes (JSON with a schema)', () => {
  it('a valid first answer is returned as it is: one call, asked for the schema', async () => {
    const before = chatCalls(fake).length;
    answer(JSON.stringify(VALID));
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(JSON.parse(r.body.choices[0].message.content)).toEqual(VALID);
    const calls = chatCalls(fake).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.response_format.type).toBe('json_schema');
    expect(calls[0].body.response_format.json_schema.schema.required).toEqual(['summary', 'decisions', 'action_items']);
  });

  it('an invalid first answer triggers exactly one repair call; the repaired answer matches the schema', async () => {
    const before = chatCalls(fake).length;
    const invalid = JSON.stringify({ summary: 42, decisions: 'none' });
    answer(invalid, '```json\n' + JSON.stringify(VALID) + '\n```');
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const content = r.body.choices[0].message.content;
    expect(JSON.parse(content)).toEqual(VALID); // the code fence is taken off
    const calls = chatCalls(fake).slice(before);
    expect(calls).toHaveLength(2);
    // The repair call: the same prompt, the invalid answer as the assistant's, then what was wrong.
    const repair = calls[1].body.messages as { role: string; content: string }[];
    expect(repair.slice(0, -2)).toEqual(calls[0].body.messages);
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: invalid });
    expect(repair.at(-1)!.role).toBe('user');
    expect(repair.at(-1)!.content).toContain('/summary');
    expect(repair.at(-1)!.content).toContain("'action_items'");
    // Usage covers both calls (7 + 7 prompt tokens from the fake).
    expect(r.body.usage.prompt_tokens).toBe(14);
  });

  it('a repair that is still invalid answers 502 app_output_invalid with the errors; no third call', async () => {
    const before = chatCalls(fake).length;
    answer(
      'not json at all',
      JSON.stringify({ summary: 'x', decisions: [], action_items: [{ task: 't', owner: null, due_date: 'tomorrow' }] }),
    );
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT } });
    expect(r.status).toBe(502);
    expect(r.body.error.code).toBe('app_output_invalid');
    expect(r.body.error.message).toContain('/action_items/0/due_date');
    expect(chatCalls(fake).length - before).toBe(2);
  });

  it('streamed: the answer is checked (and repaired) whole, then streamed', async () => {
    const before = chatCalls(fake).length;
    answer('{"summary": "cut', JSON.stringify(VALID));
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT }, stream: true });
    expect(r.status).toBe(200);
    expect(r.done).toBe(true);
    expect(JSON.parse(streamedText(r.events))).toEqual(VALID);
    const calls = chatCalls(fake).slice(before);
    expect(calls.map((c) => c.body.stream ?? false)).toEqual([false, false]);

    // Still invalid when streamed: the error comes before any chunk, as an HTTP error.
    answer('nope', 'still nope');
    const bad = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT }, stream: true });
    expect(bad.status).toBe(502);
    expect(bad.body.error.code).toBe('app_output_invalid');
  });

  it('logs every call with the app, the repair under its own request id', async () => {
    answer('[]', JSON.stringify(VALID));
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT } });
    expect(r.status).toBe(200);
    const id = r.headers.get('x-request-id')!;
    const rows = await waitFor(async () => {
      const found = await queryRows<{ id: string; app_slug: string; app_version: number; model_requested: string }>(
        baimo.runtime.database,
        `select id, app_slug, app_version, model_requested from request_logs where id like '${id}%' order by id`,
      );
      return found.length === 2 ? found : undefined;
    });
    expect(rows.map((x) => x.id)).toEqual([id, `${id}-repair`]);
    for (const row of rows) {
      expect(row.app_slug).toBe('meeting-minutes');
      expect(Number(row.app_version)).toBe(1);
      expect(row.model_requested).toBe('app:meeting-minutes');
    }
  });
});

describe('a custom JSON app', () => {
  let slug: string;
  beforeAll(async () => {
    slug = 'ticket-triage';
    const r = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', {
      slug,
      publish: true,
      spec: {
        name: 'Ticket triage',
        variables: [{ name: 'text', type: 'long_text', required: true }],
        prompts: { en: { system: 'Classify the support ticket.', user: '{{text}}' } },
        output: {
          format: 'json',
          schema: {
            type: 'object',
            properties: { priority: { enum: ['low', 'high'] }, tags: { type: 'array', items: { type: 'string' }, maxItems: 3 } },
            required: ['priority', 'tags'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('is repaired once against its own schema', async () => {
    const before = chatCalls(fake).length;
    answer(
      JSON.stringify({ priority: 'urgent', tags: ['a', 'b', 'c', 'd'], extra: 1 }),
      JSON.stringify({ priority: 'high', tags: ['billing'] }),
    );
    const r = await runApp(baimo, slug, { inputs: { text: 'I was charged twice!' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(JSON.parse(r.body.choices[0].message.content)).toEqual({ priority: 'high', tags: ['billing'] });
    expect(r.body.app).toEqual({ slug, version: 1 });
    const calls = chatCalls(fake).slice(before);
    expect(calls).toHaveLength(2);
    const errors = roleText(calls[1], 'user');
    for (const e of ['/priority', '/tags', 'extra']) expect(errors).toContain(e);
  });

  it('through app:{slug} in chat completions too', async () => {
    const before = chatCalls(fake).length;
    answer('{"priority": "low"}', JSON.stringify({ priority: 'low', tags: [] }));
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-baimo-test-admin' },
      body: JSON.stringify({ model: `app:${slug}`, messages: [{ role: 'user', content: 'Where is my invoice?' }] }),
    });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ priority: 'low', tags: [] });
    expect(body.model).toBe(`app:${slug}`);
    expect(chatCalls(fake).length - before).toBe(2);
    expect(roleText(chatCalls(fake)[before], 'user')).toBe('Where is my invoice?');
  });
});
