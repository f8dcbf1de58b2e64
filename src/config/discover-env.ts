import { CATALOG } from '../catalog/catalog.js';
import type { ProviderConfig } from './schema.js';

/**
 * Zero-config: one provider per catalog entry whose key env var is set (named after the entry id),
 * plus self-hosted engines whose base-URL var is set. Providers already declared keep precedence.
 */
export function discoverEnvProviders(env: NodeJS.ProcessEnv, declared: Record<string, ProviderConfig>): Record<string, ProviderConfig> {
  const found: Record<string, ProviderConfig> = {};
  const declaredTypes = new Set(Object.values(declared).map((p) => p.catalog ?? p.type));
  for (const entry of CATALOG) {
    if (entry.id in declared || declaredTypes.has(entry.id)) continue;
    const keyVar = entry.envKeys.find((k) => env[k]);
    const rawBase = entry.envBaseUrl ? env[entry.envBaseUrl] : undefined;
    const baseUrl =
      rawBase && entry.envBaseUrlPath && !rawBase.replace(/\/+$/, '').endsWith(entry.envBaseUrlPath)
        ? rawBase.replace(/\/+$/, '') + entry.envBaseUrlPath
        : rawBase;
    if (keyVar) {
      if (!entry.baseUrl && !baseUrl) continue; // e.g. Azure without an endpoint: cannot be used
      found[entry.id] = { type: entry.id, api_key: env[keyVar], ...(baseUrl ? { base_url: normaliseUrl(baseUrl) } : {}) };
    } else if (entry.keyOptional && baseUrl && entry.protocol !== 'llama-cpp') {
      found[entry.id] = { type: entry.id, base_url: normaliseUrl(baseUrl) };
    }
  }
  return found;
}

/** `OLLAMA_HOST=127.0.0.1:11434` style values get a scheme. */
function normaliseUrl(v: string): string {
  return /^https?:\/\//.test(v) ? v : `http://${v}`;
}
