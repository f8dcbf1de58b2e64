const KEY_LIKE = /\b((?:sk|ak|pk|rk|bm-admin|bce-v3)[-_])([A-Za-z0-9_*-]{4})[A-Za-z0-9_*\-/+=]{4,}/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9_\-.=:/+]{8,}/gi;

/**
 * Masks anything that looks like a credential in text that leaves the process (provider error
 * messages echoed to clients, logs): `sk-abcd…` keys and Bearer tokens keep a short prefix only.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const k of known) if (k && k.length >= 6) out = out.split(k).join(`${k.slice(0, 3)}***`);
  return out.replace(KEY_LIKE, '$1$2***').replace(BEARER, '$1***');
}
