import { App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCreateKey, type AppView, type CreatedKey, type KeyInput, type Period } from '../../api/keys.ts';
import { useT } from '../../i18n/index.ts';

interface FormValues {
  name: string;
  app_id?: string;
  models?: string[];
  rpm?: number;
  tpm?: number;
  token_quota?: number;
  token_quota_period: Period;
  budget?: number;
  budget_currency: 'CNY' | 'USD';
  budget_period: Period;
  expires_at?: Dayjs;
  industry?: string;
  region?: string;
  user_group?: string;
  scenario_tags?: string[];
  cache: 'inherit' | 'on' | 'off';
  cache_ttl_s?: number;
}

interface Props {
  open: boolean;
  workspaceId: string;
  apps: AppView[];
  models: string[];
  onClose: () => void;
  onCreated: (key: CreatedKey) => void;
}

const blank = (s?: string) => (s && s.trim() ? s.trim() : undefined);

export default function CreateKeyModal({ open, workspaceId, apps, models, onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateKey(workspaceId);
  const periods = (['day', 'month', 'total'] as const).map((p) => ({ value: p, label: t(`common.period.${p}`) }));

  const submit = async () => {
    const v = await form.validateFields();
    const metadata: NonNullable<KeyInput['metadata']> = {};
    for (const k of ['industry', 'region', 'user_group'] as const) {
      const value = blank(v[k]);
      if (value) metadata[k] = value;
    }
    if (v.scenario_tags?.length) metadata.scenario_tags = v.scenario_tags;
    const body: KeyInput = {
      name: v.name.trim(),
      app_id: v.app_id ?? null,
      models: v.models?.length ? v.models : null,
      rpm: v.rpm ?? null,
      tpm: v.tpm ?? null,
      token_quota: v.token_quota ?? null,
      token_quota_period: v.token_quota_period,
      budget: v.budget ?? null,
      budget_currency: v.budget_currency,
      budget_period: v.budget_period,
      expires_at: v.expires_at ? v.expires_at.toISOString() : null,
      metadata: Object.keys(metadata).length ? metadata : null,
      cache: v.cache === 'inherit' ? null : v.cache === 'on',
      cache_ttl_s: v.cache_ttl_s ?? null,
    };
    try {
      const created = await create.mutateAsync(body);
      form.resetFields();
      onCreated(created);
    } catch (e) {
      message.error(t('keys.create.failed', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('keys.create.title')}
      width={720}
      okText={t('common.create')}
      onOk={submit}
      okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'key-create-submit' } as Record<string, string>) }}
      onCancel={onClose}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ token_quota_period: 'month', budget_currency: 'CNY', budget_period: 'month', cache: 'inherit' }}
        requiredMark="optional"
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('keys.field.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input placeholder={t('keys.field.namePlaceholder')} maxLength={200} data-testid="key-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="app_id" label={t('keys.field.app')}>
              <Select allowClear placeholder={t('keys.field.appPlaceholder')} options={apps.map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="models" label={t('keys.field.models')} extra={t('keys.field.modelsHint')}>
          <Select
            mode="tags"
            allowClear
            placeholder={t('keys.field.modelsPlaceholder')}
            options={models.map((m) => ({ value: m, label: m }))}
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('keys.section.limits')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="rpm" label={t('keys.field.rpm')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={t('common.unlimited')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tpm" label={t('keys.field.tpm')}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} placeholder={t('common.unlimited')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('keys.field.tokenQuota')}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="token_quota" noStyle>
                  <InputNumber min={1} precision={0} style={{ width: '65%' }} placeholder={t('common.unlimited')} />
                </Form.Item>
                <Form.Item name="token_quota_period" noStyle>
                  <Select style={{ width: '35%' }} options={periods} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={t('keys.field.budget')}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="budget_currency" noStyle>
                  <Select
                    style={{ width: '28%' }}
                    options={[
                      { value: 'CNY', label: '¥ CNY' },
                      { value: 'USD', label: '$ USD' },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="budget" noStyle>
                  <InputNumber min={0.01} step={10} style={{ width: '42%' }} placeholder={t('common.unlimited')} />
                </Form.Item>
                <Form.Item name="budget_period" noStyle>
                  <Select style={{ width: '30%' }} options={periods} />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="expires_at" label={t('keys.field.expiresAt')} extra={t('keys.field.expiresHint')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('keys.section.metadata')}
        </Divider>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="industry" label={t('keys.field.industry')}>
              <Input placeholder={t('keys.field.industryPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="region" label={t('keys.field.region')}>
              <Input placeholder={t('keys.field.regionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="user_group" label={t('keys.field.userGroup')}>
              <Input placeholder={t('keys.field.userGroupPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="scenario_tags" label={t('keys.field.scenarioTags')}>
          <Select mode="tags" placeholder={t('keys.field.scenarioTagsPlaceholder')} open={false} suffixIcon={null} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('keys.section.cache')}
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="cache" label={t('keys.field.cache')}>
              <Select
                options={[
                  { value: 'inherit', label: t('keys.cache.inherit') },
                  { value: 'on', label: t('keys.cache.on') },
                  { value: 'off', label: t('keys.cache.off') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="cache_ttl_s" label={t('keys.field.cacheTtl')}>
              <InputNumber
                min={1}
                max={30 * 86400}
                precision={0}
                style={{ width: '100%' }}
                placeholder={t('keys.field.cacheTtlPlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
