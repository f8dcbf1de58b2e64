import type { ChatRequest } from '../core/chat-types.js';
import type { Settlement, StageFacts } from '../core/stage.js';
import type { StoredAnswer } from '../core/stored-answer.js';
import type { GatewayEntry, GatewayStage } from '../gateway/pipeline.js';
import { cacheKey, isCacheable } from './cache-key.js';
import { decodeAnswer, encodeAnswer } from './cached-answer.js';
import type { CacheStore } from './cache-store.js';

/** The response header that says whether the cache answered. */
export const CACHE_HEADER = 'x-baimo-cache';

const HIT_FACTS: StageFacts = { cache: 'hit' };
const MISS_FACTS: StageFacts = { cache: 'miss' };
const HIT_HEADERS = { [CACHE_HEADER]: 'hit' };
const MISS_HEADERS = { [CACHE_HEADER]: 'miss' };

/**
 * The exact-match response cache as a request stage. A chat request uses it when `x-baimo-cache:
 * on|off` says so, else when its key (or the key's app) opted in; off by default. Answers are shared
 * only within one workspace. A hit answers without a call (later stages do not run; earlier ones,
 * like data security, still see the answer on its way out); a miss keeps the provider's complete
 * answer (raw: a replay goes through the earlier stages again).
 */
export function cacheStage(store: CacheStore, defaultTtlS: number): GatewayStage {
  return {
    name: 'cache',
    open(call) {
      if (call.endpoint !== 'chat') return undefined;
      const ctx = call.ctx;
      const on = ctx.cacheMode ? ctx.cacheMode === 'on' : ctx.key?.cache === true;
      const req = call.request as ChatRequest;
      if (!on || !isCacheable(req)) return undefined;
      const key = cacheKey(ctx.workspaceId ?? '_instance', req);
      const ttlMs = (ctx.key?.cacheTtlS ?? defaultTtlS) * 1000;
      return store.get(key).then(
        (raw) => {
          const hit = raw === undefined ? undefined : decodeAnswer(raw);
          return hit ? new HitEntry(hit) : new MissEntry(store, key, ttlMs);
        },
        () => new MissEntry(store, key, ttlMs),
      );
    },
  };
}

class HitEntry implements GatewayEntry {
  readonly headers = HIT_HEADERS;
  constructor(readonly answer: StoredAnswer) {}
  facts(): StageFacts {
    return HIT_FACTS;
  }
}

class MissEntry implements GatewayEntry {
  readonly headers = MISS_HEADERS;
  readonly wantsAnswer = true;
  constructor(
    private readonly store: CacheStore,
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  settle(s: Settlement<StoredAnswer>): void {
    if (s.answer) void this.store.set(this.key, encodeAnswer(s.answer), this.ttlMs).catch(() => undefined);
  }

  facts(): StageFacts {
    return MISS_FACTS;
  }
}
