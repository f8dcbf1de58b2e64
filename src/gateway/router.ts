import { gatewayError } from '../core/error-codes.js';
import { GatewayError, modelNotAllowed, notFound, toGatewayError } from '../core/errors.js';
import type { GlobList } from '../core/glob.js';
import { LIMITS, truncateForLog } from '../core/limits.js';
import { redactSecrets } from '../core/redact-secrets.js';
import type { Cancellation } from '../core/cancellation.js';
import type { CallOptions, CallTimeouts } from '../core/provider.js';
import { backoffDelay, sleep } from './backoff.js';
import type { Route, Target } from './target.js';
import { weightedOrder } from './weighted-order.js';

/** What the router tells the caller about its work (for the request log), filled in as it goes. */
export interface RouteTrace {
  attempts: number;
  target?: Target;
  /**
   * The attempts that failed, in order; created on the first failure only, so a call that succeeds at
   * once allocates nothing. The request log keeps it when the call took more than one attempt.
   */
  failed?: FailedAttempt[];
}

/** One failed upstream attempt, as the request log shows it (`attempts_detail`). */
export interface FailedAttempt {
  provider: string;
  model: string;
  status: number;
  error_type: string;
  /** At most 200 characters, credentials masked. */
  error_message: string;
  latency_ms: number;
}

/**
 * One attempt's hold on a target: a concurrency slot, and the breaker that hears how it went. An
 * attempt that goes on after it returns (a stream) calls `keep()`; whoever reads it to the end then
 * calls `finish()` and `release()`, or `abort()` to stop it early.
 */
export interface Lease {
  /** The attempt goes on after it returns: the router neither releases it nor clears its timer. */
  keep(): void;
  /** The attempt ended: clears its total-timeout timer and stops listening to the client. */
  finish(): void;
  /** Stops the attempt: aborts its signal (an idle stream, a client that left). */
  abort(reason: unknown): void;
  /** Frees the slot and tells the breaker the outcome; only the first call counts. */
  release(outcome: 'success' | 'failure' | 'neutral'): void;
}

/** How one call runs over a route. */
export interface ExecuteOptions {
  cancellation: Cancellation;
  requestId: string;
  /** Filled in as the call goes (attempts, the target that answered, the failures). */
  trace: RouteTrace;
  /** Attempts that go on after they return (streams) get a signal and a total-timeout timer of their own. */
  streaming?: boolean;
  /** Data-routing policy: which targets may receive the request. */
  allow?: TargetFilter;
}

/**
 * Decides whether a request may go to a target (data-routing policies): `true`, or the error to
 * answer with when no target of the route or its fallbacks is allowed.
 */
export type TargetFilter = (target: Target) => true | GatewayError;

export interface RouterSettings {
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Looks up a route by alias, `provider/model` or a bare catalog model id. */
  lookup: (name: string) => Route | undefined;
  /** The route name `lookup` would give `name`, without building a route (for allow-list checks). */
  routeName?: (name: string) => string;
}

/** Statuses that say the request itself is wrong: no other target will do better. */
const CLIENT_FAULT = new Set([400, 413, 422]);

/**
 * Runs one call over a route: weighted choice among healthy targets, retries with backoff on
 * retryable failures, then the fallback routes in order. Circuit breakers and per-target
 * concurrency limits decide which targets are eligible.
 */
export class Router {
  constructor(private readonly s: RouterSettings) {}

  /** The route name `name` resolves to, without building anything. */
  routeName(name: string): string {
    return this.s.routeName ? this.s.routeName(name) : name;
  }

  /**
   * The route for `name`. With a key's model allow-list (`allowed`), a name the key may not use is
   * refused before any route is built or cached for it.
   */
  resolve(name: string, allowed?: GlobList | null): Route {
    if (allowed && !allowed.matches(name) && !allowed.matches(this.routeName(name))) throw modelNotAllowed(name);
    const route = this.s.lookup(name);
    if (!route) {
      throw notFound(
        `The model \`${truncateForLog(name, LIMITS.modelName)}\` does not exist or you do not have access to it. Use an alias from GET /v1/models or provider/model.`,
        'model_not_found',
        'model',
      );
    }
    return route;
  }

  /**
   * `streaming` attempts get a signal of their own (the router aborts them on the total timeout, the
   * gateway on an idle gap). Whole-answer attempts share the request's signal: adapters bound them by
   * `timeouts.total` themselves (undici's timers for HTTP), which spares two EventTarget listeners and
   * a timer per request on the hot path.
   */
  async execute<T>(
    route: Route,
    attempt: (target: Target, opts: CallOptions, lease: Lease) => Promise<T>,
    options: ExecuteOptions,
  ): Promise<T> {
    const { cancellation, requestId, trace, streaming, allow } = options;
    let lastError: GatewayError | undefined;
    let refused: GatewayError | undefined;
    const visited = new Set<string>();
    const chain: Route[] = [route];
    for (let r = 0; r < chain.length; r++) {
      const current = chain[r];
      visited.add(current.name);
      for (const { target, timeouts } of weightedOrder(current.targets)) {
        if (allow) {
          const why = allow(target);
          if (why !== true) {
            refused ??= why;
            continue;
          }
        }
        for (let n = 0; n <= current.retries; n++) {
          if (cancellation.cancelled) throw lastError ?? cancelled();
          if (target.inFlight >= target.maxConcurrency) {
            lastError ??= busy(target);
            break;
          }
          if (!target.breaker.tryAcquire()) {
            lastError ??= circuitOpen(target);
            break;
          }
          trace.attempts++;
          trace.target = target;
          const started = performance.now();
          const lease = new TargetLease(target);
          const opts = streaming
            ? lease.control(target, timeouts, cancellation, requestId)
            : new SharedCallOptions(target.model, timeouts, cancellation, requestId);
          try {
            const value = await attempt(target, opts, lease);
            if (!lease.kept) {
              lease.release('success');
              lease.finish();
            }
            return value;
          } catch (e) {
            lease.finish();
            // Providers echo credentials in their errors: mask this provider's own before anyone sees it.
            const err = target.redactor.scrub(toGatewayError(e));
            if (cancellation.cancelled) {
              lease.release('neutral');
              throw err;
            }
            lease.release(err.retryable || err.status >= 500 ? 'failure' : 'neutral');
            lastError = err;
            (trace.failed ??= []).push(failedAttempt(target, err, started));
            if (CLIENT_FAULT.has(err.status)) throw err;
            if (!err.retryable) break; // 401/403/404 upstream: this target is wrong, try the next one
            if (n < current.retries) await sleep(this.waitBefore(n, err), cancellation);
          }
        }
      }
      for (const f of current.fallbacks) {
        if (visited.has(f)) continue;
        const next = this.s.lookup(f);
        if (next) chain.push(next);
      }
    }
    throw lastError ?? refused ?? gatewayError('no_target', `No target is available for \`${route.name}\``);
  }

  private waitBefore(attempt: number, err: GatewayError): number {
    const backoff = backoffDelay(attempt, this.s.backoffBaseMs, this.s.backoffMaxMs);
    // Honour a short retry-after; a long one is the client's business (we return it to them).
    if (err.retryAfter !== undefined && err.retryAfter * 1000 <= this.s.backoffMaxMs) return Math.max(backoff, err.retryAfter * 1000);
    return backoff;
  }
}

const noop = (): void => undefined;

function failedAttempt(target: Target, err: GatewayError, started: number): FailedAttempt {
  return {
    provider: target.providerName,
    model: target.model,
    status: err.status,
    error_type: err.type,
    error_message: redactSecrets(err.message).slice(0, 200),
    latency_ms: Math.round(performance.now() - started),
  };
}

/** A lease on a target; a streaming attempt's lease also owns its signal and total-timeout timer. */
class TargetLease implements Lease {
  kept = false;
  private released = false;
  private timer: NodeJS.Timeout | undefined;
  private ctl: AbortController | undefined;
  private unsubscribe: () => void = noop;

  constructor(private readonly target: Target) {
    target.inFlight++;
  }

  /**
   * The options of a streaming attempt: the client's cancellation plus the total timeout, on a signal
   * of the attempt's own. Every abort goes through `abort`, which cleans up first: cheaper than an
   * abort listener on the signal.
   */
  control(target: Target, timeouts: CallTimeouts, client: Cancellation, requestId: string): CallOptions {
    const ctl = (this.ctl = new AbortController());
    this.timer = setTimeout(() => this.abort(timeoutTotal(target, timeouts.total)), timeouts.total);
    this.timer.unref();
    this.unsubscribe = client.onCancel((reason) => this.abort(reason));
    return { model: target.model, signal: ctl.signal, timeouts, requestId };
  }

  keep(): void {
    this.kept = true;
  }

  finish(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe();
  }

  abort(reason: unknown): void {
    this.finish();
    this.ctl?.abort(reason);
  }

  release(outcome: 'success' | 'failure' | 'neutral'): void {
    if (this.released) return;
    this.released = true;
    this.target.inFlight--;
    if (outcome === 'success') this.target.breaker.onSuccess();
    else if (outcome === 'failure') this.target.breaker.onFailure();
    else this.target.breaker.onNeutral();
  }
}

/**
 * A whole-answer attempt's options: the request's own cancellation, its AbortSignal made only if an
 * adapter asks for one. A class, because object literals with getters are slow to create.
 */
class SharedCallOptions implements CallOptions {
  constructor(
    readonly model: string,
    readonly timeouts: CallTimeouts,
    readonly cancellation: Cancellation,
    readonly requestId: string,
  ) {}

  get signal(): AbortSignal {
    return this.cancellation.signal;
  }
}

function timeoutTotal(target: Target, ms: number): GatewayError {
  return gatewayError('total_timeout', `${target.providerName}: total timeout after ${ms} ms`, { provider: target.providerName });
}

function busy(target: Target): GatewayError {
  return gatewayError('concurrency_limit', `${target.key} is at its concurrency limit (${target.maxConcurrency}); try again shortly`, {
    provider: target.providerName,
    retryAfter: 1,
  });
}

function circuitOpen(target: Target): GatewayError {
  return gatewayError('circuit_open', `${target.key} is temporarily unavailable after repeated failures (circuit open); try again later`, {
    provider: target.providerName,
    retryAfter: 5,
  });
}

function cancelled(): GatewayError {
  return gatewayError('cancelled', 'Request cancelled by the client');
}
