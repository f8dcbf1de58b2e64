/** Add / edit a provider in a modal; after saving, the connection can be tested right away. */
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { CredentialFields } from './CredentialFields';
import { ProviderLabel } from './ProviderAvatar';
import { useCatalog } from '../../api/catalog.ts';
import { useSaveProvider, useTestProvider, type Provider, type ProviderInput, type ProviderTestResult } from '../../api/models.ts';
import { TRUST_LEVELS, type TrustLevel } from '../../api/security.ts';
import { errorText, GENERIC_TYPE, useLocalized, useProviderType } from './hooks';
import { TestResult } from './TestResult';

interface Values {
  name: string;
  type: string;
  base_url?: string;
  auth?: 'key' | 'jwt';
  api_key?: string;
  secret_key?: string;
  api_secret?: string;
  secret_id?: string;
  app_id?: string;
  models?: string[];
  max_concurrency?: number | null;
  trust?: TrustLevel;
}

/** Empty, or an absolute URL (http, https, ws, wss — Spark's native protocol is a WebSocket). */
function isUrl(v: string | undefined): boolean {
  if (!v || !v.trim()) return true;
  try {
    return /^(https?|wss?):$/.test(new URL(v.trim()).protocol);
  } catch {
    return false;
  }
}

const trim = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

function toInput(v: Values): ProviderInput {
  const body: ProviderInput = { type: v.type };
  if (trim(v.base_url)) body.base_url = trim(v.base_url);
  if (v.auth === 'jwt') body.auth = 'jwt';
  for (const f of ['api_key', 'secret_key', 'api_secret', 'secret_id', 'app_id'] as const) if (trim(v[f])) body[f] = trim(v[f]);
  if (v.models?.length) body.models = v.models;
  if (v.max_concurrency) body.max_concurrency = v.max_concurrency;
  if (v.trust) body.trust = v.trust;
  return body;
}

/** `preset`: a catalog id to start a new provider with (its type, and its id as the suggested name). */
export function ProviderForm({ open, provider, preset, onClose }: { open: boolean; provider?: Provider; preset?: string; onClose: () => void }) {
  const t = useT();
  const local = useLocalized();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveProvider();
  const tester = useTestProvider();
  // The provider as last saved from this dialog (a new one becomes editable and testable).
  const [saved, setSaved] = useState<Provider | undefined>(provider);
  const [test, setTest] = useState<{ result?: ProviderTestResult; error?: string; running?: boolean }>({});
  const typeValue = Form.useWatch('type', form) as string | undefined;
  const type = useProviderType(typeValue);
  // Every catalog entry the admin API accepts (and a baimo.yaml provider's own type), the generic one first.
  const catalog = useCatalog();
  const types = (catalog.data ?? [])
    .filter((e) => !e.file_only || e.id === typeValue)
    .sort((a, b) => Number(b.id === GENERIC_TYPE) - Number(a.id === GENERIC_TYPE));

  // Each opening starts from the provider given (or none) and no test result.
  const [openedWith, setOpenedWith] = useState<{ open: boolean; provider?: Provider }>({ open, provider });
  if (openedWith.open !== open || openedWith.provider !== provider) {
    setOpenedWith({ open, provider });
    if (open) {
      setSaved(provider);
      setTest({});
    }
  }

  // The form's fields live in Ant Design's form store, outside React state: reset them on opening.
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      provider
        ? { name: provider.name, type: provider.type, base_url: provider.base_url ?? undefined, models: provider.models, max_concurrency: provider.max_concurrency, trust: provider.trust_configured ?? undefined }
        : preset
          ? { type: preset, name: preset }
          : { type: GENERIC_TYPE },
    );
  }, [open, provider, preset, form]);

  const onSave = async () => {
    const v = await form.validateFields();
    try {
      const p = await save.mutateAsync({ name: v.name.trim(), body: toInput(v) });
      setSaved(p);
      // Secrets are write-only: clear them so an empty field again means "keep".
      form.setFieldsValue({ api_key: undefined, secret_key: undefined, api_secret: undefined });
      message.success(t('models.provider.saved', { name: p.name }));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const onTest = async () => {
    if (!saved) return;
    setTest({ running: true });
    try {
      setTest({ result: await tester.mutateAsync(saved.name) });
    } catch (e) {
      setTest({ error: errorText(e) });
    }
  };

  const readOnly = saved?.source === 'file';
  return (
    <Modal
      open={open}
      title={saved ? t('models.provider.editTitle', { name: saved.name }) : t('models.provider.addTitle')}
      onCancel={onClose}
      width={620}
      destroyOnHidden
      data-testid="provider-form"
      footer={
        <Space>
          <Button data-testid="provider-test" onClick={onTest} loading={test.running} disabled={!saved} title={saved ? undefined : t('models.test.saveFirst')}>
            {t('models.test.button')}
          </Button>
          <Button onClick={onClose}>{saved ? t('models.common.close') : t('models.common.cancel')}</Button>
          <Button data-testid="provider-save" type="primary" onClick={onSave} loading={save.isPending} disabled={readOnly}>
            {t('models.common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" requiredMark="optional" disabled={readOnly}>
        <Form.Item
          name="name"
          label={t('models.provider.name')}
          extra={t('models.provider.nameHint')}
          rules={[
            { required: true, message: t('models.form.required') },
            { pattern: /^[A-Za-z0-9_.-]{1,100}$/, message: t('models.provider.namePattern') },
          ]}
        >
          <Input data-testid="provider-name" disabled={Boolean(saved)} placeholder="deepseek-prod" autoComplete="off" />
        </Form.Item>
        <Form.Item name="type" label={t('models.provider.type')} rules={[{ required: true, message: t('models.form.required') }]}>
          <Select
            data-testid="provider-type"
            showSearch={{ optionFilterProp: 'label' }}
            loading={catalog.isLoading}
            options={types.map((e) => ({ value: e.id, label: `${local(e.names)} (${e.id})` }))}
            optionRender={(o) => <ProviderLabel type={String(o.value)} suffix={<Typography.Text type="secondary">({String(o.value)})</Typography.Text>} />}
            labelRender={(o) => <ProviderLabel type={String(o.value)} size={18} suffix={<Typography.Text type="secondary">({String(o.value)})</Typography.Text>} />}
          />
        </Form.Item>
        <Form.Item
          name="base_url"
          label={t('models.provider.baseUrl')}
          extra={type.base_url ? t('models.provider.baseUrlDefault', { url: type.base_url }) : t('models.provider.baseUrlRequired')}
          rules={[{ required: !type.base_url, message: t('models.form.required') }, { validator: (_, v?: string) => (isUrl(v) ? Promise.resolve() : Promise.reject(new Error(t('models.provider.baseUrlInvalid')))) }]}
        >
          <Input data-testid="provider-base-url" placeholder={type.base_url || 'https://example.com/v1'} autoComplete="off" />
        </Form.Item>
        <CredentialFields type={type} existing={saved} />
        <Form.Item name="models" label={t('models.provider.models')} extra={t('models.provider.modelsHint')}>
          <Select data-testid="provider-models" mode="tags" tokenSeparators={[',', ' ']} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="max_concurrency" label={t('models.provider.maxConcurrency')}>
          <InputNumber data-testid="provider-max-concurrency" min={1} precision={0} style={{ width: 200 }} placeholder={t('models.provider.unlimited')} />
        </Form.Item>
        <Form.Item name="trust" label={t('security.trust.label')} extra={t('security.trust.hint')}>
          <Select
            data-testid="provider-trust"
            allowClear
            style={{ width: 260 }}
            placeholder={t('security.trust.auto')}
            options={TRUST_LEVELS.map((l) => ({ value: l, label: t(`security.trust.${l}`) }))}
          />
        </Form.Item>
      </Form>
      {test.result || test.error ? <TestResult testId="provider-test-result" result={test.result} error={test.error} /> : null}
    </Modal>
  );
}
