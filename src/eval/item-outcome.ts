import type { PromptMessage } from './prompt-message.js';

/** One model's answer to one prompt, made through the gateway (after any retries). */
export interface ModelAnswer {
  content: string;
  finishReason: string | null;
  /** The provider's refusal field (OpenAI's `refusal`), when it set one. */
  refusal: string | null;
  promptTokens: number;
  completionTokens: number;
  /** In the model's price currency (`currency`); 0 and null without a price. */
  cost: number;
  currency: 'CNY' | 'USD' | null;
  costCny: number;
  /** Of the attempt that answered. */
  latencyMs: number;
  /** Calls made for it (1 unless transient errors were retried; waits on 429 are not attempts). */
  attempts: number;
  /** The request id of the call that answered: the request log row's. */
  requestId: string;
}

/** Calls `model` through the gateway with the run's key; throws the call's GatewayError once retries are used up. */
export type CallModel = (model: string, messages: PromptMessage[], purpose: 'answer' | 'judge') => Promise<ModelAnswer>;

/** A finished item as the run stores it (eval_run_items without run, model, item and time). */
export interface ItemOutcome {
  status: 'ok' | 'error';
  /** 0..1; null on error. */
  score: number | null;
  detail: Record<string, unknown>;
  reply: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** The answer's tokens and cost, plus the judge's (see `detail.cost_includes_judge`). */
  promptTokens: number;
  completionTokens: number;
  cost: number;
  currency: string | null;
  costCny: number;
  /** The model's answer only (judge calls excluded). */
  latencyMs: number;
  attempts: number;
  requestId: string | null;
}

/** A scored outcome of an answer: its tokens, cost, latency and request id. */
export function answered(answer: ModelAnswer, score: number, detail: Record<string, unknown>): ItemOutcome {
  return {
    status: 'ok',
    score,
    detail,
    reply: answer.content,
    errorCode: null,
    errorMessage: null,
    promptTokens: answer.promptTokens,
    completionTokens: answer.completionTokens,
    cost: answer.cost,
    currency: answer.currency,
    costCny: answer.costCny,
    latencyMs: answer.latencyMs,
    attempts: answer.attempts,
    requestId: answer.requestId || null,
  };
}

/** An item that failed for good: the code and message, and what was spent on it before it failed. */
export function failed(code: string, message: string, spent?: ModelAnswer, detail: Record<string, unknown> = {}): ItemOutcome {
  return {
    status: 'error',
    score: null,
    detail,
    reply: spent?.content ?? null,
    errorCode: code,
    errorMessage: message.slice(0, 2000),
    promptTokens: spent?.promptTokens ?? 0,
    completionTokens: spent?.completionTokens ?? 0,
    cost: spent?.cost ?? 0,
    currency: spent?.currency ?? null,
    costCny: spent?.costCny ?? 0,
    latencyMs: spent?.latencyMs ?? 0,
    attempts: spent?.attempts ?? 1,
    requestId: spent?.requestId ?? null,
  };
}

/**
 * What a judge call adds to an item: its tokens and its cost in CNY always; its cost in the item's
 * currency when the currencies agree (or the answer had none). `detail.judge` records the judge's own
 * figures and `detail.cost_includes_judge` says what was added.
 */
export function addJudgeCost(out: ItemOutcome, judge: ModelAnswer): ItemOutcome {
  const sameCurrency = out.currency === null || judge.currency === null || out.currency === judge.currency;
  return {
    ...out,
    promptTokens: out.promptTokens + judge.promptTokens,
    completionTokens: out.completionTokens + judge.completionTokens,
    costCny: out.costCny + judge.costCny,
    cost: sameCurrency ? out.cost + judge.cost : out.cost,
    currency: out.currency ?? judge.currency,
    detail: {
      ...out.detail,
      cost_includes_judge: sameCurrency ? 'tokens, cost and cost_cny' : 'tokens and cost_cny (the judge is priced in another currency)',
    },
  };
}

/** The judge's figures kept in an item's detail. */
export function judgeFigures(judge: ModelAnswer): Record<string, unknown> {
  return {
    request_id: judge.requestId,
    prompt_tokens: judge.promptTokens,
    completion_tokens: judge.completionTokens,
    cost: judge.cost,
    currency: judge.currency,
    cost_cny: judge.costCny,
    latency_ms: judge.latencyMs,
  };
}

/**
 * A judge call failed for good after the model answered: the answer (paid for) and what the detail
 * holds so far travel with it, so the item is stored with them.
 */
export class JudgeCallFailed extends Error {
  constructor(
    readonly error: unknown,
    readonly answer: ModelAnswer,
    readonly detail: Record<string, unknown>,
  ) {
    super(`the judge call failed: ${error instanceof Error ? error.message : String(error)}`);
    this.name = 'JudgeCallFailed';
  }
}
