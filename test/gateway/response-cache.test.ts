import { randomBytes } from 'node:crypto';
import { createConnection } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, isCacheable } from '../../src/cache/cache-key.js';
import { chunkText, decodeAnswer, encodeAnswer, replayParts, type CachedAnswer } from '../../src/cache/cached-answer.js';
import { createCacheStore } from '../../src/cache/create-cache-store.js';
import { MemoryCacheStore } from '../../src/cache/memory-cache-store.js';
import { RedisCacheStore } from '../../src/cache/redis-cache-store.js';
import type { ChatRequest } from '../../src/core/chat-types.js';

// Overridable so the skip path can be exercised (point it at a closed port).
const REDIS_URL = process.env.BAIMO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why Redis at REDIS_URL cannot be used, or undefined when it answers PING within half a second. */
function probeRedis(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const url = new URL(REDIS_URL);
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    const done = (reason: string | undefined): void => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(500, () => done('no answer within 500 ms'));
    socket.on('error', (err) => done(err.message));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG') ? undefined : `unexpected reply ${JSON.stringify(d.toString())}`));
  });
}

const redisDown = await probeRedis();
if (redisDown) console.warn(`[response-cache.test] skipping Redis store tests: ${REDIS_URL} unreachable (${redisDown})`);

const base: ChatRequest = {
  model: 'gpt-test',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello' },
  ],
  temperature: 0.2,
  max_tokens: 100,
};

describe('cacheKey', () => {
  it('is scope-prefixed sha256 hex', () => {
    expect(cacheKey('ws_1', base)).toMatch(/^ws_1:[0-9a-f]{64}$/);
  });

  it('ignores key order at every depth', () => {
    const reordered: ChatRequest = {
      max_tokens: 100,
      temperature: 0.2,
      messages: [
        { content: 'Be brief.', role: 'system' },
        { content: 'Hello', role: 'user' },
      ],
      model: 'gpt-test',
    };
    expect(cacheKey('ws', reordered)).toBe(cacheKey('ws', base));
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 2 }] }, a: null })).toBe('{"a":null,"b":{"c":[2,{"e":2,"f":1}],"d":1}}');
  });

  it('ignores transport-only fields and explicit nulls', () => {
    const noisy: ChatRequest = {
      ...base,
      stream: true,
      stream_options: { include_usage: true },
      user: 'end-user-42',
      metadata: { trace: 'abc' },
      store: false,
      service_tier: 'flex',
      safety_identifier: 'x',
      prompt_cache_key: 'k',
      'x-request-tag': 'abc',
      seed: null,
      n: 1,
    };
    expect(cacheKey('ws', noisy)).toBe(cacheKey('ws', base));
    expect(cacheKey('ws', { ...base, stream: false })).toBe(cacheKey('ws', { ...base, stream: true }));
  });

  it('changes with anything that can change the answer', () => {
    const k = cacheKey('ws', base);
    const variants: ChatRequest[] = [
      { ...base, temperature: 0.3 },
      { ...base, max_tokens: 101 },
      { ...base, model: 'gpt-other' },
      { ...base, messages: [base.messages[0], { role: 'user', content: 'Hello!' }] },
      { ...base, messages: [...base.messages].reverse() },
      { ...base, seed: 7 },
      { ...base, reasoning_effort: 'high' },
      { ...base, tools: [{ type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } }] },
      { ...base, response_format: { type: 'json_object' } },
    ];
    const keys = variants.map((v) => cacheKey('ws', v));
    for (const key of keys) expect(key).not.toBe(k);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('differs between scopes', () => {
    expect(cacheKey('ws_a', base)).not.toBe(cacheKey('ws_b', base));
    expect(cacheKey('ws_a', base).split(':')[1]).toBe(cacheKey('ws_b', base).split(':')[1]);
  });

  it('isCacheable refuses only n > 1', () => {
    expect(isCacheable(base)).toBe(true);
    expect(isCacheable({ ...base, temperature: undefined })).toBe(true);
    expect(isCacheable({ ...base, temperature: 1.5 })).toBe(true);
    expect(isCacheable({ ...base, n: 1 })).toBe(true);
    expect(isCacheable({ ...base, n: null })).toBe(true);
    expect(isCacheable({ ...base, n: 2 })).toBe(false);
  });
});

describe('MemoryCacheStore', () => {
  it('gets what was set, deletes, and misses on unknown keys', async () => {
    const s = new MemoryCacheStore();
    expect(s.kind).toBe('memory');
    await s.set('a', 'A', 1_000);
    expect(await s.get('a')).toBe('A');
    expect(await s.get('b')).toBeUndefined();
    await s.delete('a');
    expect(await s.get('a')).toBeUndefined();
    expect(s.bytes).toBe(0);
  });

  it('expires entries by the injected clock', async () => {
    let now = 1_000;
    const s = new MemoryCacheStore({ now: () => now });
    await s.set('a', 'A', 100);
    now = 1_099;
    expect(await s.get('a')).toBe('A');
    now = 1_100;
    expect(await s.get('a')).toBeUndefined();
    expect(s.size).toBe(0);
    await s.set('z', 'Z', 0);
    expect(await s.get('z')).toBeUndefined();
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const s = new MemoryCacheStore({ maxEntries: 2 });
    await s.set('a', 'A', 1_000);
    await s.set('b', 'B', 1_000);
    expect(await s.get('a')).toBe('A'); // a is now the most recently used
    await s.set('c', 'C', 1_000);
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('a')).toBe('A');
    expect(await s.get('c')).toBe('C');
    expect(s.size).toBe(2);
  });

  it('keeps total bytes under maxBytes and refuses values over a tenth of it', async () => {
    // Each entry: 2-byte key + 98-byte value = 100 bytes, exactly the per-value limit.
    const fresh = new MemoryCacheStore({ maxBytes: 1_000 });
    for (let i = 0; i < 11; i++) await fresh.set(`k${String.fromCharCode(65 + i)}`, 'v'.repeat(98), 1_000);
    expect(fresh.size).toBe(10);
    expect(fresh.bytes).toBe(1_000);
    expect(await fresh.get('kA')).toBeUndefined(); // oldest went first
    expect(await fresh.get('kK')).toBe('v'.repeat(98));
    await fresh.set('big', 'v'.repeat(101), 1_000);
    expect(await fresh.get('big')).toBeUndefined();
    expect(fresh.size).toBe(10);
  });

  it('counts bytes as UTF-8 and replaces an overwritten value', async () => {
    const s = new MemoryCacheStore();
    await s.set('k', 'é', 1_000);
    expect(s.bytes).toBe(3);
    await s.set('k', 'abc', 1_000);
    expect(s.bytes).toBe(4);
    expect(s.size).toBe(1);
  });
});

const answer: CachedAnswer = {
  result: {
    content: 'x'.repeat(150),
    reasoning: 'thinking',
    toolCalls: [
      { id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '{"tz":"UTC"}' } },
      { id: 'call_2', type: 'function', function: { name: 'get_date', arguments: '{}' } },
    ],
    finishReason: 'tool_calls',
    usage: { promptTokens: 10, completionTokens: 20 },
    model: 'gpt-test-2025',
  },
  usage: { promptTokens: 10, completionTokens: 20, cachedTokens: 4 },
  provider: 'openai',
  upstreamModel: 'gpt-test-2025',
  createdAt: 1_700_000_000_000,
};

describe('cached answer encoding', () => {
  it('round-trips', () => {
    expect(decodeAnswer(encodeAnswer(answer))).toEqual(answer);
    const minimal: CachedAnswer = {
      ...answer,
      result: { content: null, toolCalls: [], finishReason: 'stop' },
      provider: null,
      upstreamModel: null,
    };
    expect(decodeAnswer(encodeAnswer(minimal))).toEqual(minimal);
  });

  it('reads corrupt, foreign and old values as a miss', () => {
    const stored = JSON.parse(encodeAnswer(answer)) as Record<string, unknown>;
    expect(decodeAnswer('')).toBeUndefined();
    expect(decodeAnswer('{not json')).toBeUndefined();
    expect(decodeAnswer('null')).toBeUndefined();
    expect(decodeAnswer('[]')).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, v: 0 }))).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, v: undefined }))).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, usage: { promptTokens: '1' } }))).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, result: { ...answer.result, finishReason: 'eof' } }))).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, result: { ...answer.result, toolCalls: [{ id: 1 }] } }))).toBeUndefined();
    expect(decodeAnswer(JSON.stringify({ ...stored, createdAt: 'yesterday' }))).toBeUndefined();
  });
});

describe('replayParts', () => {
  it('streams reasoning, chunked text, tool calls, then finish with usage', () => {
    const parts = replayParts(answer);
    expect(parts.map((p) => p.type)).toEqual([
      'reasoning-delta',
      'text-delta',
      'text-delta',
      'text-delta',
      'tool-call-delta',
      'tool-call-delta',
      'finish',
    ]);
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : []));
    expect(text.map((t) => t.length)).toEqual([64, 64, 22]);
    expect(text.join('')).toBe(answer.result.content);
    expect(parts[4]).toEqual({ type: 'tool-call-delta', index: 0, id: 'call_1', name: 'get_time', argumentsDelta: '{"tz":"UTC"}' });
    expect(parts[5]).toMatchObject({ type: 'tool-call-delta', index: 1, id: 'call_2' });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls', usage: answer.usage });
  });

  it('emits only finish for an empty answer', () => {
    const parts = replayParts({ ...answer, result: { content: '', toolCalls: [], finishReason: 'stop' } });
    expect(parts).toEqual([{ type: 'finish', reason: 'stop', usage: answer.usage }]);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a'.repeat(63) + '😀' + 'b'.repeat(10);
    const chunks = chunkText(text);
    expect(chunks.join('')).toBe(text);
    expect(chunks[0]).toBe('a'.repeat(63) + '😀');
  });
});

describe('RedisCacheStore failures', () => {
  it('reads an unreachable Redis as a miss and reports the error', async () => {
    const errors: string[] = [];
    const s = new RedisCacheStore({ url: 'redis://127.0.0.1:1', onError: (_err, op) => errors.push(op) });
    expect(s.kind).toBe('redis');
    expect(await s.get('k')).toBeUndefined();
    await expect(s.set('k', 'v', 1_000)).resolves.toBeUndefined();
    await expect(s.delete('k')).resolves.toBeUndefined();
    expect(errors).toEqual(expect.arrayContaining(['get', 'set', 'delete']));
    await s.close();
  });

  it('survives a throwing onError hook', async () => {
    const s = new RedisCacheStore({
      url: 'redis://127.0.0.1:1',
      onError: () => {
        throw new Error('hook broke');
      },
    });
    expect(await s.get('k')).toBeUndefined();
    await s.close();
  });
});

describe.skipIf(Boolean(redisDown))('RedisCacheStore against ' + REDIS_URL, () => {
  const prefix = `bm:test:${randomBytes(6).toString('hex')}:`;
  const raw = redisDown ? undefined : new Redis(REDIS_URL);

  afterAll(async () => {
    if (!raw) return;
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
    await raw.quit();
  });

  it('sets with PX under the prefix, gets, deletes', async () => {
    const errors: unknown[] = [];
    const s = new RedisCacheStore({ url: REDIS_URL, prefix, onError: (err) => errors.push(err) });
    // The store's own client has no offline queue: wait for it to connect before judging hits.
    await waitUntil(async () => {
      await s.set('probe', '1', 10_000);
      return (await s.get('probe')) === '1';
    });
    await s.set('k', 'value é', 10_000);
    expect(await s.get('k')).toBe('value é');
    expect(await raw!.get(`${prefix}k`)).toBe('value é');
    const pttl = await raw!.pttl(`${prefix}k`);
    expect(pttl).toBeGreaterThan(9_000);
    expect(pttl).toBeLessThanOrEqual(10_000);
    await s.delete('k');
    expect(await s.get('k')).toBeUndefined();
    await s.close();
  });

  it('expires entries and uses a caller-owned client without closing it', async () => {
    const client = new Redis(REDIS_URL);
    const s = new RedisCacheStore({ client, prefix });
    await s.set('short', 'v', 50);
    expect(await s.get('short')).toBe('v');
    await new Promise((r) => setTimeout(r, 120));
    expect(await s.get('short')).toBeUndefined();
    await s.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  it('createCacheStore picks Redis for a URL and memory otherwise', async () => {
    const r = await createCacheStore({ redisUrl: REDIS_URL, prefix });
    const m = await createCacheStore({ maxEntries: 5 });
    expect(r.kind).toBe('redis');
    expect(m.kind).toBe('memory');
    await r.close();
    await m.close();
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
