import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdmitResult, LimitStore } from '../../src/governance/limits/limit-store.js';
import { MemoryLimitStore } from '../../src/governance/limits/memory-limit-store.js';
import { LimitStoreError, RedisLimitStore } from '../../src/governance/limits/redis-limit-store.js';
import { createLimitStore } from '../../src/governance/limits/create-limit-store.js';

const REDIS_URL = process.env.BAIMO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// One prefix per run, so parallel or aborted runs never see each other's keys.
const PREFIX = `bm-test:${randomBytes(6).toString('hex')}:`;

/** Returns why Redis cannot be used, or undefined when it answers PING. */
async function probeRedis(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 1_000, maxRetriesPerRequest: 0 });
  // The socket error (ECONNREFUSED, …) says more than the generic rejection of connect().
  let cause: unknown;
  client.on('error', (err: unknown) => (cause ??= err));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (err) {
    const why = cause ?? err;
    return `Redis at ${url} is unreachable (${why instanceof Error ? why.message : String(why)})`;
  } finally {
    client.disconnect();
  }
}

const redisSkipReason = await probeRedis(REDIS_URL);
if (redisSkipReason) console.warn(`[limit-store.test] skipping the Redis variant: ${redisSkipReason}`);

interface Harness {
  name: 'memory' | 'redis';
  skipReason?: string;
  /** Window for refill tests: long with a fake clock, short where real time must pass. */
  refillWindowMs: number;
  /** Exact bounds for retryAfterMs where the clock is ours; a little slack where it is the server's. */
  retrySlackMs: number;
  setup(): Promise<void>;
  store(): LimitStore;
  /** A second store on its own connection, standing in for another replica. */
  replica(): LimitStore;
  advance(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

function memoryHarness(): Harness {
  let t = 1_700_000_000_000;
  let store: MemoryLimitStore;
  return {
    name: 'memory',
    refillWindowMs: 60_000,
    retrySlackMs: 0,
    async setup() {
      store = new MemoryLimitStore({ now: () => t });
    },
    store: () => store,
    // One process has one store; a "replica" is the same store.
    replica: () => store,
    async advance(ms) {
      t += ms;
    },
    async teardown() {
      await store.close();
    },
  };
}

function redisHarness(): Harness {
  let a: RedisLimitStore;
  let b: RedisLimitStore;
  return {
    name: 'redis',
    skipReason: redisSkipReason,
    refillWindowMs: 1_000,
    retrySlackMs: 100,
    async setup() {
      a = new RedisLimitStore({ url: REDIS_URL, prefix: PREFIX });
      b = new RedisLimitStore({ url: REDIS_URL, prefix: PREFIX });
    },
    store: () => a,
    replica: () => b,
    // Real time on the server's clock; a small margin so a timer firing early cannot flake a test.
    async advance(ms) {
      await sleep(ms + 30);
    },
    async teardown() {
      await a?.close();
      await b?.close();
      const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
      try {
        const keys = await admin.keys(`${PREFIX}*`);
        if (keys.length > 0) await admin.del(...keys);
      } finally {
        await admin.quit();
      }
    },
  };
}

let seq = 0;
const key = (label: string) => `${label}:${++seq}`;
const bucket = (k: string, capacity: number, windowMs: number, cost = 1) => ({ key: k, capacity, windowMs, cost });
const counter = (k: string, limit: number, add: number, seed = 0, ttlMs?: number) => ({ key: k, limit, add, seed, ttlMs });

async function admitMany(store: LimitStore, n: number, req: Parameters<LimitStore['admit']>[0]): Promise<AdmitResult[]> {
  const out: AdmitResult[] = [];
  for (let i = 0; i < n; i++) out.push(await store.admit(req));
  return out;
}
const admitted = (rs: AdmitResult[]) => rs.filter((r) => r.ok).length;

describe.each([memoryHarness(), redisHarness()])('$name limit store', (h) => {
  const test = h.skipReason ? it.skip : it;
  beforeAll(async () => {
    if (!h.skipReason) await h.setup();
  });
  afterAll(async () => {
    if (!h.skipReason) await h.teardown();
  });

  test('has the right kind', () => {
    expect(h.store().kind).toBe(h.name);
  });

  test('bucket of 5: five admitted, the sixth refused until one token refills (12 s of a 60 s window)', async () => {
    const req = { buckets: [bucket(key('rpm'), 5, 60_000)], counters: [] };
    const rs = await admitMany(h.store(), 6, req);
    expect(rs.slice(0, 5).every((r) => r.ok)).toBe(true);
    const last = rs[5];
    expect(last).toMatchObject({ ok: false, kind: 'bucket', index: 0 });
    if (last.ok) throw new Error('unreachable');
    expect(last.retryAfterMs).toBeLessThanOrEqual(12_000);
    expect(last.retryAfterMs).toBeGreaterThanOrEqual(12_000 - h.retrySlackMs);
  });

  test('refills with time: a fifth of the window buys back one token', async () => {
    const w = h.refillWindowMs;
    const req = { buckets: [bucket(key('rpm'), 5, w)], counters: [] };
    expect(admitted(await admitMany(h.store(), 6, req))).toBe(5);
    await h.advance(w / 5);
    expect((await h.store().admit(req)).ok).toBe(true);
    expect((await h.store().admit(req)).ok).toBe(false);
  });

  test('a cost above capacity is admitted only when full, and leaves debt', async () => {
    const k = key('tpm');
    const big = { buckets: [bucket(k, 5, 60_000, 12)], counters: [] };
    const one = { buckets: [bucket(k, 5, 60_000, 1)], counters: [] };
    expect(await h.store().admit(one)).toEqual({ ok: true });
    // 4 of 5 left: not full, so refused until the missing token is back (12 s).
    const refused = await h.store().admit(big);
    expect(refused).toMatchObject({ ok: false, kind: 'bucket', index: 0 });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.retryAfterMs).toBeGreaterThanOrEqual(12_000 - h.retrySlackMs);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(12_000);

    const k2 = key('tpm');
    expect(await h.store().admit({ buckets: [bucket(k2, 5, 60_000, 12)], counters: [] })).toEqual({ ok: true });
    // Now at -7: one token needs 8 tokens of refill = 96 s.
    const after = await h.store().admit({ buckets: [bucket(k2, 5, 60_000, 1)], counters: [] });
    if (after.ok) throw new Error('expected a refusal');
    expect(after.retryAfterMs).toBeGreaterThanOrEqual(96_000 - h.retrySlackMs);
    expect(after.retryAfterMs).toBeLessThanOrEqual(96_000);
  });

  test('counter: admitted while below the limit, refused at or above it', async () => {
    const k = key('quota');
    const req = { buckets: [], counters: [counter(k, 10, 4)] };
    const rs = await admitMany(h.store(), 4, req);
    // 0 -> 4 -> 8 -> 12 (8 < 10 still passes), then 12 >= 10 refuses.
    expect(rs.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(rs[3]).toEqual({ ok: false, kind: 'counter', index: 0, retryAfterMs: 0 });
    expect(await h.store().peek(k)).toBe(12);

    const exact = key('quota');
    expect((await h.store().admit({ buckets: [], counters: [counter(exact, 10, 0, 10)] })).ok).toBe(false);
  });

  test('seed is used only when the counter is absent; fractional amounts add up', async () => {
    const k = key('budget');
    expect(await h.store().peek(k)).toBeUndefined();
    expect((await h.store().admit({ buckets: [], counters: [counter(k, 100, 1.25, 7.5)] })).ok).toBe(true);
    expect(await h.store().peek(k)).toBeCloseTo(8.75, 9);
    expect((await h.store().admit({ buckets: [], counters: [counter(k, 100, 0.1, 50)] })).ok).toBe(true);
    expect(await h.store().peek(k)).toBeCloseTo(8.85, 9);
    // A refused admission does not create the counter either.
    const untouched = key('budget');
    expect((await h.store().admit({ buckets: [], counters: [counter(untouched, 5, 1, 5)] })).ok).toBe(false);
    expect(await h.store().peek(untouched)).toBeUndefined();
  });

  test('all-or-nothing: a failing rule consumes nothing from the others', async () => {
    const b = key('rpm');
    const full = key('quota');
    const open = key('quota');
    const req = { buckets: [bucket(b, 5, 60_000)], counters: [counter(open, 100, 1), counter(full, 10, 1, 10)] };
    for (let i = 0; i < 8; i++) expect(await h.store().admit(req)).toEqual({ ok: false, kind: 'counter', index: 1, retryAfterMs: 0 });
    expect(await h.store().peek(open)).toBeUndefined();
    // The bucket still holds all 5 tokens.
    expect(admitted(await admitMany(h.store(), 6, { buckets: [bucket(b, 5, 60_000)], counters: [] }))).toBe(5);
    // And a failing bucket leaves the counters alone.
    const r = await h.store().admit({ buckets: [bucket(key('rpm'), 1, 60_000), bucket(b, 5, 60_000)], counters: [counter(open, 100, 1)] });
    expect(r).toMatchObject({ ok: false, kind: 'bucket', index: 1 });
    expect(await h.store().peek(open)).toBeUndefined();
  });

  test('adjust buckets: a refund gives tokens back (never past capacity), an extra charge takes more', async () => {
    const k = key('tpm');
    const rule = (cost: number) => ({ buckets: [bucket(k, 5, 60_000, cost)], counters: [] });
    expect((await h.store().admit(rule(5))).ok).toBe(true);
    await h.store().adjust([{ kind: 'bucket', key: k, delta: -2, capacity: 5, windowMs: 60_000 }]);
    expect(admitted(await admitMany(h.store(), 3, rule(1)))).toBe(2);
    await h.store().adjust([{ kind: 'bucket', key: k, delta: -100, capacity: 5, windowMs: 60_000 }]);
    expect(admitted(await admitMany(h.store(), 6, rule(1)))).toBe(5);

    const fresh = key('tpm');
    await h.store().adjust([{ kind: 'bucket', key: fresh, delta: 3, capacity: 5, windowMs: 60_000 }]);
    expect(admitted(await admitMany(h.store(), 3, { buckets: [bucket(fresh, 5, 60_000)], counters: [] }))).toBe(2);
  });

  test('adjust counters: positive and negative deltas; an expired one is re-created only from a seed', async () => {
    const k = key('quota');
    await h.store().admit({ buckets: [], counters: [counter(k, 100, 10, 20)] });
    await h.store().adjust([{ kind: 'counter', key: k, delta: 5 }]);
    expect(await h.store().peek(k)).toBe(35);
    await h.store().adjust([{ kind: 'counter', key: k, delta: -7.5 }]);
    expect(await h.store().peek(k)).toBeCloseTo(27.5, 9);

    const absent = key('quota');
    await h.store().adjust([{ kind: 'counter', key: absent, delta: 3 }]);
    expect(await h.store().peek(absent)).toBeUndefined();
    await h.store().adjust([{ kind: 'counter', key: absent, delta: 3, seed: 40, ttlMs: 60_000 }]);
    expect(await h.store().peek(absent)).toBe(43);
  });

  test('counters expire ttlMs after creation and are then re-seeded', async () => {
    const k = key('daily');
    const ttl = h.refillWindowMs / 5;
    await h.store().admit({ buckets: [], counters: [counter(k, 100, 1, 0, ttl)] });
    await h.store().admit({ buckets: [], counters: [counter(k, 100, 1, 0, ttl)] });
    expect(await h.store().peek(k)).toBe(2);
    await h.advance(ttl);
    expect(await h.store().peek(k)).toBeUndefined();
    await h.store().admit({ buckets: [], counters: [counter(k, 100, 1, 50, ttl)] });
    expect(await h.store().peek(k)).toBe(51);
  });

  test('concurrency: 50 parallel admits (25 from each of two replicas) against capacity 10 admit exactly 10', async () => {
    const req = { buckets: [bucket(key('rpm'), 10, 60_000)], counters: [] };
    const calls = [];
    for (let i = 0; i < 25; i++) calls.push(h.store().admit(req), h.replica().admit(req));
    expect(admitted(await Promise.all(calls))).toBe(10);
  });
});

describe('memory limit store housekeeping', () => {
  it('sweeps full buckets and expired counters so memory stays bounded', async () => {
    let t = 0;
    const store = new MemoryLimitStore({ now: () => t, sweepIntervalMs: 0 });
    for (let i = 0; i < 100; i++) {
      await store.admit({ buckets: [bucket(`b${i}`, 5, 1_000)], counters: [counter(`c${i}`, 10, 1, 0, 500), counter(`p${i}`, 10, 1)] });
    }
    expect(store.size()).toEqual({ buckets: 100, counters: 200 });
    t = 200; // 1 token of 5 used, refilled after 200 ms
    store.sweep();
    expect(store.size()).toEqual({ buckets: 0, counters: 200 });
    t = 500;
    store.sweep();
    // Counters without a ttl (all-time budgets) stay.
    expect(store.size()).toEqual({ buckets: 0, counters: 100 });
    await store.close();
  });
});

describe('createLimitStore', () => {
  it('picks memory without a url and redis with one', async () => {
    const mem = await createLimitStore({});
    expect(mem.kind).toBe('memory');
    await mem.close();
    const red = await createLimitStore({ redisUrl: 'redis://127.0.0.1:1', prefix: PREFIX });
    expect(red.kind).toBe('redis');
    await red.close();
  });

  it('a Redis that cannot be reached rejects with a LimitStoreError instead of admitting', async () => {
    const store = new RedisLimitStore({ url: 'redis://127.0.0.1:1', prefix: PREFIX });
    const err = await store.admit({ buckets: [bucket('x', 1, 1_000)], counters: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LimitStoreError);
    expect(String((err as Error).message)).toMatch(/redis limit store: admit failed/);
    await store.close();
  });
});
