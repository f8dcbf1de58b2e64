import { performance } from 'node:perf_hooks';
import type { ChatRequest } from '../core/chat-types.js';
import type { KeyPolicy } from '../core/key-policy.js';
import { GatewayError, timeoutError, toGatewayError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import { backoffDelay } from '../gateway/backoff.js';
import type { ChatOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { AimdLane } from './aimd-lane.js';
import { keyCallContext } from './eval-key.js';
import type { CallModel, ModelAnswer } from './item-outcome.js';
import type { Suite } from './suite.js';

/** Calls a model gets for one prompt when it fails with transient errors (5xx, timeouts, connection). */
export const EVAL_CALL_ATTEMPTS = 3;
/** The longest wait after a 429 (a `retry-after` beyond it is cut to it). */
export const RATE_LIMIT_WAIT_CAP_MS = 120_000;

/** What the caller needs: the gateway's chat call, the key's policy, the suite's parameters, the lanes. */
export interface GatewayCallerOptions {
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  /** The run key's policy as it is now (limits changed during a run apply). */
  policy(): KeyPolicy | Promise<KeyPolicy>;
  parameters: Suite['parameters'];
  /** Per call (the suite's `timeout_s`). */
  timeoutMs: number;
  /** The job's: aborting it cancels calls under way and stops waits. */
  signal: AbortSignal;
  /** The lane a model's calls go through (its concurrency, cut on 429s); judge calls have their own. */
  lane(model: string, purpose: 'answer' | 'judge'): AimdLane;
  /** Waits (tests shorten them). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** A rate limit worth waiting out: the key's RPM/TPM, a provider's, a target at its concurrency. A used-up quota or budget is not. */
export function isRateLimited(err: GatewayError): boolean {
  return err.status === 429 && err.type !== 'insufficient_quota' && err.code !== 'insufficient_quota';
}

const FATAL_CODES = new Set([
  'model_not_found',
  'model_not_allowed',
  'model_price_unknown',
  'insufficient_quota',
  'data_routing_blocked',
  'provider_misconfigured',
  'upstream_auth_failed',
  'upstream_401',
  'upstream_403',
  'ernie_missing_credentials',
  'ernie_auth_failed',
  'app_forbidden',
]);

/**
 * A failure that every later call of the model would repeat: an unknown model or one the key may not
 * use, the key refused (401/403: revoked, disabled, expired), a used-up quota or budget, a provider
 * refusing baimo's credentials, a data-routing policy allowing none of its targets.
 */
export function isFatalForModel(err: GatewayError): boolean {
  return err.status === 401 || err.status === 403 || (err.code !== null && FATAL_CODES.has(err.code));
}

/** A failure another attempt may not meet: 5xx, 408, timeouts, an unreachable provider. */
export function isTransientError(err: GatewayError): boolean {
  if (isFatalForModel(err) || err.status === 429) return false;
  return err.retryable || err.status === 408 || err.status >= 500;
}

/** Calls made for the prompt whose failure `err` is (1 for an error thrown at once). */
const attemptsOf = new WeakMap<GatewayError, number>();

/** The calls a failed {@link CallModel} call made before it gave up. */
export function callAttempts(err: unknown): number {
  return (err instanceof GatewayError && attemptsOf.get(err)) || 1;
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The {@link CallModel} of a run: each call through the gateway (`Gateway.chat`) with the run key's
 * context (its limits, allow-list, policies and logs apply; the response cache off) and the suite's
 * parameters, within its lane's concurrency. A 429 that is a rate limit waits (`retry-after` when
 * given, else exponential backoff with jitter; at most {@link RATE_LIMIT_WAIT_CAP_MS}) and cuts the
 * lane's concurrency; it is not an attempt and never fails the call. Transient failures are retried,
 * {@link EVAL_CALL_ATTEMPTS} calls in all; anything else is thrown at once. When the job's signal
 * aborts, its reason is thrown.
 */
export function gatewayCaller(o: GatewayCallerOptions): CallModel {
  const sleep = o.sleep ?? sleepFor;
  const random = o.random ?? Math.random;
  const p = o.parameters;
  const params: Partial<ChatRequest> = { temperature: p.temperature };
  if (p.top_p !== undefined) params.top_p = p.top_p;
  if (p.max_tokens !== undefined) params.max_tokens = p.max_tokens;
  if (p.seed !== undefined) params.seed = p.seed;
  if (p.stop !== undefined) params.stop = p.stop;

  return async (model, messages, purpose): Promise<ModelAnswer> => {
    const lane = o.lane(model, purpose);
    const req: ChatRequest = { model, messages: messages.map((m) => ({ role: m.role, content: m.content })), stream: false, ...params };
    let attempts = 0;
    let waits = 0;
    let wait = 0;
    for (;;) {
      if (wait > 0) await sleep(wait, o.signal);
      o.signal.throwIfAborted();
      const policy = await o.policy();
      await lane.acquire(o.signal);
      const requestId = newRequestId();
      const call = keyCallContext(policy, { requestId, signal: o.signal, timeoutMs: o.timeoutMs });
      const started = performance.now();
      try {
        const out = await o.chat(req, call.ctx);
        lane.succeeded();
        return {
          content: out.result.content ?? '',
          finishReason: out.result.finishReason ?? null,
          refusal: out.result.refusal ?? null,
          promptTokens: out.usage.promptTokens,
          completionTokens: out.usage.completionTokens,
          cost: out.cost.amount,
          currency: out.cost.currency,
          costCny: out.cost.cny,
          latencyMs: Math.round(performance.now() - started),
          attempts: attempts + 1,
          requestId,
        };
      } catch (raw) {
        if (o.signal.aborted) throw o.signal.reason;
        const err = call.timedOut() ? timeoutError('baimo', 'total', o.timeoutMs) : toGatewayError(raw);
        if (isRateLimited(err)) {
          lane.rateLimited();
          wait =
            err.retryAfter !== undefined && err.retryAfter > 0
              ? Math.min(RATE_LIMIT_WAIT_CAP_MS, err.retryAfter * 1000 + Math.round(random() * 250))
              : backoffDelay(waits, 500, 30_000, random);
          waits++;
          continue;
        }
        attempts++;
        if (!isTransientError(err) || attempts >= EVAL_CALL_ATTEMPTS) {
          attemptsOf.set(err, attempts);
          throw err;
        }
        wait = backoffDelay(attempts - 1, 500, 10_000, random);
      } finally {
        call.done();
        lane.release();
      }
    }
  };
}
