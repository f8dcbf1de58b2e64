import type { Calendar } from '../core/calendar.js';
import type { Usage } from '../core/chat-types.js';
import { gatewayError } from '../core/error-codes.js';
import { forbidden, GatewayError, modelNotAllowed, quotaExceeded, rateLimited } from '../core/errors.js';
import type { Cost } from '../gateway/cost.js';
import type { Route } from '../gateway/target.js';
import type { Period } from '../store/schema.js';
import type { UsageRepository } from '../store/usage-repository.js';
import type { KeyPolicy } from './key-policy.js';
import type { AdmitRequest, AdmitResult, Adjustment, LimitStore } from './limits/limit-store.js';
import type { PriceBook } from './price-book.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What admission reserved for one call; `settle` trues it up with what the call really used. */
export interface Ticket {
  settle(usage: Usage | undefined, cost: Cost | undefined): void;
}

const NOOP_TICKET: Ticket = { settle: () => undefined };
const TOTAL = { id: 't' };

/** The limit-store keys of one virtual key, made once per key policy instead of once per call. */
interface KeyNames {
  rpm: string;
  tpm: string;
  /** Counter and seed keys of the current token-quota and budget periods (remade when the period changes). */
  tokens?: PeriodNames;
  budget?: PeriodNames;
}

interface PeriodNames {
  period: string;
  counter: string;
  seed: string;
}

/** One call's admission: what was reserved, under which limits, for which key. */
interface Admission {
  key: KeyPolicy;
  req: AdmitRequest;
  /** The limit kind of each of `req.buckets`, and of each of `req.counters`. */
  kinds: ReadonlyArray<'rpm' | 'tpm'>;
  counterKinds: ReadonlyArray<'tokens' | 'budget'>;
  estTokens: number;
  estCost: number;
  now: number;
}

export interface EnforcerDeps {
  store: LimitStore;
  prices: () => PriceBook;
  calendar: Calendar;
  /** The durable usage (daily rollups) quota and budget counters start from. */
  usage: Pick<UsageRepository, 'keyTotalsNow'>;
  /** Finds fallback routes, whose targets a budgeted key may also reach. */
  lookup: (name: string) => Route | undefined;
  onReject?: (limit: 'rpm' | 'tpm' | 'tokens' | 'budget') => void;
  onError?: (err: unknown) => void;
}

/**
 * Enforces a key's limits around each call. Before: allowed models, then RPM, TPM (estimated),
 * token quota and money budget, all checked and reserved in one atomic step of the limit store.
 * After: the reservation is replaced by the real tokens and cost. Concurrent calls can therefore
 * overspend a budget by at most what the calls already in flight cost.
 */
export class Enforcer {
  private readonly seeds = new Map<string, { value: number; at: number }>();
  /** Key policies are replaced, never changed, when a key is edited or re-read: names are cached per policy. */
  private readonly names = new WeakMap<KeyPolicy, KeyNames>();
  private priced = new WeakMap<Route, { unpriced?: string; input: number; currency: 'CNY' | 'USD' }>();
  private pricedFor: PriceBook | undefined;
  private readonly periods = new Map<Period, { id: string; fromDay: string; end: number; validFrom: number; validUntil: number }>();

  constructor(private readonly d: EnforcerDeps) {}

  /**
   * Checks `key` may send `model` through `route` and reserves its limits; throws a 403 or 429 if not.
   * Synchronous (no promise) when the limit store is in memory.
   */
  admit(key: KeyPolicy, model: string, route: Route, estTokens: number): Ticket | Promise<Ticket> {
    try {
      return this.admitNow(key, model, route, estTokens);
    } catch (err) {
      if (!(err instanceof SeedPending)) throw err;
      // The durable usage is read asynchronously (PostgreSQL): read it, then admit with it remembered.
      return err.read.then(
        () => this.admit(key, model, route, estTokens),
        (e: unknown) => {
          throw this.unavailable(e);
        },
      );
    }
  }

  private admitNow(key: KeyPolicy, model: string, route: Route, estTokens: number): Ticket | Promise<Ticket> {
    if (key.models && !key.models.matches(model) && !key.models.matches(route.name)) throw modelNotAllowed(model);
    const now = Date.now();
    const req: AdmitRequest = { buckets: [], counters: [] };
    const kinds: Array<'rpm' | 'tpm'> = [];
    const counterKinds: Array<'tokens' | 'budget'> = [];
    const names = this.keyNames(key);
    if (key.rpm !== null) {
      req.buckets.push({ key: names.rpm, capacity: key.rpm, windowMs: MINUTE, cost: 1 });
      kinds.push('rpm');
    }
    if (key.tpm !== null) {
      req.buckets.push({ key: names.tpm, capacity: key.tpm, windowMs: MINUTE, cost: estTokens });
      kinds.push('tpm');
    }
    let estCost = 0;
    if (key.tokenQuota !== null) {
      const p = this.period(key.tokenQuotaPeriod, now);
      const n = (names.tokens = periodNames(names.tokens, key.id, 'tokens', p.id));
      req.counters.push({
        key: n.counter,
        limit: key.tokenQuota,
        add: estTokens,
        seed: this.seed(key.id, p, 'tokens', n.seed, now),
        ttlMs: p.ttlMs,
      });
      counterKinds.push('tokens');
    }
    if (key.budget !== null) {
      estCost = this.estimateCost(key, model, route, estTokens);
      const p = this.period(key.budgetPeriod, now);
      const kind = key.budgetCurrency === 'USD' ? 'usd' : 'cny';
      const n = (names.budget = periodNames(names.budget, key.id, kind, p.id));
      req.counters.push({
        key: n.counter,
        limit: key.budget,
        add: estCost,
        seed: this.seed(key.id, p, kind, n.seed, now),
        ttlMs: p.ttlMs,
      });
      counterKinds.push('budget');
    }
    if (req.buckets.length === 0 && req.counters.length === 0) return NOOP_TICKET;

    const a: Admission = { key, req, kinds, counterKinds, estTokens, estCost, now };
    const sync = this.d.store.sync;
    if (sync) {
      let r: AdmitResult;
      try {
        r = sync.admit(req);
      } catch (err) {
        throw this.unavailable(err);
      }
      return this.decide(r, a);
    }
    return this.d.store.admit(req).then(
      (r) => this.decide(r, a),
      (err: unknown) => {
        throw this.unavailable(err);
      },
    );
  }

  private unavailable(err: unknown): GatewayError {
    this.d.onError?.(err);
    return gatewayError('limit_store_unavailable', 'The rate-limit store is unavailable; try again shortly.');
  }

  /** The ticket for an admitted call, or the 429 that says which limit refused it. */
  private decide(r: AdmitResult, a: Admission): Ticket {
    const { key, kinds, counterKinds, now } = a;
    if (!r.ok) {
      if (r.kind === 'bucket') {
        const which = kinds[r.index];
        this.d.onReject?.(which);
        const wait = Math.max(1, Math.ceil(r.retryAfterMs / 1000));
        const what = which === 'rpm' ? `${key.rpm} requests per minute` : `${key.tpm} tokens per minute`;
        throw rateLimited(`Rate limit reached for this API key: ${what}. Try again in ${wait}s.`, wait);
      }
      const which = counterKinds[r.index];
      this.d.onReject?.(which);
      const period = which === 'tokens' ? key.tokenQuotaPeriod : key.budgetPeriod;
      const end = this.period(period, now).end;
      const wait = end === undefined ? undefined : Math.max(1, Math.ceil((end - now) / 1000));
      const what =
        which === 'tokens'
          ? `token quota (${key.tokenQuota} tokens per ${period})`
          : `budget (${key.budget} ${key.budgetCurrency} per ${period})`;
      throw quotaExceeded(`You exceeded this API key's ${what}.`, wait);
    }
    return this.ticket(a);
  }

  private ticket({ key, req, kinds, counterKinds, estTokens, estCost }: Admission): Ticket {
    let settled = false;
    return {
      settle: (usage, cost) => {
        if (settled) return;
        settled = true;
        const tokens = usage ? usage.promptTokens + usage.completionTokens : 0;
        const spent = cost ? this.d.prices().convert(cost.cny, 'CNY', key.budgetCurrency) : 0;
        const changes: Adjustment[] = [];
        for (let i = 0; i < req.buckets.length; i++) {
          const b = req.buckets[i];
          if (kinds[i] === 'tpm' && tokens !== estTokens) {
            changes.push({ kind: 'bucket', key: b.key, delta: tokens - estTokens, capacity: b.capacity, windowMs: b.windowMs });
          }
        }
        for (let i = 0; i < req.counters.length; i++) {
          const c = req.counters[i];
          const delta = counterKinds[i] === 'tokens' ? tokens - estTokens : spent - estCost;
          if (delta !== 0) changes.push({ kind: 'counter', key: c.key, delta, seed: c.seed, ttlMs: c.ttlMs });
        }
        if (changes.length === 0) return;
        const sync = this.d.store.sync;
        if (!sync) {
          this.d.store.adjust(changes).catch((err) => this.d.onError?.(err));
          return;
        }
        try {
          sync.adjust(changes);
        } catch (err) {
          this.d.onError?.(err);
        }
      },
    };
  }

  /** A budgeted key may only reach priced targets; the reservation is the prompt at the first target's input price. */
  private estimateCost(key: KeyPolicy, model: string, route: Route, estTokens: number): number {
    const prices = this.d.prices();
    if (prices !== this.pricedFor) {
      this.priced = new WeakMap();
      this.pricedFor = prices;
    }
    // Routes and the price book are replaced, never changed, on reload: the verdict is cached per route.
    let v = this.priced.get(route);
    if (!v) {
      v = this.priceRoute(route);
      this.priced.set(route, v);
    }
    if (v.unpriced) {
      throw forbidden(
        `Model "${model}" has no price (${v.unpriced}), and this API key has a budget. An administrator must set a price for it or mark it free.`,
        'model_price_unknown',
        'model',
      );
    }
    return v.input === 0 ? 0 : prices.convert((estTokens * v.input) / 1_000_000, v.currency, key.budgetCurrency);
  }

  private priceRoute(route: Route): { unpriced?: string; input: number; currency: 'CNY' | 'USD' } {
    const prices = this.d.prices();
    const seen = new Set<string>();
    let first: { input: number; currency: 'CNY' | 'USD' } | undefined;
    const visit = (r: Route): string | undefined => {
      if (seen.has(r.name)) return undefined;
      seen.add(r.name);
      for (const t of r.targets) {
        const p = prices.priceOf(t.target, r.name);
        if (!p) return t.target.key;
        first ??= p.free ? { input: 0, currency: 'CNY' } : { input: p.input, currency: p.currency };
      }
      for (const f of r.fallbacks) {
        const fr = this.d.lookup(f);
        const bad = fr && visit(fr);
        if (bad) return bad;
      }
      return undefined;
    };
    const unpriced = visit(route);
    return { unpriced, input: first?.input ?? 0, currency: first?.currency ?? 'CNY' };
  }

  /** The current period: worked out once per local day (calendar arithmetic is slow), reused until midnight. */
  private period(p: Period, now: number): { id: string; fromDay?: string; end?: number; ttlMs?: number } {
    if (p === 'total') return TOTAL;
    let c = this.periods.get(p);
    if (!c || now >= c.validUntil || now < c.validFrom) {
      const cal = this.d.calendar;
      const day = cal.day(now);
      const validUntil = cal.dayEnd(now);
      const validFrom = cal.startOf(day);
      c =
        p === 'day'
          ? { id: `d${day}`, fromDay: day, end: validUntil, validFrom, validUntil }
          : { id: `m${day.slice(0, 7)}`, fromDay: `${day.slice(0, 7)}-01`, end: cal.monthEnd(now), validFrom, validUntil };
      this.periods.set(p, c);
    }
    // Counters outlive their period by a day, so a late settlement still finds its counter.
    return { id: c.id, fromDay: c.fromDay, end: c.end, ttlMs: c.end - now + DAY };
  }

  private keyNames(key: KeyPolicy): KeyNames {
    let n = this.names.get(key);
    if (!n) {
      n = { rpm: `r:${key.id}:rpm`, tpm: `r:${key.id}:tpm` };
      this.names.set(key, n);
    }
    return n;
  }

  /** The durable figure a counter starts from (daily rollups), re-read at most once a minute per key (`k`: its seed key). */
  private seed(keyId: string, p: { id: string; fromDay?: string }, kind: 'tokens' | 'cny' | 'usd', k: string, now: number): number {
    const hit = this.seeds.get(k);
    if (hit && now - hit.at < MINUTE) return hit.value;
    const row = this.d.usage.keyTotalsNow(keyId, p.fromDay ?? '');
    if (row instanceof Promise) throw new SeedPending(row.then((r) => void this.remember(k, Number(r?.[kind] ?? 0), now)));
    return this.remember(k, Number(row?.[kind] ?? 0), now);
  }

  private remember(k: string, value: number, now: number): number {
    if (this.seeds.size > 50_000) this.seeds.clear();
    this.seeds.set(k, { value, at: now });
    return value;
  }
}

/** The counter key (`q:<key>:<tok|cny|usd>:<period>`) and seed key of a period, reused while the period lasts (a policy's budget currency never changes: an edit makes a new policy). */
function periodNames(cached: PeriodNames | undefined, keyId: string, kind: 'tokens' | 'cny' | 'usd', period: string): PeriodNames {
  if (cached && cached.period === period) return cached;
  return { period, counter: `q:${keyId}:${kind === 'tokens' ? 'tok' : kind}:${period}`, seed: `${keyId}:${period}:${kind}` };
}

/** Thrown inside `admit` when a seed must first be read from an asynchronous store; `read` remembers it. */
class SeedPending {
  constructor(readonly read: Promise<void>) {}
}
