import { isIP } from 'node:net';
import { chinaEntries } from '../catalog/entries/china.js';
import { selfHostedEntries } from '../catalog/entries/self-hosted.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { ProviderConfig } from '../config/schema.js';
import type { TrustLevel } from '../core/policy-document.js';

const DOMESTIC = new Set(chinaEntries.map((e) => e.id));
const SELF_HOSTED = new Set(selfHostedEntries.filter((e) => e.id !== 'openai-compatible').map((e) => e.id));

/**
 * Where a configured provider runs, for data-routing policies. An explicit `trust:` wins; otherwise
 * the catalog says (Chinese clouds are domestic, local engines self-hosted, the rest foreign). A
 * generic OpenAI-compatible endpoint counts as self-hosted only when its host is loopback or a private
 * address; any other unknown endpoint is treated as a foreign cloud, the most restrictive class, until
 * an operator says otherwise.
 */
export function trustOf(cfg: ProviderConfig, entry: CatalogEntry | undefined): TrustLevel {
  if (cfg.trust) return cfg.trust;
  if (entry && SELF_HOSTED.has(entry.id)) return 'self_hosted';
  if (entry && DOMESTIC.has(entry.id)) return 'domestic_cloud';
  if (!entry || entry.id === 'openai-compatible')
    return isPrivateUrl(cfg.base_url ?? entry?.baseUrl ?? '') ? 'self_hosted' : 'foreign_cloud';
  return 'foreign_cloud';
}

/** Loopback, RFC 1918 / unique-local addresses and single-label or `.local`/`.internal` host names. */
export function isPrivateUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const kind = isIP(host);
  if (kind === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (kind === 6) return host === '::1' || host.startsWith('fc') || host.startsWith('fd') || host.startsWith('fe80');
  return !host.includes('.');
}
