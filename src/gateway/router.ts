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

/** Ends a target's hold on a concurrency slot and reports the outcome to its breaker. */
export interface Lease {
  /** Set by an attempt that keeps using the target after it returns (a stream): it releases itself. */
  deferred: boolean;
  release(outcome: 'success' | 'failure' | 'neutral'): void;
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
    cancellation: Cancellation,
    requestId: string,
    trace: RouteTrace,
    attempt: (target: Target, opts: CallOptions, lease: Lease) => Promise<T>,
    streaming = false,
    allow?: TargetFilter,
  ): Promise<T> {
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
          const lease = leaseFor(target);
          const { opts, done } = streaming
            ? callOptions(target, timeouts, cancellation, requestId)
            : { opts: new SharedCallOptions(target.model, timeouts, cancellation, requestId), done: noop };
          try {
            const value = await attempt(target, opts, lease);
            if (!lease.deferred) lease.release('success');
            done(lease.deferred);
            return value;
          } catch (e) {
            done(false);
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

function leaseFor(target: Target): Lease {
  target.inFlight++;
  let released = false;
  return {
    deferred: false,
    release(outcome) {
      if (released) return;
      released = true;
      target.inFlight--;
      if (outcome === 'success') target.breaker.onSuccess();
      else if (outcome === 'failure') target.breaker.onFailure();
      else target.breaker.onNeutral();
    },
  };
}

interface CallControl {
  /** Clears the total-timeout timer and stops listening to the client; idempotent. */
  cleanup: () => void;
  /** Cleans up, then aborts the attempt's signal. */
  abort: (reason: unknown) => void;
}
const calls = new WeakMap<CallOptions, CallControl>();

/**
 * One attempt's signal: the client's cancellation plus the total timeout. `done(keep)` clears the
 * timer unless the attempt goes on (a stream), which then owns `opts.signal` until it ends.
 */
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

function callOptions(
  target: Target,
  timeouts: CallTimeouts,
  client: Cancellation,
  requestId: string,
): { opts: CallOptions; done: (keep: boolean) => void } {
  const ctl = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // Every abort goes through `abort`, which cleans up first: cheaper than an abort listener on `ctl.signal`.
  let unsubscribe: () => void = noop;
  const cleanup = (): void => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    unsubscribe();
  };
  const abort = (reason: unknown): void => {
    cleanup();
    ctl.abort(reason);
  };
  timer = setTimeout(() => abort(timeoutTotal(target, timeouts.total)), timeouts.total);
  timer.unref();
  unsubscribe = client.onCancel(abort);
  const opts: CallOptions = { model: target.model, signal: ctl.signal, timeouts, requestId };
  calls.set(opts, { cleanup, abort });
  return {
    opts,
    done: (keep) => {
      if (!keep) cleanup();
    },
  };
}

/** Marks the end of a deferred attempt (a stream that finished): clears its total-timeout timer. */
export function finishCall(opts: CallOptions): void {
  calls.get(opts)?.cleanup();
}

/** Aborts a deferred attempt's upstream call (idle timeout, client gone). */
export function abortCall(opts: CallOptions, reason: Error): void {
  calls.get(opts)?.abort(reason);
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
