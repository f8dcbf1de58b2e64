/** The credential inputs a provider type needs; secrets are write-only (empty keeps the stored one). */
import { Form, Input, Radio } from 'antd';
import { useT } from '../../i18n';
import { SECRET, type CredentialField, type ProviderType } from './catalog';
import type { Provider } from './types';

const TEST_ID: Record<CredentialField, string> = {
  api_key: 'provider-api-key',
  secret_key: 'provider-secret-key',
  secret_id: 'provider-secret-id',
  app_id: 'provider-app-id',
  api_secret: 'provider-api-secret',
};

export function CredentialFields({ type, existing }: { type: ProviderType; existing?: Provider }) {
  const t = useT();
  const auth = Form.useWatch('auth') as 'key' | 'jwt' | undefined;
  // SenseNova's JWT is signed from AK (api_key) + SK (secret_key).
  const fields: CredentialField[] =
    type.value === 'sensenova' && auth === 'jwt' ? ['api_key', 'secret_key'] : type.credentials;
  return (
    <>
      {type.jwt ? (
        <Form.Item name="auth" label={t('models.provider.auth')} initialValue="key" extra={t(`models.provider.authHint.${type.value}`)}>
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
        const secret = SECRET.has(f);
        const isSet = secret && existing?.secrets_set.includes(f as 'api_key');
        const required = !isSet && !(f === 'api_key' && type.keyOptional);
        return (
          <Form.Item
            key={f}
            name={f}
            label={t(`models.cred.${f}`)}
            rules={[{ required, message: t('models.form.required') }]}
            extra={
              secret
                ? isSet
                  ? t('models.cred.keep')
                  : t('models.cred.writeOnly')
                : existing
                  ? t('models.cred.reenter')
                  : undefined
            }
          >
            {secret ? (
              <Input.Password
                data-testid={TEST_ID[f]}
                autoComplete="new-password"
                placeholder={isSet ? t('models.cred.setPlaceholder') : t(`models.cred.${f}.placeholder`)}
              />
            ) : (
              <Input data-testid={TEST_ID[f]} autoComplete="off" placeholder={t(`models.cred.${f}.placeholder`)} />
            )}
          </Form.Item>
        );
      })}
    </>
  );
}
