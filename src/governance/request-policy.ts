import { cacheKey, isCacheable } from '../cache/cache-key.js';
import { decodeAnswer, encodeAnswer, type CachedAnswer } from '../cache/cached-answer.js';
import type { CacheStore } from '../cache/cache-store.js';
import type { ChatRequest } from '../core/chat-types.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { Route } from '../gateway/target.js';
import type { Enforcer, Ticket } from './enforcer.js';
import type { PriceBook } from './price-book.js';

const NOOP_TICKET: Ticket = { settle: () => undefined };

export interface CachePlan {
  key: string;
  ttlMs: number;
}

/**
 * What governance adds to a call: the key's limits (admission and settlement), prices, and the
 * exact-match response cache. Requests made with the admin token pass admission untouched.
 */
export class RequestPolicy {
  constructor(
    private readonly enforcer: Enforcer | undefined,
    private readonly cacheStore: CacheStore,
    private readonly pricesNow: () => PriceBook,
    private readonly defaultTtlS: number,
  ) {}

  get prices(): PriceBook {
    return this.pricesNow();
  }

  admit(ctx: RequestContext, model: string, route: Route, estimate: () => number): Promise<Ticket> | Ticket {
    if (!ctx.key || !this.enforcer) return NOOP_TICKET;
    return this.enforcer.admit(ctx.key, model, route, estimate());
  }

  /**
   * Whether this request uses the cache: `x-baimo-cache: on|off` decides when sent, else the key's
   * (or its app's) setting; off by default. Answers are shared only within one workspace.
   */
  cachePlan(ctx: RequestContext, req: ChatRequest): CachePlan | undefined {
    const on = ctx.cacheMode ? ctx.cacheMode === 'on' : ctx.key?.cache === true;
    if (!on || !isCacheable(req)) return undefined;
    const ttlS = ctx.key?.cacheTtlS ?? this.defaultTtlS;
    return { key: cacheKey(ctx.workspaceId ?? '_instance', req), ttlMs: ttlS * 1000 };
  }

  async lookup(plan: CachePlan): Promise<CachedAnswer | undefined> {
    const raw = await this.cacheStore.get(plan.key).catch(() => undefined);
    return raw === undefined ? undefined : decodeAnswer(raw);
  }

  remember(plan: CachePlan, answer: CachedAnswer): void {
    void this.cacheStore.set(plan.key, encodeAnswer(answer), plan.ttlMs).catch(() => undefined);
  }
}
