import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ChatRequest } from '../../../../src/core/chat-types.js';
import type { Provider } from '../../../../src/core/provider.js';
import { createLlamaCppProvider } from '../../../../src/providers/llama-cpp/provider.js';
import { ModelPool } from '../../../../src/providers/llama-cpp/model-pool.js';
import { SUCCESSOR_ALPHABET_REPLY, writeSuccessorModel } from '../../../fixtures/successor-model.js';
import type { AdapterCase } from '../harness/adapter-case.js';

/**
 * The in-process GGUF engine has no wire: it runs the tiny deterministic "successor" model
 * (test/fixtures/successor-model.ts; a conversation without digits is answered with the alphabet,
 * "7" with "89"). Checks that need a wire are skipped with the reason; cancellation is checked by
 * the engine's sequence being free again (one sequence: a later call only runs once it is released).
 */
let dir: string | undefined;
const pool = new ModelPool();
const made: Provider[] = [];
const ask = (content: string | ChatRequest['messages'][number]['content']): ChatRequest => ({
  model: 'successor',
  messages: [{ role: 'user', content }],
  temperature: 0,
});

async function modelDir(): Promise<string> {
  if (!dir) {
    dir = await mkdtemp(join(tmpdir(), 'baimo-conformance-'));
    await writeSuccessorModel(join(dir, 'successor.gguf'));
  }
  return dir;
}

async function make(file = 'successor.gguf'): Promise<Provider> {
  const p = createLlamaCppProvider(`local-${made.length}`, { modelPath: join(await modelDir(), file), concurrency: 1 }, pool);
  made.push(p);
  return p;
}

// <|im_start|>user\nabc<|im_end|>\n<|im_start|>assistant\n = 11 tokens + BOS; 26 letters + <|im_end|>.
const alphabetUsage = { promptTokens: 12, completionTokens: 27 };

export const llamaCppCase: AdapterCase = {
  name: 'llama-cpp',
  transport: 'engine',
  model: 'successor',
  create: () => make(),
  dispose: async () => {
    await Promise.all(made.map((p) => p.close?.()));
    if (dir) await rm(dir, { recursive: true, force: true });
  },
  textStream: { request: ask('abc'), text: SUCCESSOR_ALPHABET_REPLY, finish: 'stop', usage: alphabetUsage },
  toolStream: {
    skip: 'no wire to replay: the tiny successor model never emits a function call (tool use is covered by the local engine tests)',
  },
  midStreamError: { skip: 'no wire: nothing upstream can fail in the middle of an in-process generation' },
  earlyFailures: [
    {
      name: 'missing model file (503 model_unavailable)',
      create: () => make('missing.gguf'),
      request: ask('abc'),
      retryable: true,
      status: 503,
    },
    {
      name: 'image part the engine cannot read (400)',
      request: ask([{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }]),
      retryable: false,
      status: 400,
    },
  ],
  cancel: {
    request: ask('abc'),
    released: async (provider) => {
      const r = await provider.chat(ask('7'), {
        model: 'successor',
        signal: new AbortController().signal,
        requestId: 'after-cancel',
        timeouts: { connect: 1000, firstByte: 5000, idle: 5000, total: 5000 },
      });
      expect(r.content).toBe('89');
    },
  },
  whole: { request: ask('abc'), content: SUCCESSOR_ALPHABET_REPLY, finish: 'stop', usage: alphabetUsage },
};
