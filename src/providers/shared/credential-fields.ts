/** The credential config keys with their default form labels; adapters pick theirs and may reword them. */
import type { CatalogEntry, CredentialField, Localized } from '../../catalog/types.js';
import type { CredentialSpec } from '../adapter.js';

const DEFAULTS: Record<CredentialField, { label: Localized; placeholder: Localized }> = {
  api_key: { label: { zh: 'API Key', en: 'API key' }, placeholder: { zh: '粘贴 API Key', en: 'Paste the API key' } },
  secret_key: { label: { zh: 'Secret Key', en: 'Secret key' }, placeholder: { zh: '粘贴 Secret Key', en: 'Paste the secret key' } },
  secret_id: { label: { zh: 'SecretId', en: 'SecretId' }, placeholder: { zh: '粘贴 SecretId', en: 'Paste the SecretId' } },
  app_id: { label: { zh: 'APPID', en: 'APPID' }, placeholder: { zh: '粘贴 APPID', en: 'Paste the APPID' } },
  api_secret: { label: { zh: 'APISecret', en: 'APISecret' }, placeholder: { zh: '粘贴 APISecret', en: 'Paste the APISecret' } },
};

/** The spec of `key` with its default label and placeholder, `over` replacing either. */
export function credentialField(
  key: CredentialField,
  required: boolean,
  over: Partial<Pick<CredentialSpec, 'label' | 'placeholder'>> = {},
): CredentialSpec {
  return { key, ...DEFAULTS[key], required, ...over };
}

/** A bearer-style key that local and self-hosted servers may go without (the catalog entry says so). */
export const OPTIONAL_API_KEY: readonly CredentialSpec[] = [credentialField('api_key', false)];

/** Whether the console's form insists on the field: the protocol requires it, or it is the key of a provider that is not local. */
export function askedFor(spec: CredentialSpec, entry: CatalogEntry): boolean {
  return spec.required || (spec.key === 'api_key' && !entry.keyOptional);
}
