import { findModelInfo, priceFor } from '../catalog/catalog.js';
import type { PriceConfig } from '../config/schema.js';
import type { Usage } from '../core/chat-types.js';
import { globToRegExp } from '../core/glob.js';
import { computeCost, NO_COST, type Cost } from '../gateway/cost.js';
import type { Target } from '../gateway/target.js';

/** A price per million tokens, or deliberately free. */
export type Price = { free: true } | { free: false; input: number; output: number; cached?: number; currency: 'CNY' | 'USD' };

/**
 * Prices for every target: an admin-set price (from `baimo.yaml` `prices:` or the database, by
 * `provider/model`, alias name or a glob such as `ollama/*`) wins over the catalog's. A target with
 * neither is unpriced, and budgeted keys are refused on it rather than let it spend for free.
 */
export class PriceBook {
  private readonly exact = new Map<string, PriceConfig>();
  private readonly globs: Array<{ re: RegExp; price: PriceConfig }> = [];

  constructor(
    overrides: readonly PriceConfig[],
    private readonly usdToCny: number,
  ) {
    // Later entries win (database rows come after the file's).
    for (const p of overrides) {
      if (p.model.includes('*') || p.model.includes('?')) this.globs.unshift({ re: globToRegExp(p.model), price: p });
      else this.exact.set(p.model, p);
    }
  }

  /** The price a call to `target` through the route named `routeName` is billed at. */
  priceOf(target: Target, routeName?: string): Price | undefined {
    const o = this.override(target.key) ?? (routeName ? this.override(routeName) : undefined);
    if (o) return o.free ? { free: true } : { free: false, input: o.input, output: o.output, cached: o.cached, currency: o.currency };
    if (!target.catalog) return undefined;
    const info = findModelInfo(target.catalog, target.model);
    const p = info && priceFor(info, target.catalog, 0);
    return p ? { free: false, input: p.tier.input, output: p.tier.output, cached: p.tier.cached, currency: p.currency } : undefined;
  }

  /** The cost of a finished call (tiered catalog prices use the real prompt size). */
  cost(target: Target | undefined, routeName: string, usage: Usage | undefined): Cost {
    if (!target || !usage) return NO_COST;
    const o = this.override(target.key) ?? this.override(routeName);
    if (!o) return computeCost(target.catalog, target.model, usage, this.usdToCny);
    if (o.free) return { amount: 0, currency: o.currency, cny: 0 };
    const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
    const amount =
      ((usage.promptTokens - cached) * o.input + cached * (o.cached ?? o.input) + usage.completionTokens * o.output) / 1_000_000;
    const rounded = Math.round(amount * 1e8) / 1e8;
    return { amount: rounded, currency: o.currency, cny: o.currency === 'USD' ? Math.round(rounded * this.usdToCny * 1e8) / 1e8 : rounded };
  }

  /** Converts an amount between CNY and USD at the configured rate. */
  convert(amount: number, from: 'CNY' | 'USD', to: 'CNY' | 'USD'): number {
    if (from === to) return amount;
    return from === 'USD' ? amount * this.usdToCny : amount / this.usdToCny;
  }

  private override(name: string): PriceConfig | undefined {
    const e = this.exact.get(name);
    if (e) return e;
    for (const g of this.globs) if (g.re.test(name)) return g.price;
    return undefined;
  }
}
