/** Set a model's price per million tokens, or mark it free. */
import { App, AutoComplete, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { useOpenAIModels, useSavePrice, type Price } from '../../api/models.ts';
import { errorText } from './hooks';

type Values = Omit<Price, 'object' | 'source'>;

export function PriceForm({ open, price, onClose }: { open: boolean; price?: Price; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const models = useOpenAIModels().data ?? [];
  const save = useSavePrice();
  const free = Form.useWatch('free', form) as boolean | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(price ? { ...price } : { currency: 'CNY', free: false, input: 0, output: 0 });
  }, [open, price, form]);

  const onSave = async () => {
    const v = await form.validateFields();
    const body: Values = {
      model: v.model.trim(),
      input: v.free ? 0 : (v.input ?? 0),
      output: v.free ? 0 : (v.output ?? 0),
      currency: v.currency,
      free: Boolean(v.free),
      ...(v.cached !== null && v.cached !== undefined && !v.free ? { cached: v.cached } : {}),
    };
    try {
      await save.mutateAsync(body);
      message.success(t('models.price.saved', { model: body.model }));
      onClose();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const money = { min: 0, step: 0.1, style: { width: '100%' }, disabled: free };
  return (
    <Modal
      open={open}
      title={price ? t('models.price.editTitle', { model: price.model }) : t('models.price.addTitle')}
      onCancel={onClose}
      onOk={onSave}
      okText={t('models.common.save')}
      cancelText={t('models.common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'price-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="model" label={t('models.price.model')} extra={t('models.price.modelHint')} rules={[{ required: true, whitespace: true, message: t('models.form.required') }]}>
          <AutoComplete
            data-testid="price-model"
            disabled={Boolean(price)}
            options={models.map((m) => ({ value: m.id }))}
            showSearch={{ filterOption: (input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
            placeholder="deepseek/deepseek-chat"
          />
        </Form.Item>
        <Form.Item name="free" label={t('models.price.free')} valuePropName="checked" extra={t('models.price.freeHint')}>
          <Switch data-testid="price-free" />
        </Form.Item>
        <Form.Item name="currency" label={t('models.price.currency')}>
          <Select disabled={free} options={[{ value: 'CNY', label: t('models.price.cny') }, { value: 'USD', label: t('models.price.usd') }]} />
        </Form.Item>
        <Form.Item name="input" label={t('models.price.input')}>
          <InputNumber data-testid="price-input" {...money} />
        </Form.Item>
        <Form.Item name="output" label={t('models.price.output')}>
          <InputNumber data-testid="price-output" {...money} />
        </Form.Item>
        <Form.Item name="cached" label={t('models.price.cached')} extra={t('models.price.cachedHint')}>
          <InputNumber {...money} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
