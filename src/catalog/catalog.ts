import { chinaEntries } from './entries/china.js';
import { globalEntries } from './entries/global.js';
import { selfHostedEntries } from './entries/self-hosted.js';
import type { CatalogEntry, ModelInfo, PriceTier } from './types.js';

/** Every provider baimo knows, global first, then China, then local / self-hosted. */
export const CATALOG: readonly CatalogEntry[] = [...globalEntries, ...chinaEntries, ...selfHostedEntries];

const byId = new Map(CATALOG.map((entry) => [entry.id, entry]));

/** Looks up a provider entry by its id (e.g. `deepseek`, `360`). */
export function getCatalogEntry(id: string): CatalogEntry | undefined {
  return byId.get(id);
}

// Characters after which a model id may continue with a version, snapshot date or tag
// (`gpt-4o-2024-08-06`, `llama3.1:8b`). Letters, digits and `.` are excluded so that
// `hunyuan-turbo` does not claim `hunyuan-turbos-latest` and `gpt-5` does not claim `gpt-5.1`.
const SUFFIX_SEPARATORS = new Set(['-', ':', '@', '_', '/']);

/**
 * Finds a model's catalog data: exact id, then case-insensitive, then the longest catalog id that
 * is a prefix of `modelId` ending at a separator (dated snapshots and tags).
 */
export function findModelInfo(entry: CatalogEntry, modelId: string): ModelInfo | undefined {
  const exact = entry.models.find((m) => m.id === modelId);
  if (exact) return exact;
  const wanted = modelId.toLowerCase();
  const folded = entry.models.find((m) => m.id.toLowerCase() === wanted);
  if (folded) return folded;
  let best: ModelInfo | undefined;
  for (const m of entry.models) {
    const id = m.id.toLowerCase();
    if (wanted.length <= id.length || !wanted.startsWith(id)) continue;
    if (!SUFFIX_SEPARATORS.has(wanted[id.length])) continue;
    if (!best || id.length > best.id.length) best = m;
  }
  return best;
}

/** Picks the price tier for a prompt of `promptTokens` tokens, with the currency it is in. */
export function priceFor(
  info: ModelInfo,
  entry: CatalogEntry,
  promptTokens: number,
): { tier: PriceTier; currency: 'CNY' | 'USD' } | undefined {
  const tiers = info.prices;
  if (!tiers || tiers.length === 0) return undefined;
  // Tiers are ordered by upTo; a prompt beyond the last bound is billed at the last tier.
  const tier = tiers.find((t) => t.upTo === undefined || promptTokens <= t.upTo) ?? tiers[tiers.length - 1];
  return { tier, currency: info.currency ?? entry.currency };
}
