import type { SecretBox } from '../security/secret-box.js';

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

const ad = (name: string): string => `provider:${name}`;

/** Opens a provider row's sealed secrets (one sealed JSON object, bound to the provider's name). */
export function openSecrets(box: SecretBox, name: string, sealed: string | null): ProviderSecrets {
  if (!sealed) return {};
  return JSON.parse(box.open(sealed, ad(name))) as ProviderSecrets;
}

/**
 * Applies an update to stored secrets: a string (or, for headers and query, a map) sets a field,
 * null removes it, undefined keeps it. Returns the new sealed value, or null when no secret is left.
 */
export function updateSecrets(
  box: SecretBox,
  name: string,
  sealed: string | null,
  changes: Partial<Record<SecretField, string | null | undefined>> & Partial<Record<SecretMap, Record<string, string> | null | undefined>>,
): string | null {
  const current = openSecrets(box, name, sealed);
  for (const f of SECRET_FIELDS) {
    const v = changes[f];
    if (v === null) delete current[f];
    else if (v !== undefined) current[f] = v;
  }
  for (const f of SECRET_MAPS) {
    const v = changes[f];
    if (v === null || (v && Object.keys(v).length === 0)) delete current[f];
    else if (v !== undefined) current[f] = { ...v };
  }
  return Object.keys(current).length > 0 ? box.seal(JSON.stringify(current), ad(name)) : null;
}

/** Every secret value a provider config carries (keys, and header and query values): what error text must never echo. */
export function providerSecretValues(cfg: ProviderSecrets): string[] {
  const out: string[] = [];
  for (const f of SECRET_FIELDS) if (typeof cfg[f] === 'string' && cfg[f]) out.push(cfg[f]);
  for (const f of SECRET_MAPS) for (const v of Object.values(cfg[f] ?? {})) if (typeof v === 'string' && v) out.push(v);
  return out;
}
