/**
 * The `llama-cpp` protocol: GGUF models run in-process (implementation in `provider.ts`). This module
 * stays light: node-llama-cpp and its native binding are imported on a provider's first call, so
 * processes that never run a local model do not pay for them.
 */
import type { ProviderAdapter } from '../adapter.js';
import { lazyProvider } from '../shared/lazy-provider.js';

export type { LlamaCppConfig, LlamaCppProvider } from './provider.js';

export const adapter: ProviderAdapter<'llama-cpp'> = {
  protocol: 'llama-cpp',
  create: ({ name, cfg }) =>
    lazyProvider(name, async () =>
      (await import('./provider.js')).createLlamaCppProvider(name, {
        modelPath: cfg.model_path ?? '',
        threads: cfg.threads,
        contextSize: cfg.context_size,
        concurrency: cfg.concurrency,
        idleUnloadMs: cfg.idle_unload_ms,
      }),
    ),
  credentials: [],
  fileOnly: true,
  doc: {
    name: 'Embedded llama.cpp engine',
    speaks: 'in-process GGUF models through node-llama-cpp (CPU); `model_path` names the file',
    link: 'https://github.com/withcatai/node-llama-cpp',
    auth: 'none (in-process)',
    streaming: 'in-process tokens',
    usage: 'counted by the engine',
    verified: 'real engine on generated GGUF files (`test/engine/local-engine-e2e.test.ts`)',
  },
};
