import type { ChatRequest, StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import type { CallOptions, Provider } from '../../core/provider.js';

/** A provider created by `lazyProvider`: its implementation can be reached without importing it early. */
export interface LazyProvider extends Provider {
  /** The implementation, importing its module if that has not happened yet. */
  implementation(): Promise<Provider>;
  /** The implementation once imported (and created); undefined before that. */
  readonly imported: Provider | undefined;
}

export function isLazyProvider(p: Provider): p is LazyProvider {
  return typeof (p as Partial<LazyProvider>).implementation === 'function';
}

/**
 * A provider whose implementation module is imported on first use. Heavy adapters (the embedded
 * engine pulls in native bindings) then cost nothing to processes that never call them, such as
 * `baimo logs` or a gateway that only proxies clouds.
 */
export function lazyProvider(name: string, load: () => Promise<Provider>): LazyProvider {
  let loaded: Promise<Provider> | undefined;
  let imported: Provider | undefined;
  const get = (): Promise<Provider> => (loaded ??= load().then((p) => (imported = p)));
  return {
    name,
    implementation: get,
    get imported() {
      return imported;
    },
    chat: async (req, opts) => (await get()).chat(req, opts),
    stream: (req: ChatRequest, opts: CallOptions): AsyncIterable<StreamPart> => ({
      async *[Symbol.asyncIterator]() {
        yield* (await get()).stream(req, opts);
      },
    }),
    embed: async (req, opts) => {
      const p = await get();
      if (!p.embed) throw new Error(`${name} does not offer embeddings`);
      return p.embed(req, opts);
    },
    rerank: async (req, opts) => {
      const p = await get();
      if (!p.rerank)
        throw gatewayError('rerank_unsupported', `${name} does not offer reranking; choose a rerank model`, {
          param: 'model',
          provider: name,
        });
      return p.rerank(req, opts);
    },
    listModels: async (signal) => (await get()).listModels?.(signal) ?? [],
    close: async () => {
      if (loaded) await (await loaded).close?.();
    },
  };
}
