import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Calendar } from '../../src/core/calendar.js';
import { GatewayError } from '../../src/core/errors.js';
import { GlobList } from '../../src/core/glob.js';
import type { Route } from '../../src/gateway/target.js';
import { Enforcer, type Ticket } from '../../src/governance/enforcer.js';
import type { KeyPolicy } from '../../src/governance/key-policy.js';
import type { LimitStore } from '../../src/governance/limits/limit-store.js';
import { MemoryLimitStore } from '../../src/governance/limits/memory-limit-store.js';
import { PriceBook } from '../../src/governance/price-book.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { UsageRepository } from '../../src/store/usage-repository.js';

// The enforcer admits synchronously when the limit store is in memory and through promises
// otherwise (Redis); both paths must refuse the same calls, and the limit-store keys it caches per
// key policy must move on when the quota's period does.

let database: OpenedDatabase;
beforeAll(async () => {
  database = await openDatabase(':memory:');
});
afterAll(async () => {
  await database?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const route: Route = { name: 'chat', targets: [], fallbacks: [], retries: 0 };
const usage = (tokens: number) => ({ promptTokens: tokens, completionTokens: 0, cachedTokens: 0 });

function policy(over: Partial<KeyPolicy>): KeyPolicy {
  return {
    id: 'key_enforcer_test',
    name: 't',
    workspaceId: 'ws_default',
    appId: null,
    models: null,
    rpm: null,
    tpm: null,
    tokenQuota: null,
    tokenQuotaPeriod: 'day',
    budget: null,
    budgetCurrency: 'CNY',
    budgetPeriod: 'month',
    expiresAt: null,
    enabled: true,
    revoked: false,
    cache: null,
    cacheTtlS: null,
    ...over,
  };
}

/** The memory store as a store without the synchronous shortcut: the enforcer takes its promise path. */
function asyncOnly(store: MemoryLimitStore): LimitStore {
  return {
    kind: 'memory',
    admit: (req) => store.admit(req),
    adjust: (changes) => store.adjust(changes),
    peek: (key) => store.peek(key),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

const paths = [
  { name: 'synchronous (memory store)', make: (s: MemoryLimitStore): LimitStore => s, sync: true },
  { name: 'promise (a store without `sync`)', make: asyncOnly, sync: false },
];

describe.each(paths)('Enforcer, $name path', ({ make, sync }) => {
  function enforcer(): Enforcer {
    const store = new MemoryLimitStore({ sweepIntervalMs: 0 });
    return new Enforcer({
      store: make(store),
      prices: () => new PriceBook([], 7.2),
      calendar: new Calendar('Asia/Shanghai'),
      usage: new UsageRepository(database),
      lookup: () => undefined,
    });
  }

  async function admit(e: Enforcer, key: KeyPolicy, est: number): Promise<Ticket | GatewayError> {
    try {
      const t = e.admit(key, 'chat', route, est);
      expect(t instanceof Promise).toBe(!sync);
      return await t;
    } catch (err) {
      return err as GatewayError;
    }
  }

  it('a daily token quota closes within the day and opens again after local midnight', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-28T23:58:00+08:00'));
    const e = enforcer();
    const key = policy({ tokenQuota: 30 });
    for (let i = 0; i < 2; i++) {
      const t = await admit(e, key, 20);
      expect(t).not.toBeInstanceOf(GatewayError);
      (t as Ticket).settle(usage(20), undefined);
    }
    const refused = await admit(e, key, 20);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).status).toBe(429);
    expect((refused as GatewayError).type).toBe('insufficient_quota');

    vi.setSystemTime(new Date('2026-11-29T00:00:30+08:00'));
    const nextDay = await admit(e, key, 20);
    expect(nextDay).not.toBeInstanceOf(GatewayError);
  });

  it('RPM refuses the call past the limit with a retry-after, and a new policy object keeps the count', async () => {
    const e = enforcer();
    for (let i = 0; i < 3; i++) expect(await admit(e, policy({ rpm: 3 }), 1)).not.toBeInstanceOf(GatewayError);
    // Re-read policies are new objects (the key directory refreshes them): the bucket is the key's, not the object's.
    const refused = await admit(e, policy({ rpm: 3 }), 1);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).status).toBe(429);
    expect((refused as GatewayError).retryAfter).toBeGreaterThan(0);
  });

  it('a model the key may not use is refused with 403 before any limit is touched', async () => {
    const e = enforcer();
    const key = policy({ rpm: 1, models: new GlobList(['other']) });
    const refused = await admit(e, key, 1);
    expect((refused as GatewayError).status).toBe(403);
    expect(await admit(e, policy({ rpm: 1 }), 1)).not.toBeInstanceOf(GatewayError); // the bucket is still full
  });
});
