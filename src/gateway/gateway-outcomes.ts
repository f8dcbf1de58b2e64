import type { ChatResult, EmbedResult, RerankResult, StreamPart, Usage } from '../core/chat-types.js';
import type { Cost } from '../core/cost.js';
import type { RequestLogRow } from '../core/request-log-row.js';
import type { GatewayStage } from './pipeline.js';
import type { Target } from './target.js';

/** What the gateway is made with, and what each of its calls gives back. */

export interface GatewaySettings {
  storeBodies: boolean;
  /** Sees every log row as it is written (metrics). */
  observe?: (row: RequestLogRow) => void;
  /** What a call cost (the price book). */
  price: (target: Target | undefined, routeName: string, usage: Usage) => Cost;
  /** The request stages, in order (limits, cache, data security…): see `core/stage.ts`. */
  stages?: readonly GatewayStage[];
}

/** Where log rows go (the batched writer). */
export interface LogSink {
  write(row: RequestLogRow): void;
}

/** What the stages add to an answer: response headers and extra top-level fields (JSON text). */
export interface AnswerAdditions {
  headers?: Readonly<Record<string, string>>;
  fields?: Readonly<Record<string, string>>;
}

export interface ChatOutcome extends AnswerAdditions {
  result: ChatResult;
  usage: Usage;
  cost: Cost;
}

export interface StreamOutcome extends AnswerAdditions {
  /** The answer's parts; failures after the first part arrive as an `error` part, `finish` comes last. */
  parts: AsyncGenerator<StreamPart>;
}

export interface EmbedOutcome extends AnswerAdditions {
  result: EmbedResult;
  usage: { promptTokens: number; estimated?: boolean };
  /** What the call cost (the classifier of usage analytics keeps its own cost apart). */
  cost: Cost;
}

export interface RerankOutcome extends AnswerAdditions {
  result: RerankResult;
  usage: { promptTokens: number; estimated?: boolean };
  cost: Cost;
}
