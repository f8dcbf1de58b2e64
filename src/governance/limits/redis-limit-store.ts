import { Redis } from 'ioredis';
import type { AdmitRequest, AdmitResult, Adjustment, LimitStore } from './limit-store.js';

export type RedisLimitStoreOptions = (
  | { /** `redis://…` URL; the store creates and owns the client. */ url: string; client?: undefined }
  | { /** An existing client. The caller keeps ownership: `close()` does not quit it. */ client: Redis; url?: undefined }
) & {
  /** Prepended to every key, so limits can share a Redis with other data (default `bm:`). */
  prefix?: string;
  /** Told about connection-level errors (the ones ioredis emits as events), for logs and metrics. */
  onError?: (err: unknown) => void;
};

/** Any failure to reach or run the store; the caller answers it with a 503 rather than guessing. */
export class LimitStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LimitStoreError';
  }
}

// Shared by both scripts: the server clock in ms (every replica sees the same time), the refilled
// tokens of a bucket, and a TTL long enough that a bucket only disappears once it is full again
// (an absent bucket counts as full), debt included.
const LUA_COMMON = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local tm = redis.call('TIME')
local now = tonumber(tm[1]) * 1000 + tonumber(tm[2]) / 1000
local function refill(st, cap, win)
  local tk = tonumber(st[1])
  local el = now - tonumber(st[2])
  if el > 0 and win > 0 then tk = tk + el * cap / win end
  if tk > cap then tk = cap end
  return tk
end
local function save(k, tk, cap, win)
  redis.call('HSET', k, 't', string.format('%.17g', tk), 'ts', string.format('%.17g', now))
  local ttl = math.max(2 * win, math.ceil((cap - tk) * win / cap) + win, 1000)
  redis.call('PEXPIRE', k, math.ceil(ttl))
end
`;

// KEYS: bucket keys, then counter keys. ARGV[1]: bucket count; then capacity, windowMs, cost per
// bucket; then limit, add, seed, ttlMs per counter. Returns {0} or {kind (1 bucket, 2 counter), index, retryAfterMs}.
// Everything is checked before anything is written, and a script runs atomically, so admission is
// all-or-nothing across replicas.
const ADMIT_LUA = `${LUA_COMMON}
local nb = tonumber(ARGV[1])
local tokens = {}
for i = 1, nb do
  local a = 2 + (i - 1) * 3
  local cap, win, cost = tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2])
  local st = redis.call('HMGET', KEYS[i], 't', 'ts')
  local tk = cap
  if st[1] then tk = refill(st, cap, win) end
  local need = math.min(cost, cap)
  if cap <= 0 then return {1, i - 1, math.ceil(win)} end
  if tk + 1e-9 < need then return {1, i - 1, math.ceil((need - tk) * win / cap)} end
  tokens[KEYS[i]] = tk
end
local c0 = 2 + nb * 3
for j = 1, #KEYS - nb do
  local a = c0 + (j - 1) * 4
  local v = redis.call('GET', KEYS[nb + j])
  if not v then v = ARGV[a + 2] end
  if tonumber(v) >= tonumber(ARGV[a]) then return {2, j - 1, 0} end
end
for i = 1, nb do
  local a = 2 + (i - 1) * 3
  local cap, win = tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  -- Keyed by name so a key listed twice is charged twice, as in the memory store.
  local tk = tokens[KEYS[i]] - tonumber(ARGV[a + 2])
  tokens[KEYS[i]] = tk
  save(KEYS[i], tk, cap, win)
end
for j = 1, #KEYS - nb do
  local a = c0 + (j - 1) * 4
  local k = KEYS[nb + j]
  local ttl = tonumber(ARGV[a + 3])
  if ttl > 0 then redis.call('SET', k, ARGV[a + 2], 'PX', ARGV[a + 3], 'NX') else redis.call('SET', k, ARGV[a + 2], 'NX') end
  if tonumber(ARGV[a + 1]) ~= 0 then redis.call('INCRBYFLOAT', k, ARGV[a + 1]) end
end
return {0}
`;

// KEYS: one per change. ARGV per change: kind ('b' | 'c'), delta, then capacity, windowMs (bucket)
// or seed, ttlMs (counter), '' where not given.
const ADJUST_LUA = `${LUA_COMMON}
for i = 1, #KEYS do
  local a = (i - 1) * 4 + 1
  local k, d, x, y = KEYS[i], ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  if ARGV[a] == 'b' then
    local st = redis.call('HMGET', k, 't', 'ts')
    if st[1] and x and y and x > 0 then
      save(k, math.min(x, refill(st, x, y) - tonumber(d)), x, y)
    elseif st[1] then
      -- Without the rule there is no refill to apply; the elapsed time stays pending in ts.
      redis.call('HSET', k, 't', string.format('%.17g', tonumber(st[1]) - tonumber(d)))
    elseif tonumber(d) > 0 and x and y and x > 0 then
      -- An absent bucket is full, so only an extra charge changes it (a refund cannot overfill).
      save(k, x - tonumber(d), x, y)
    end
  elseif redis.call('EXISTS', k) == 1 then
    redis.call('INCRBYFLOAT', k, d)
  elseif x then
    -- Expired meanwhile: re-create from the durable figure. Without a seed, leave it to the next admit.
    if y and y > 0 then redis.call('SET', k, ARGV[a + 2], 'PX', math.ceil(y)) else redis.call('SET', k, ARGV[a + 2]) end
    if tonumber(d) ~= 0 then redis.call('INCRBYFLOAT', k, d) end
  end
end
return 0
`;

type ScriptArg = string | number;
interface LimitScripts {
  bmLimitAdmit(...args: ScriptArg[]): Promise<number[]>;
  bmLimitAdjust(...args: ScriptArg[]): Promise<number>;
}

const OK: AdmitResult = Object.freeze({ ok: true });

/**
 * Limits shared by every replica. Each `admit` / `adjust` is a single Lua script (EVALSHA, with
 * ioredis falling back to EVAL after a script flush), so check-then-apply is atomic and uses the
 * Redis server's clock. All keys of one call must live on one node (plain Redis, or hash tags on a cluster).
 *
 * Unlike the cache, a limit store must not fail open: every failure rejects with `LimitStoreError`.
 * A client this store creates queues commands while (re)connecting, so startup does not race the
 * connection, but gives up after two reconnect attempts so a dead Redis surfaces quickly.
 */
export class RedisLimitStore implements LimitStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private readonly scripts: LimitScripts;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private lastConnectionError: unknown;

  constructor(opts: RedisLimitStoreOptions) {
    this.prefix = opts.prefix ?? 'bm:';
    if (opts.client) {
      this.client = opts.client;
      this.ownsClient = false;
    } else {
      this.client = new Redis(opts.url, {
        enableOfflineQueue: true,
        maxRetriesPerRequest: 2,
        // A hung Redis must turn into a 503 quickly, not hold the request.
        commandTimeout: 2_000,
        connectTimeout: 2_000,
      });
      this.ownsClient = true;
    }
    // Without a listener ioredis prints every reconnect failure as an unhandled error event.
    this.client.on('error', (err: unknown) => {
      this.lastConnectionError = err;
      try {
        opts.onError?.(err);
      } catch {
        // A faulty hook must not break the client's event loop.
      }
    });
    this.client.on('ready', () => {
      this.lastConnectionError = undefined;
    });
    this.client.defineCommand('bmLimitAdmit', { lua: ADMIT_LUA });
    this.client.defineCommand('bmLimitAdjust', { lua: ADJUST_LUA });
    this.scripts = this.client as unknown as LimitScripts;
  }

  async admit(req: AdmitRequest): Promise<AdmitResult> {
    const { buckets, counters } = req;
    const nKeys = buckets.length + counters.length;
    if (nKeys === 0) return OK;
    const args: ScriptArg[] = [nKeys];
    for (const b of buckets) args.push(this.prefix + b.key);
    for (const c of counters) args.push(this.prefix + c.key);
    args.push(buckets.length);
    for (const b of buckets) args.push(num(b.capacity), num(b.windowMs), num(b.cost));
    for (const c of counters) args.push(num(c.limit), num(c.add), num(c.seed), ttlArg(c.ttlMs));

    const res = await this.call('admit', () => this.scripts.bmLimitAdmit(...args));
    if (res[0] === 0) return OK;
    return { ok: false, kind: res[0] === 1 ? 'bucket' : 'counter', index: Number(res[1]), retryAfterMs: Math.max(0, Number(res[2])) };
  }

  async adjust(changes: Adjustment[]): Promise<void> {
    if (changes.length === 0) return;
    const args: ScriptArg[] = [changes.length];
    for (const ch of changes) args.push(this.prefix + ch.key);
    for (const ch of changes) {
      if (ch.kind === 'bucket') {
        args.push('b', num(ch.delta), optNum(ch.capacity), optNum(ch.windowMs));
      } else {
        args.push('c', num(ch.delta), optNum(ch.seed), ch.ttlMs === undefined ? '' : ttlArg(ch.ttlMs));
      }
    }
    await this.call('adjust', () => this.scripts.bmLimitAdjust(...args));
  }

  async peek(key: string): Promise<number | undefined> {
    const value = await this.call('peek', () => this.client.get(this.prefix + key));
    return value === null ? undefined : Number(value);
  }

  async ping(): Promise<void> {
    await this.call('ping', () => this.client.ping());
  }

  async close(): Promise<void> {
    if (!this.ownsClient) return;
    try {
      await this.client.quit();
    } catch {
      // quit fails when the connection is already gone; make sure no reconnect timer survives.
      this.client.disconnect();
    }
  }

  private async call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const conn = this.lastConnectionError;
      const connReason = conn === undefined ? '' : `; last connection error: ${conn instanceof Error ? conn.message : String(conn)}`;
      throw new LimitStoreError(`redis limit store: ${op} failed: ${reason}${connReason}`, { cause: err });
    }
  }
}

/** Formats a number for a script argument; Lua's tonumber and INCRBYFLOAT both read JS's notation. */
function num(n: number): string {
  if (Number.isFinite(n)) return String(n);
  // An infinite limit means "no limit"; the largest double behaves the same and survives the trip.
  if (n === Infinity) return String(Number.MAX_VALUE);
  if (n === -Infinity) return String(-Number.MAX_VALUE);
  throw new LimitStoreError(`redis limit store: not a number: ${n}`);
}

function optNum(n: number | undefined): string {
  return n === undefined ? '' : num(n);
}

/** PX wants a positive integer; 0 means "never expires". */
function ttlArg(ttlMs: number | undefined): string {
  return ttlMs !== undefined && ttlMs > 0 && Number.isFinite(ttlMs) ? String(Math.ceil(ttlMs)) : '0';
}
