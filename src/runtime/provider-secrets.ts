import { SECRET_FIELDS, SECRET_MAPS, type ProviderSecrets, type SecretField, type SecretMap } from '../config/provider-secrets.js';
import type { SecretBox } from '../security/secret-box.js';

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
