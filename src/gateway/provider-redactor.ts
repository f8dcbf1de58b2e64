import type { ProviderConfig } from '../config/schema.js';
import { SecretRedactor } from '../core/redact-secrets.js';
import { providerSecretValues } from '../config/provider-secrets.js';

/**
 * Builds the redactor of one configured provider (once per provider and route table, never per
 * request). It knows every value of the provider that must never leave baimo: its keys and secrets,
 * every header and query value configured on it (all sealed, as credentials often travel there),
 * its SecretId, and a user name or password in its base URL.
 */
export function providerRedactor(cfg: ProviderConfig): SecretRedactor {
  const values = providerSecretValues(cfg);
  if (cfg.secret_id) values.push(cfg.secret_id);
  if (cfg.base_url) {
    try {
      const u = new URL(cfg.base_url);
      if (u.username) values.push(decodeURIComponent(u.username));
      if (u.password) values.push(decodeURIComponent(u.password));
    } catch {
      // not a URL: the config schema refuses it
    }
  }
  return new SecretRedactor(values);
}
