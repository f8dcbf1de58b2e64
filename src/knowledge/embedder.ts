import { Cancellation } from '../core/cancellation.js';
import { GatewayError } from '../core/errors.js';
import type { Gateway } from '../gateway/gateway.js';
import type { RequestContext } from '../gateway/request-context.js';

/** Who a knowledge-base model call is made for: logged and costed under this workspace and request id. */
export interface ModelCall {
  workspaceId: string;
  requestId: string;
  signal?: AbortSignal;
}

/** Turns texts into vectors with a model (an alias or provider/model). */
export interface Embedder {
  embed(model: string, texts: string[], call: ModelCall): Promise<number[][]>;
  /** Throws the router's GatewayError (`model_not_found`, `model_not_allowed`) when the model cannot be called. */
  check?(model: string): void;
}

/** Scores documents against a query with a rerank model; results most relevant first. */
export interface Reranker {
  rerank(model: string, query: string, documents: string[], call: ModelCall): Promise<Array<{ index: number; relevanceScore: number }>>;
}

/**
 * A call baimo makes for a knowledge base: no API key (no key limits), no response cache, under the
 * base's workspace so its policies, routing, logging and cost apply. Aborted with `signal`.
 */
function systemContext(call: ModelCall): { ctx: RequestContext; done: () => void } {
  const cancellation = new Cancellation();
  const signal = call.signal;
  const onAbort = () => cancellation.cancel(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const ctx: RequestContext = {
    requestId: call.requestId,
    startedAt: Date.now(),
    cancellation,
    keyId: null,
    workspaceId: call.workspaceId,
    appId: null,
    sessionId: null,
    userId: null,
    clientIp: null,
    key: null,
    cacheMode: 'off',
  };
  return { ctx, done: () => signal?.removeEventListener('abort', onAbort) };
}

/** Embeddings through the gateway (`Gateway.embed`): routing, policies, logging and cost apply. */
export function gatewayEmbedder(gateway: Gateway): Embedder {
  return {
    async embed(model, texts, call) {
      const { ctx, done } = systemContext(call);
      try {
        const { result } = await gateway.embed({ model, input: texts }, ctx);
        return result.embeddings;
      } finally {
        done();
      }
    },
    check(model) {
      gateway.router.resolve(model);
    },
  };
}

/** Reranking through the gateway (`Gateway.rerank`). */
export function gatewayReranker(gateway: Gateway): Reranker {
  return {
    async rerank(model, query, documents, call) {
      const { ctx, done } = systemContext(call);
      try {
        const { result } = await gateway.rerank({ model, query, documents }, ctx);
        return result.results;
      } finally {
        done();
      }
    },
  };
}

/** Whether a model call failed for a reason that may pass: rate limits, timeouts, 5xx, an unreachable provider. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof GatewayError)) return false;
  return err.retryable || err.status === 408 || err.status === 429 || err.status >= 500;
}
