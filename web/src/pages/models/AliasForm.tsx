/** Create / edit a model alias: weighted targets (provider + model) and fallback aliases. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useT } from '../../i18n';
import { useAliases, useOpenAIModels, useProviders, useSaveAlias, type Alias, type Target } from '../../api/models.ts';
import { errorText } from './hooks';

interface Values {
  name: string;
  targets: Target[];
  fallbacks: string[];
  retries?: number | null;
}

function TargetRow({ index, remove, canRemove }: { index: number; remove: () => void; canRemove: boolean }) {
  const t = useT();
  const providers = useProviders().data;
  const listed = useOpenAIModels().data;
  const provider = Form.useWatch(['targets', index, 'provider']) as string | undefined;
  const modelOptions = useMemo(() => {
    const ids = new Set<string>(providers?.find((p) => p.name === provider)?.models ?? []);
    for (const m of listed ?? []) if (provider && m.owned_by === provider && m.id.startsWith(`${provider}/`)) ids.add(m.id.slice(provider.length + 1));
    return [...ids].sort().map((v) => ({ value: v }));
  }, [providers, listed, provider]);
  return (
    <Space align="start" style={{ display: 'flex' }} data-testid={`alias-target-${index}`}>
      <Form.Item name={[index, 'provider']} rules={[{ required: true, message: t('models.form.required') }]} style={{ width: 180 }}>
        <Select
          data-testid={`alias-target-provider-${index}`}
          placeholder={t('models.alias.provider')}
          showSearch={{ optionFilterProp: 'label' }}
          options={(providers ?? []).map((p) => ({ value: p.name, label: p.name }))}
        />
      </Form.Item>
      <Form.Item name={[index, 'model']} rules={[{ required: true, message: t('models.form.required') }]} style={{ width: 240 }}>
        <AutoComplete
          data-testid={`alias-target-model-${index}`}
          placeholder={t('models.alias.upstreamModel')}
          options={modelOptions}
          showSearch={{ filterOption: (input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
        />
      </Form.Item>
      <Form.Item name={[index, 'weight']} initialValue={1} style={{ width: 110 }}>
        <InputNumber data-testid={`alias-target-weight-${index}`} min={0} step={1} prefix={t('models.alias.weightShort')} style={{ width: '100%' }} />
      </Form.Item>
      <Button icon={<DeleteOutlined />} onClick={remove} disabled={!canRemove} aria-label={t('models.common.delete')} />
    </Space>
  );
}

export function AliasForm({ open, alias, onClose }: { open: boolean; alias?: Alias; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const aliases = useAliases().data ?? [];
  const save = useSaveAlias();
  const readOnly = alias?.source === 'file';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      alias
        ? { name: alias.name, targets: alias.targets.map((x) => ({ ...x })), fallbacks: alias.fallbacks, retries: alias.retries ?? null }
        : { targets: [{ provider: '', model: '', weight: 1 }], fallbacks: [] },
    );
  }, [open, alias, form]);

  const onSave = async () => {
    const v = await form.validateFields();
    const body = {
      targets: v.targets.map((x) => ({ provider: x.provider, model: x.model.trim(), weight: x.weight ?? 1 })),
      fallbacks: v.fallbacks ?? [],
      ...(v.retries !== null && v.retries !== undefined ? { retries: v.retries } : {}),
    };
    try {
      await save.mutateAsync({ name: v.name.trim(), body });
      message.success(t('models.alias.saved', { name: v.name.trim() }));
      onClose();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Modal
      open={open}
      title={alias ? t('models.alias.editTitle', { name: alias.name }) : t('models.alias.addTitle')}
      onCancel={onClose}
      onOk={onSave}
      okText={t('models.common.save')}
      cancelText={t('models.common.cancel')}
      okButtonProps={{ loading: save.isPending, disabled: readOnly, 'data-testid': 'alias-save' }}
      width={700}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" disabled={readOnly}>
        <Form.Item name="name" label={t('models.alias.name')} extra={t('models.alias.nameHint')} rules={[{ required: true, whitespace: true, message: t('models.form.required') }, { max: 200 }]}>
          <Input data-testid="alias-name" disabled={Boolean(alias)} placeholder="chat-default" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('models.alias.targets')} extra={t('models.alias.targetsHint')} required>
          <Form.List name="targets">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <TargetRow key={f.key} index={f.name} remove={() => remove(f.name)} canRemove={fields.length > 1} />
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ provider: '', model: '', weight: 1 })} data-testid="alias-target-add">
                  {t('models.alias.addTarget')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="fallbacks" label={t('models.alias.fallbacks')} extra={t('models.alias.fallbacksHint')}>
          <Select
            data-testid="alias-fallbacks"
            mode="multiple"
            allowClear
            options={aliases.filter((a) => a.name !== alias?.name).map((a) => ({ value: a.name, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="retries" label={t('models.alias.retries')} extra={<Typography.Text type="secondary">{t('models.alias.retriesHint')}</Typography.Text>}>
          <InputNumber min={0} max={10} precision={0} style={{ width: 160 }} placeholder={t('models.alias.retriesDefault')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
