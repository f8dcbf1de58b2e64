/**
 * Which fields of a provider's config are secrets, and their values: what is stored sealed (see
 * runtime/provider-secrets.ts), never returned by the API, and never echoed in error text.
 */

/** Provider config keys that are secrets: stored sealed, never returned by the API. */
export const SECRET_FIELDS = ['api_key', 'secret_key', 'api_secret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
/**
 * Provider config maps whose every value is treated as a secret (a header or query parameter often
 * carries a credential, and which one cannot be told from its name): stored sealed with the other
 * secrets, shown by name only, redacted in audit details.
 */
export const SECRET_MAPS = ['headers', 'query'] as const;
export type SecretMap = (typeof SECRET_MAPS)[number];
export type ProviderSecrets = Partial<Record<SecretField, string>> & Partial<Record<SecretMap, Record<string, string>>>;

/** Every secret value a provider config carries (keys, and header and query values): what error text must never echo. */
export function providerSecretValues(cfg: ProviderSecrets): string[] {
  const out: string[] = [];
  for (const f of SECRET_FIELDS) if (typeof cfg[f] === 'string' && cfg[f]) out.push(cfg[f]);
  for (const f of SECRET_MAPS) for (const v of Object.values(cfg[f] ?? {})) if (typeof v === 'string' && v) out.push(v);
  return out;
}
