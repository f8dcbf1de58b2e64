import { getCatalogEntry } from '../catalog/catalog.js';
import type { CatalogEntry, CredentialField, Protocol } from '../catalog/types.js';
import type { ProviderConfig } from '../config/schema.js';
import type { Provider } from '../core/provider.js';
import type { ProviderAdapter } from './adapter.js';
import { ADAPTERS } from './adapters.js';

const byProtocol = new Map<string, ProviderAdapter>(ADAPTERS.map((a) => [a.protocol, a]));

/** The adapter module of a protocol (every catalog protocol has one: the type is derived from the list). */
export function adapterFor(protocol: Protocol): ProviderAdapter {
  const adapter = byProtocol.get(protocol);
  if (!adapter) throw new Error(`no adapter for protocol "${protocol}" (add its folder to src/providers/adapters.ts)`);
  return adapter;
}

/** The catalog entry a configured provider takes defaults, prices and quirks from. */
export function catalogEntryFor(cfg: ProviderConfig): CatalogEntry | undefined {
  return getCatalogEntry(cfg.catalog ?? cfg.type);
}

/** Which wire protocol a configured provider speaks: its type's, else its `catalog` entry's, else OpenAI-compatible. */
export function protocolFor(cfg: ProviderConfig): Protocol {
  return getCatalogEntry(cfg.type)?.protocol ?? catalogEntryFor(cfg)?.protocol ?? 'openai';
}

/** The credential keys a provider cannot go without (its protocol's required fields). */
export function requiredCredentials(cfg: ProviderConfig): CredentialField[] {
  return adapterFor(protocolFor(cfg))
    .credentials.filter((c) => c.required)
    .map((c) => c.key);
}

/** The credential problems of one provider of baimo.yaml, in `loadConfig`'s wording (`checkProvider`). */
export function providerCredentialProblems(name: string, cfg: ProviderConfig): string[] {
  const required = requiredCredentials(cfg);
  return required
    .filter((key) => !cfg[key])
    .map((key) => `providers.${name}.${key}: required for type ${cfg.type} (it needs ${required.join(', ')})`);
}

/** Builds the provider for one config from its protocol's adapter module. */
export function createProvider(name: string, cfg: ProviderConfig, connectTimeoutMs: number): Provider {
  const entry = catalogEntryFor(cfg);
  return adapterFor(protocolFor(cfg)).create({
    name,
    cfg,
    entry,
    baseUrl: cfg.base_url ?? entry?.baseUrl ?? '',
    headers: { ...entry?.headers, ...cfg.headers },
    connectTimeoutMs,
  });
}
