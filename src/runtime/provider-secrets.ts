import type { SecretBox } from '../security/secret-box.js';

/** Provider config keys that are secrets: stored sealed, never returned by the API. */
export const SECRET_FIELDS = ['api_key', 'secret_key', 'api_secret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];
export type ProviderSecrets = Partial<Record<SecretField, string>>;

const ad = (name: string): string => `provider:${name}`;

/** Opens a provider row's sealed secrets (one sealed JSON object, bound to the provider's name). */
export function openSecrets(box: SecretBox, name: string, sealed: string | null): ProviderSecrets {
  if (!sealed) return {};
  return JSON.parse(box.open(sealed, ad(name))) as ProviderSecrets;
}

/**
 * Applies an update to stored secrets: a string sets a field, null removes it, undefined keeps it.
 * Returns the new sealed value, or null when no secret is left.
 */
export function updateSecrets(
  box: SecretBox,
  name: string,
  sealed: string | null,
  changes: Partial<Record<SecretField, string | null | undefined>>,
): string | null {
  const current = openSecrets(box, name, sealed);
  for (const f of SECRET_FIELDS) {
    const v = changes[f];
    if (v === null) delete current[f];
    else if (v !== undefined) current[f] = v;
  }
  return Object.keys(current).length > 0 ? box.seal(JSON.stringify(current), ad(name)) : null;
}
