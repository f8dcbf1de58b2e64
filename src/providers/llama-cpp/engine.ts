/**
 * The one shared node-llama-cpp runtime. Loading the native binding is slow and it owns global
 * state (thread pool, backend), so every provider instance and model shares a single lazy instance.
 */
import { availableParallelism } from 'node:os';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

let engine: Promise<Llama> | null = null;

/**
 * Returns the shared runtime, loading it on first use. CPU only (`gpu: false`) and never builds
 * from source (`build: 'never'`): the prebuilt binary ships with the package and there may be no
 * network or compiler. `maxThreads` is the machine's parallelism; each context asks for its own
 * (smaller) thread count, because the library default of 4 collapses throughput on 2 cores.
 */
export function getEngine(): Promise<Llama> {
  engine ??= getLlama({
    gpu: false,
    build: 'never',
    maxThreads: Math.max(1, availableParallelism()),
    logLevel: LlamaLogLevel.error,
    progressLogs: false,
  }).catch((err: unknown) => {
    engine = null; // a later call may retry (e.g. after a transient failure)
    throw err;
  });
  return engine;
}

/** Disposes the shared runtime (tests, shutdown). Models loaded from it must be disposed first. */
export async function disposeEngine(): Promise<void> {
  const current = engine;
  engine = null;
  if (current) await (await current.catch(() => null))?.dispose();
}
