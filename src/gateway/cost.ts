import { findModelInfo, priceFor } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Usage } from '../core/chat-types.js';
import { NO_COST, type Cost } from '../core/cost.js';

export { NO_COST, type Cost };

/** Prices a call from the catalog: uncached input, cached input and output, each per million tokens. */
export function computeCost(entry: CatalogEntry | undefined, model: string, usage: Usage | undefined, usdToCny: number): Cost {
  if (!entry || !usage) return NO_COST;
  const info = findModelInfo(entry, model);
  if (!info) return NO_COST;
  const price = priceFor(info, entry, usage.promptTokens);
  if (!price) return NO_COST;
  const { tier, currency } = price;
  const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
  const amount =
    ((usage.promptTokens - cached) * tier.input + cached * (tier.cached ?? tier.input) + usage.completionTokens * tier.output) / 1_000_000;
  const rounded = Math.round(amount * 1e8) / 1e8;
  return { amount: rounded, currency, cny: currency === 'USD' ? Math.round(rounded * usdToCny * 1e8) / 1e8 : rounded };
}
