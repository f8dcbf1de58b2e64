import type { ChatResult, FinishReason, StreamPart, Usage } from './chat-types.js';
import type { Cost } from './cost.js';
import type { GatewayError } from './errors.js';

/**
 * A request stage: one concern of the request path (limits and quotas, the response cache, data
 * security and compliance; later knowledge retrieval and scenario apps) that the gateway's pipeline
 * runs around every model call. A stage lives in its own folder and is registered by the runtime in
 * one line; the gateway knows only this contract.
 *
 * `open` runs before the call, in registration order, and returns what the stage adds to it (a
 * changed request, a target filter, a stored answer that makes the call unnecessary, headers, log
 * facts) and the hooks it wants later: once the answering target is known, over the answer (whole or
 * as a stream of parts, in reverse order: the stage nearest the provider sees it first), and when the
 * call is settled. Stages return what they add; they never write the request's context.
 *
 * The contract is generic over the gateway's own types (the call, the target, the stored answer), so
 * that `core` depends on nothing else: `gateway/pipeline.ts` binds it.
 */
export interface Stage<Call, Req, Target, Answer> {
  readonly name: string;
  /**
   * Before the call. Undefined when the stage has nothing to do for this call (the common case costs
   * nothing). Synchronous whenever it can be: the pipeline stays synchronous until a stage returns a
   * promise. Throws a GatewayError to refuse the call (with `facts` for the request log).
   */
  open(call: Call): StageEntry<Call, Req, Target, Answer> | undefined | Promise<StageEntry<Call, Req, Target, Answer> | undefined>;
}

/** What a stage adds to the log row of the request (the gateway writes them to their columns). */
export interface StageFacts {
  /** The response cache was consulted. */
  cache?: 'hit' | 'miss';
  /** What the data-security policies found or decided (JSON), when they did something. */
  compliance?: string;
  /** The signed implicit AIGC label of the answer (header form). */
  aigcLabel?: string;
  /** The scenario app and version the request ran (`app:{slug}`, `/v1/apps/{slug}/run`). */
  app?: { slug: string; version: number };
}

/** What a stage adds to the answer the client gets, and to its log row. */
export interface StageAdditions {
  headers?: Readonly<Record<string, string>>;
  /** Extra top-level fields of the rendered answer: name → JSON text (the AIGC label's `aigc_label`). */
  fields?: Readonly<Record<string, string>>;
  facts?: StageFacts;
}

/** Rewrites a streamed answer on its way to the client (pseudonyms restored, output moderated…). */
export interface PartsTransform {
  /** The parts to send for one part of the answer (none, itself, or others). */
  push(part: StreamPart): Iterable<StreamPart>;
  /** The parts that end the answer, its `finish` part last. */
  finish(reason: FinishReason, usage: Usage): Iterable<StreamPart>;
  /** Set when the transform stopped the answer: the rest is not read, it ends with `content_filter`. */
  readonly cut: unknown;
}

/** How a call ended, for the stages that settle something. */
export interface Settlement<Answer> {
  /** Tokens and cost of the call; undefined when it failed or a stored answer was served. */
  usage?: Usage;
  cost?: Cost;
  /** The provider's complete answer, when a stage asked for it (`wantsAnswer`) and there was one. */
  answer?: Answer;
}

/** What a stage adds to one call, and the hooks it wants later; every field optional. */
export interface StageEntry<Call, Req, Target, Answer> extends Omit<StageAdditions, 'facts'> {
  /** The request to send instead (masked, augmented…); later stages see this one. */
  request?: Req;
  /** Which targets may receive the request (data routing): true, or the error to answer with. */
  allow?: (target: Target) => true | GatewayError;
  /** An answer that makes the call unnecessary (a cache hit): later stages and the call are skipped. */
  answer?: Answer;
  /** `settle` needs the provider's complete answer (the cache keeps it). */
  wantsAnswer?: boolean;
  /** The answer's author is known (`provider/model`, or the model asked for): what to add for it. */
  answered?(by: string, call: Call): StageAdditions | undefined;
  /** A whole answer on its way to the client. */
  result?(result: ChatResult): ChatResult;
  /** A streamed answer on its way to the client. */
  parts?: PartsTransform;
  /**
   * Fields known once the answer is complete (name → JSON text; the knowledge stage's `citations`):
   * top-level fields of a whole answer, and fields of a stream's final chunk (the one with its
   * `finish_reason`). Read once, after `result` or the last part went through the stage.
   */
  trailer?(): Readonly<Record<string, string>> | undefined;
  /** The call failed after this stage opened (the router refused it, the provider failed…). */
  failed?(err: GatewayError, call: Call): void;
  /** The call is over: what it used, and its answer when asked for. */
  settle?(s: Settlement<Answer>): void;
  /** Read once, when the request's log row is written (a stage's findings may grow until then). */
  facts?(): StageFacts | undefined;
}
