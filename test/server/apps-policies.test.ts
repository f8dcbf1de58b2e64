import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey } from '../helpers/admin-api.js';
import { chatCalls, runApp } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// A scenario app is a tenancy app: its own security policy document (PII, moderation, explicit label,
// edited through the existing policy API at scope `app`) applies to its runs, whoever runs it, and to
// no other app's.

const MOBILE = '13812345678';
const NOTICE = '【本回答由 AI 生成】';
const FORBIDDEN = 'forbidden-launch-codes';

let fake: FakeUpstream;
let baimo: TestBaimo;
const ids: Record<string, string> = {};

/** A scenario app cloned from summarize, published, with `policy` as its own security policy. */
async function appWith(slug: string, policy: Record<string, unknown> | null): Promise<void> {
  const r = await api(baimo, 'POST', '/api/workspaces/ws_default/apps', { slug, from_builtin: 'summarize', publish: true });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ids[slug] = r.body.id;
  if (!policy) return;
  const p = await api(baimo, 'PUT', `/api/security/policies/app/${r.body.id}`, { policy });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
}

beforeAll(async () => {
  // The fake answers with the prompt it was sent: what it saw is what comes back.
  fake = await startFakeOpenAI({ fallback: { kind: 'echo' } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    apps: { default_model: 'chat' },
  });
  await appWith('pii-pseudo', { pii: { action: 'pseudonymize' } });
  await appWith('pii-block', { pii: { action: 'block' } });
  await appWith('moderated', { moderation: { input: 'block', rules: [{ pattern: FORBIDDEN, risk: 'A.1.1' }] } });
  await appWith('labelled', { labels: { explicit: { text: NOTICE, position: 'start' } } });
  await appWith('plain', null);
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const text = (extra: string) => `Call me at ${MOBILE} about the plan. ${extra}`;

describe("an app's own PII policy", () => {
  it('pseudonymize: the upstream never sees the number, the answer has it back', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'pii-pseudo', { inputs: { text: text('') } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(JSON.stringify(chatCalls(fake)[before].body)).not.toContain(MOBILE);
    expect(r.body.choices[0].message.content).toContain(MOBILE);
    const row = await logRowOf(r.headers.get('x-request-id')!);
    expect(row.app_id).toBe(ids['pii-pseudo']);
    expect(JSON.parse(row.compliance!).pii.action).toBe('pseudonymize');
  });

  it('block: 400 pii_detected, nothing sent; through app:{slug} in chat completions too', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'pii-block', { inputs: { text: text('') } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('pii_detected');
    const c = await chat(baimo, 'sk-baimo-test-admin', { model: 'app:pii-block', messages: [{ role: 'user', content: text('') }] });
    expect(c.status).toBe(400);
    expect(c.body.error.code).toBe('pii_detected');
    expect(chatCalls(fake).length).toBe(before);
  });

  it('other apps, and the built-in they were cloned from, are not affected', async () => {
    for (const slug of ['plain', 'summarize', 'moderated']) {
      const before = chatCalls(fake).length;
      const r = await runApp(baimo, slug, { inputs: { text: text('') } });
      expect(r.status, slug).toBe(200);
      expect(JSON.stringify(chatCalls(fake)[before].body), slug).toContain(MOBILE);
    }
  });
});

describe("an app's own moderation policy", () => {
  it('blocks the input it flags, for this app only', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'moderated', { inputs: { text: text(FORBIDDEN) } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('content_policy_violation');
    expect(chatCalls(fake).length).toBe(before);
    const row = await logRowOf(r.headers.get('x-request-id')!);
    expect(row.app_slug).toBe('moderated');
    expect(row.status).toBe(400);
    for (const slug of ['plain', 'labelled'])
      expect((await runApp(baimo, slug, { inputs: { text: text(FORBIDDEN) } })).status, slug).toBe(200);
  });

  it('applies whoever runs the app: a virtual key of any app of the workspace', async () => {
    const { key } = await createKey(baimo, { name: 'other team' });
    const r = await runApp(baimo, 'moderated', { inputs: { text: FORBIDDEN } }, key);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('content_policy_violation');
  });
});

describe("an app's explicit label", () => {
  it('starts its answers, whole and streamed; other apps carry none', async () => {
    const whole = await runApp(baimo, 'labelled', { inputs: { text: 'Label me.' } });
    expect(whole.status).toBe(200);
    const content: string = whole.body.choices[0].message.content;
    expect(content.startsWith(NOTICE)).toBe(true);
    expect(content.split(NOTICE)).toHaveLength(2);
    const streamed = await runApp(baimo, 'labelled', { inputs: { text: 'Label me.' }, stream: true });
    const s = streamed.events.map((e) => e.choices[0]?.delta?.content ?? '').join('');
    expect(s.startsWith(NOTICE)).toBe(true);
    const plain = await runApp(baimo, 'plain', { inputs: { text: 'Label me.' } });
    expect(plain.body.choices[0].message.content).not.toContain(NOTICE);
  });
});

async function logRowOf(
  id: string,
): Promise<{ app_id: string | null; app_slug: string | null; compliance: string | null; status: number }> {
  return waitFor(async () => {
    const rows = await queryRows<{ app_id: string | null; app_slug: string | null; compliance: string | null; status: number }>(
      baimo.runtime.database,
      `select app_id, app_slug, compliance, status from request_logs where id = '${id}'`,
    );
    return rows[0] ? { ...rows[0], status: Number(rows[0].status) } : undefined;
  });
}
