import type { Cancellation } from './cancellation.js';
import type { ChatRequest, ChatResult, EmbedRequest, EmbedResult, RerankRequest, RerankResult, StreamPart } from './chat-types.js';

/** Limits one call to a provider must respect (all in milliseconds). */
export interface CallTimeouts {
  connect: number;
  firstByte: number;
  idle: number;
  total: number;
}

/** Per-call context passed from the router to an adapter. */
export interface CallOptions {
  /** The provider's own model id (already resolved from the alias). */
  model: string;
  signal: AbortSignal;
  /** The same cancellation as callbacks; cheaper than `signal` where an adapter only needs to stop. */
  cancellation?: Cancellation;
  timeouts: CallTimeouts;
  requestId: string;
}

/**
 * The single contract every adapter implements. Generic code (router, pipeline, server) only ever
 * talks to this interface and never asks which provider it is.
 */
export interface Provider {
  /** The configured instance name (e.g. `deepseek`, `local`). */
  readonly name: string;
  /**
   * Whole answer. Throws a GatewayError on failure (retryable ones are retried by the router).
   */
  chat(req: ChatRequest, opts: CallOptions): Promise<ChatResult>;
  /**
   * Streamed answer. Failures before the first part must throw from the first `next()` so the router
   * can retry; failures after it are yielded as an `error` part or thrown, and end the stream.
   */
  stream(req: ChatRequest, opts: CallOptions): AsyncIterable<StreamPart>;
  /** Embeddings, when the provider offers them. */
  embed?(req: EmbedRequest, opts: CallOptions): Promise<EmbedResult>;
  /** Document reranking, when the provider offers it. */
  rerank?(req: RerankRequest, opts: CallOptions): Promise<RerankResult>;
  /** Model ids the provider serves right now (for discovery); optional. */
  listModels?(signal?: AbortSignal): Promise<string[]>;
  /** Releases sockets, loaded models, timers. */
  close?(): Promise<void>;
}
