import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, StreamPart } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import type { CallOptions, Provider } from '../../src/core/provider.js';
import { createLlamaCppProvider } from '../../src/providers/llama-cpp/provider.js';
import { ModelPool } from '../../src/providers/llama-cpp/model-pool.js';
import { RequestQueue } from '../../src/providers/llama-cpp/request-queue.js';
import { SUCCESSOR_ALPHABET_REPLY, SUCCESSOR_N_EMBD, writeSuccessorModel } from '../fixtures/successor-model.js';

const opts = (signal = new AbortController().signal): CallOptions => ({
  model: 'successor',
  signal,
  requestId: 'req_test',
  timeouts: { connect: 1000, firstByte: 30_000, idle: 30_000, total: 60_000 },
});
const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'successor',
  messages: [{ role: 'user', content }],
  temperature: 0,
  ...extra,
});
async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of parts) out.push(p);
  return out;
}

let dir: string;
let pool: ModelPool;
const providers: Provider[] = [];
function provider(file: string, cfg: { concurrency?: number; idleUnloadMs?: number } = {}): Provider {
  const p = createLlamaCppProvider(`local-${providers.length}`, { modelPath: join(dir, file), ...cfg }, pool);
  providers.push(p);
  return p;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baimo-llama-'));
  pool = new ModelPool();
  await writeSuccessorModel(join(dir, 'successor-f32.gguf'));
  await writeSuccessorModel(join(dir, 'successor-f16.gguf'), { type: 'f16', seed: 7 });
  await writeSuccessorModel(join(dir, 'successor-q8_0.gguf'), { type: 'q8_0' });
});

afterAll(async () => {
  await Promise.all(providers.map((p) => p.close?.()));
  await rm(dir, { recursive: true, force: true });
});

describe('llama-cpp provider with the successor model', () => {
  it('answers deterministically through the chat template', async () => {
    const p = provider('successor-f32.gguf');
    const r = await p.chat(ask('abc'), opts());
    expect(r.content).toBe(SUCCESSOR_ALPHABET_REPLY);
    expect(r.finishReason).toBe('stop');
    expect(r.toolCalls).toEqual([]);
    expect(r.model).toBe('successor');
    // <|im_start|>user\nabc<|im_end|>\n<|im_start|>assistant\n = 11 tokens + BOS; 26 letters + <|im_end|>.
    expect(r.usage).toEqual({ promptTokens: 12, completionTokens: 27 });
    const digit = await p.chat(ask('Count from 5'), opts());
    expect(digit.content).toBe('6789');
    expect((await p.chat(ask('7'), opts())).content).toBe('89');
    const withSystem = await p.chat(
      {
        ...ask('hello'),
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello 3' },
        ],
      },
      opts(),
    );
    expect(withSystem.content).toBe('456789');
    expect(await p.listModels!()).toEqual(['successor-f32']);
  });

  it('honours max_tokens and stop', async () => {
    const p = provider('successor-f32.gguf');
    const short = await p.chat(ask('abc', { max_tokens: 5 }), opts());
    expect(short).toMatchObject({ content: 'abcde', finishReason: 'length', usage: { promptTokens: 12, completionTokens: 5 } });
    const mct = await p.chat(ask('abc', { max_completion_tokens: 3 }), opts());
    expect(mct.content).toBe('abc');
    const stopped = await p.chat(ask('abc', { stop: ['ghi'] }), opts());
    expect(stopped).toMatchObject({ content: 'abcdef', finishReason: 'stop' });
  });

  it('streams text deltas that add up to the whole answer', async () => {
    const p = provider('successor-f32.gguf');
    const full = await p.chat(ask('abc'), opts());
    const parts = await collect(p.stream(ask('abc'), opts()));
    const deltas = parts.filter((x): x is Extract<StreamPart, { type: 'text-delta' }> => x.type === 'text-delta');
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.map((d) => d.text).join('')).toBe(full.content);
    expect(parts.at(-2)).toEqual({ type: 'usage', usage: full.usage, cumulative: true });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(full.usage!.estimated).toBeUndefined();
  });

  it('gives identical greedy output for q8_0 and f16 files', async () => {
    const q8 = provider('successor-q8_0.gguf');
    const f16 = provider('successor-f16.gguf');
    for (const text of ['abc', '0', 'hello 6']) {
      const [a, b] = await Promise.all([q8.chat(ask(text), opts()), f16.chat(ask(text), opts())]);
      expect(a.content).toBe(b.content);
    }
    expect((await q8.chat(ask('0'), opts())).content).toBe('123456789');
    expect((await stat(join(dir, 'successor-q8_0.gguf'))).size).toBeLessThan((await stat(join(dir, 'successor-f16.gguf'))).size);
  });

  it('returns embeddings of the model dimension', async () => {
    const p = provider('successor-f32.gguf');
    const r = await p.embed!({ model: 'successor', input: ['hello world', 'abc'] }, opts());
    expect(r.embeddings).toHaveLength(2);
    for (const e of r.embeddings) expect(e).toHaveLength(SUCCESSOR_N_EMBD);
    expect(r.embeddings[0]).not.toEqual(r.embeddings[1]);
    expect(r.usage!.promptTokens).toBeGreaterThan(0);
  });

  it('queues simultaneous requests with concurrency 1', async () => {
    const p = provider('successor-q8_0.gguf', { concurrency: 1 });
    const order: number[] = [];
    const results = await Promise.all([
      p.chat(ask('abc'), opts()).finally(() => order.push(0)),
      p.chat(ask('2'), opts()).finally(() => order.push(1)),
      collect(p.stream(ask('8'), opts())).finally(() => order.push(2)),
    ]);
    expect(order).toEqual([0, 1, 2]); // FIFO: the long first answer finishes before the others start
    expect(results[0].content).toBe(SUCCESSOR_ALPHABET_REPLY);
    expect(results[1].content).toBe('3456789');
    expect(
      results[2]
        .filter((x) => x.type === 'text-delta')
        .map((x) => (x as { text: string }).text)
        .join(''),
    ).toBe('9');
  });

  it('stops generating when a stream is aborted', async () => {
    const p = provider('successor-f32.gguf');
    const ctl = new AbortController();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const part of p.stream(ask('abc', { temperature: 0 }), opts(ctl.signal))) {
          if (part.type === 'text-delta') seen.push(part.text);
          if (seen.length === 3) ctl.abort(new Error('client went away'));
        }
      })(),
    ).rejects.toThrow('client went away');
    expect(seen.join('').length).toBeLessThan(SUCCESSOR_ALPHABET_REPLY.length);
    // The sequence is free again and still answers correctly.
    expect((await p.chat(ask('abc'), opts())).content).toBe(SUCCESSOR_ALPHABET_REPLY);
  });

  it('stops generating when the consumer stops reading', async () => {
    const p = provider('successor-f32.gguf', { concurrency: 1 });
    for await (const part of p.stream(ask('abc'), opts())) if (part.type === 'text-delta') break;
    expect((await p.chat(ask('5'), opts())).content).toBe('6789');
  });

  it('constrains output with response_format json_schema', async () => {
    const p = provider('successor-f32.gguf');
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const r = await p.chat(
      ask('abc', { max_tokens: 200, response_format: { type: 'json_schema', json_schema: { name: 'r', schema } } }),
      opts(),
    );
    expect(typeof JSON.parse(r.content!).ok).toBe('boolean');
  });

  it('accepts tools and tool results in the conversation', async () => {
    const p = provider('successor-f32.gguf');
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const first = await p.chat(ask('weather please', { tools }), opts());
    expect(first).toMatchObject({ content: SUCCESSOR_ALPHABET_REPLY, toolCalls: [], finishReason: 'stop' });
    const followUp = await p.chat(
      {
        ...ask('x', { tools }),
        messages: [
          { role: 'user', content: 'weather please' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        ],
      },
      opts(),
    );
    expect(followUp.content).toBe(SUCCESSOR_ALPHABET_REPLY);
    expect(followUp.usage!.promptTokens).toBeGreaterThan(first.usage!.promptTokens);
  });

  it('refuses image parts and n > 1 with a 400', async () => {
    const p = provider('successor-f32.gguf');
    const image = ask('x', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] }] });
    await expect(p.chat(image, opts())).rejects.toMatchObject({ status: 400, param: 'messages[0].content' });
    await expect(p.chat(ask('abc', { n: 2 }), opts())).rejects.toMatchObject({ status: 400, param: 'n' });
  });

  it('unloads an idle model and loads it again on demand', async () => {
    const idlePool = new ModelPool();
    const handle = idlePool.open({ modelPath: join(dir, 'successor-f32.gguf'), idleUnloadMs: 50 });
    const lease = await handle.acquireChat();
    expect(handle.isLoaded).toBe(true);
    lease.release();
    await new Promise((r) => setTimeout(r, 300));
    expect(handle.isLoaded).toBe(false);
    const p = createLlamaCppProvider('reload', { modelPath: join(dir, 'successor-f32.gguf'), idleUnloadMs: 50 }, idlePool);
    expect((await p.chat(ask('4'), opts())).content).toBe('56789');
    await p.close!();
    await handle.close();
  });

  it('reports a missing model file clearly', async () => {
    const p = provider('nope.gguf');
    const err = await p.chat(ask('abc'), opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ status: 503, type: 'service_unavailable', code: 'model_unavailable', provider: p.name });
    expect((err as Error).message).toContain(join(dir, 'nope.gguf'));
    expect((err as Error).message).toContain('baimo models pull');
    // Streams fail on the first next(), before any part.
    await expect(p.stream(ask('abc'), opts())[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'model_unavailable' });
  });
});

describe('RequestQueue', () => {
  it('runs in FIFO order within the limit and drops aborted waiters', async () => {
    const q = new RequestQueue(1);
    const r1 = await q.acquire();
    const ctl = new AbortController();
    const aborted = q.acquire(ctl.signal);
    const third = q.acquire();
    expect([q.active, q.pending]).toEqual([1, 2]);
    ctl.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    expect(q.pending).toBe(1);
    r1();
    r1(); // idempotent
    const r3 = await third;
    expect([q.active, q.pending]).toEqual([1, 0]);
    r3();
    expect(q.active).toBe(0);
    await expect(q.acquire(AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });
});
