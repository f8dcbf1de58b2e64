import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// A failure before the first token is retried on another target, also when the provider reported
// usage first: Anthropic opens every stream with `message_start` (input tokens), and an `overloaded`
// error right after it must not reach the client when a fallback can answer.

let anthropic: FixtureServer;
let backup: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  anthropic = await startFixtureServer(() => ({ fixture: 'anthropic/stream-start-then-overloaded.sse.txt' }));
  backup = await startFakeOpenAI({ fallback: { kind: 'text', text: 'answered by the backup' } });
  baimo = await startBaimo({
    providers: {
      claude: { type: 'anthropic', base_url: anthropic.origin, api_key: 'sk-ant-test' },
      spare: { type: 'openai-compatible', base_url: backup.url, trust: 'self_hosted' },
    },
    models: [
      { name: 'main', targets: [{ provider: 'claude', model: 'claude-sonnet-4-5' }], fallbacks: ['spare-route'], retries: 0 },
      { name: 'spare-route', targets: [{ provider: 'spare', model: 'm1' }] },
    ],
  });
});
afterAll(async () => {
  await baimo?.close();
  await backup?.close();
  await anthropic?.close();
});

describe('a failure before the first token', () => {
  it('after a usage-only message_start is retried on the fallback; the client sees one clean stream', async () => {
    const res = await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ model: 'main', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const chunks = text
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)));
    expect(chunks.some((c) => c.error)).toBe(false);
    expect(chunks.map((c) => c.choices?.[0]?.delta?.content ?? '').join('')).toBe('answered by the backup');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(anthropic.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
  });
});
