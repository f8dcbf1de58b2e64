import type { ChatRequest, FinishReason } from '../../../../src/core/chat-types.js';
import type { Provider } from '../../../../src/core/provider.js';
import type { Responder, WireResponse } from './fake-upstream.js';

/** Where the fake upstream listens. */
export interface Upstream {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `ws://127.0.0.1:<port>` */
  wsOrigin: string;
}

/** A check that does not apply to an adapter, and why (printed by the suite). */
export interface Skip {
  skip: string;
}

export const isSkip = (x: object): x is Skip => 'skip' in x;

/** Token counts the wire reported, as the adapter must pass them on. */
export interface ExpectedUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ExpectedToolCall {
  name: string;
  /** The wire's id; omitted where the wire has none and the adapter makes one up. */
  id?: string;
  /** The joined argument fragments, parsed. */
  arguments: unknown;
}

/** One way the call can fail before its first part, and what the router must be told. */
export interface EarlyFailure {
  /** E.g. `HTTP 429`, `error frame 11202`. */
  name: string;
  serve?: WireResponse | Responder;
  /** A provider of its own (a credential failure that a cached token would hide, a missing model file). */
  create?: (up: Upstream) => Provider | Promise<Provider>;
  request?: ChatRequest;
  retryable: boolean;
  /** The status the client sees (400 makes the router stop at once: the request itself is wrong). */
  status?: number;
}

/**
 * One adapter under the conformance suite: how to build it against the fake upstream, which wire
 * fixtures play each scenario, and what the adapter must make of them. `serve` is omitted only for the
 * in-process engine, which has no wire.
 */
export interface AdapterCase {
  name: string;
  transport: 'http' | 'ws' | 'engine';
  /** The provider's own model id (`CallOptions.model`). */
  model: string;
  create(up: Upstream): Provider | Promise<Provider>;
  /** Requests around the call under test (ERNIE's OAuth token): answered here when this returns something. */
  auxiliary?: (req: { url: string }) => WireResponse | undefined;
  /** Frees what `create` set up (temporary model files). */
  dispose?: () => Promise<void>;
  /** The default request (a one-turn "Hello"). */
  request?: ChatRequest;

  /** Checks 1 and 3: a text answer streamed. */
  textStream: {
    serve?: WireResponse;
    request?: ChatRequest;
    /** The text-delta texts in order; omitted where the engine chooses its own pieces (then only `text` is compared). */
    deltas?: string[];
    text: string;
    finish: FinishReason;
    usage: ExpectedUsage;
  };
  /** Checks 2 and 3: tool calls streamed. */
  toolStream:
    | {
        serve: WireResponse;
        calls: ExpectedToolCall[];
        usage: ExpectedUsage;
      }
    | Skip;
  /** Check 4: the wire reports an error after some text. */
  midStreamError: { serve: WireResponse; textBefore: string } | Skip;
  /** Check 5: failures before the first part. At least one retryable and one not. */
  earlyFailures: EarlyFailure[];
  /** Check 6: the stream is held open after some text, then cancelled. */
  cancel: {
    serve?: WireResponse;
    request?: ChatRequest;
    /** For the engine (no socket): proves what the call held is free again. */
    released?: (provider: Provider) => Promise<void>;
  };
  /** Check 7: a whole answer. */
  whole: {
    serve?: WireResponse;
    request?: ChatRequest;
    content: string;
    finish: FinishReason;
    usage: ExpectedUsage;
  };
}
