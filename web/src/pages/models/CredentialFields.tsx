/** The credential inputs a provider type needs (from GET /api/catalog); secrets are write-only (empty keeps the stored one). */
import { Form, Input, Radio } from 'antd';
import { useT } from '../../i18n';
import { useLocalized } from './hooks';
import type { CatalogEntry, CredentialKey } from '../../api/catalog.ts';
import type { Provider } from '../../api/models.ts';

const TEST_ID: Record<CredentialKey, string> = {
  api_key: 'provider-api-key',
  secret_key: 'provider-secret-key',
  secret_id: 'provider-secret-id',
  app_id: 'provider-app-id',
  api_secret: 'provider-api-secret',
};

export function CredentialFields({ type, existing }: { type: CatalogEntry; existing?: Provider }) {
  const t = useT();
  const local = useLocalized();
  const auth = Form.useWatch('auth') as 'key' | 'jwt' | undefined;
  // In JWT mode the fields are the ones the token is signed from (SenseNova: AK + SK).
  const fields = type.jwt && auth === 'jwt' ? type.jwt.credentials : type.credentials;
  return (
    <>
      {type.jwt ? (
        <Form.Item name="auth" label={t('models.provider.auth')} initialValue="key" extra={local(type.jwt.hint)}>
          <Radio.Group
            data-testid="provider-auth"
            options={[
              { value: 'key', label: t('models.provider.auth.key') },
              { value: 'jwt', label: t('models.provider.auth.jwt') },
            ]}
          />
        </Form.Item>
      ) : null}
      {fields.map((f) => {
        const isSet = f.sealed && existing?.secrets_set.includes(f.key as 'api_key');
        const required = f.required && !isSet;
        return (
          <Form.Item
            key={f.key}
            name={f.key}
            label={local(f.label)}
            rules={[{ required, message: t('models.form.required') }]}
            extra={
              f.sealed
                ? isSet
                  ? t('models.cred.keep')
                  : t('models.cred.writeOnly')
                : existing
                  ? t('models.cred.reenter')
                  : undefined
            }
          >
            {f.sealed ? (
              <Input.Password
                data-testid={TEST_ID[f.key]}
                autoComplete="new-password"
                placeholder={isSet ? t('models.cred.setPlaceholder') : local(f.placeholder)}
              />
            ) : (
              <Input data-testid={TEST_ID[f.key]} autoComplete="off" placeholder={local(f.placeholder)} />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}
