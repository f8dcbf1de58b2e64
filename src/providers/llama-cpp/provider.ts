/**
 * The embedded engine provider: runs GGUF models in-process through node-llama-cpp (CPU), behind
 * the same Provider contract as the HTTP adapters. One provider = one model file.
 */
import { basename } from 'node:path';
import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, RerankRequest, RerankResult, StreamPart } from '../../core/chat-types.js';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, GatewayError } from '../../core/errors.js';
import type { CallOptions, Provider } from '../../core/provider.js';
import { withDeadline } from '../shared/with-deadline.js';
import { generate } from './generate.js';
import { sharedModelPool, type ModelPool } from './model-pool.js';
import { PushQueue } from './push-queue.js';
import { rank } from './rank.js';
import { abortReason } from './request-queue.js';

export interface LlamaCppConfig {
  /** Path of the .gguf file (e.g. one fetched with `baimo models pull`). */
  modelPath: string;
  /** CPU threads per context. Default: 1 for files under 50 MB (tiny models are fastest single-threaded), else max(2, cores/2). */
  threads?: number;
  /** Tokens per sequence. Default 4096, capped by the model's training context. */
  contextSize?: number;
  /** Requests evaluated at once; further ones wait in FIFO order. Default 1. */
  concurrency?: number;
  /** Unload the model after this long without requests. Default 300000; 0 = never. */
  idleUnloadMs?: number;
  /** Only CPU inference is supported for now. */
  gpu?: false;
}

/** The embedded engine provider, plus control over when its model is in memory (the admin API uses it). */
export interface LlamaCppProvider extends Provider {
  /** Whether the model is in memory now (or being loaded). */
  readonly loaded: boolean;
  /** Loads the model now instead of on the first request; it still unloads after sitting idle. */
  load(): Promise<void>;
  /** Frees the model once no request uses it; the next request loads it again. */
  unload(): Promise<void>;
}

/** Errors thrown inside the engine become GatewayErrors naming this provider; aborts pass through. */
function mapError(name: string, err: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return abortReason(signal);
  const e =
    err instanceof GatewayError
      ? err
      : gatewayError('engine_error', `${name}: local engine failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  e.provider ??= name;
  return e;
}

export function createLlamaCppProvider(name: string, cfg: LlamaCppConfig, pool: ModelPool = sharedModelPool): LlamaCppProvider {
  const handle = pool.open({
    modelPath: cfg.modelPath,
    threads: cfg.threads,
    contextSize: cfg.contextSize,
    concurrency: cfg.concurrency,
    idleUnloadMs: cfg.idleUnloadMs,
  });
  const modelId = basename(cfg.modelPath).replace(/\.gguf$/i, '');

  async function chat(req: ChatRequest, callOpts: CallOptions): Promise<ChatResult> {
    const { opts, done } = withDeadline(name, callOpts);
    try {
      const lease = await handle.acquireChat(opts.signal);
      try {
        const r = await generate(lease, req, opts.signal);
        return {
          content: r.toolCalls.length > 0 && !r.text ? null : r.text,
          toolCalls: r.toolCalls,
          finishReason: r.finishReason,
          usage: r.usage,
          model: opts.model || modelId,
        };
      } finally {
        lease.release();
      }
    } catch (err) {
      throw mapError(name, err, opts.signal);
    } finally {
      done();
    }
  }

  async function* stream(req: ChatRequest, opts: CallOptions): AsyncGenerator<StreamPart> {
    // Our own controller also stops generation when the consumer stops reading early.
    const ctl = new AbortController();
    const onAbort = (): void => ctl.abort(abortReason(opts.signal));
    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });
    let lease;
    try {
      lease = await handle.acquireChat(ctl.signal);
    } catch (err) {
      opts.signal.removeEventListener('abort', onAbort);
      throw mapError(name, err, opts.signal);
    }
    const queue = new PushQueue<StreamPart>();
    const running = generate(lease, req, ctl.signal, (text) => queue.push({ type: 'text-delta', text })).then(
      (r) => {
        r.toolCalls.forEach((call, index) =>
          queue.push({ type: 'tool-call-delta', index, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments }),
        );
        queue.push({ type: 'usage', usage: r.usage, cumulative: true });
        queue.push({ type: 'finish', reason: r.finishReason });
        queue.end();
      },
      (err: unknown) => queue.fail(mapError(name, err, opts.signal)),
    );
    try {
      yield* queue;
    } finally {
      opts.signal.removeEventListener('abort', onAbort);
      if (!ctl.signal.aborted) ctl.abort(new DOMException('The stream consumer stopped reading', 'AbortError'));
      await running; // never rejects: failures went into the queue
      lease.release();
    }
  }

  async function embed(req: EmbedRequest, callOpts: CallOptions): Promise<EmbedResult> {
    const { opts, done } = withDeadline(name, callOpts);
    try {
      const lease = await handle.acquireEmbedding(opts.signal);
      try {
        const size = lease.model.embeddingVectorSize;
        if (req.dimensions != null && req.dimensions !== size) {
          throw badRequest(`this local model produces ${size}-dimensional embeddings`, 'dimensions');
        }
        const embeddings: number[][] = [];
        let promptTokens = 0;
        for (const [i, text] of req.input.entries()) {
          if (opts.signal.aborted) throw abortReason(opts.signal);
          const tokens = lease.model.tokenize(text);
          if (tokens.length === 0) throw badRequest(`input[${i}] is empty`, 'input');
          if (tokens.length > lease.contextSize) {
            throw badRequest(
              `input[${i}] is ${tokens.length} tokens; this local model embeds at most ${lease.contextSize}`,
              'input',
              'context_length_exceeded',
            );
          }
          promptTokens += tokens.length;
          const e = await lease.embedding.getEmbeddingFor(tokens);
          embeddings.push([...e.vector]);
        }
        return { embeddings, usage: { promptTokens }, model: opts.model || modelId };
      } finally {
        lease.release();
      }
    } catch (err) {
      throw mapError(name, err, opts.signal);
    } finally {
      done();
    }
  }

  /** Cross-encoder scores; a model without a classification head answers `rerank_unsupported` (400). */
  async function rerank(req: RerankRequest, callOpts: CallOptions): Promise<RerankResult> {
    const { opts, done } = withDeadline(name, callOpts);
    try {
      const lease = await handle.acquireRanking(opts.signal);
      try {
        const r = await rank(lease, req, opts.signal);
        return { results: r.results, usage: { promptTokens: r.promptTokens }, model: opts.model || modelId };
      } finally {
        lease.release();
      }
    } catch (err) {
      throw mapError(name, err, opts.signal);
    } finally {
      done();
    }
  }

  return {
    name,
    chat,
    stream,
    embed,
    rerank,
    listModels: async () => [modelId],
    close: () => handle.close(),
    get loaded() {
      return handle.isLoaded;
    },
    load: async () => {
      try {
        await handle.load();
      } catch (err) {
        throw mapError(name, err, new AbortController().signal);
      }
    },
    unload: () => handle.unload(),
  };
}
