/** Edits one stored policy (a workspace's, an app's or a key's); saving PUTs the whole document. */
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Divider, Form, Input, Popconfirm, Row, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n';
import { PiiFields } from './PiiFields';
import { toPolicy, toValues, type PolicyFormValues } from './policyForm';
import type { Library } from '../../api/moderation.ts';
import { TRUST_LEVELS, type PolicyDocument } from '../../api/security.ts';

interface Props {
  policy: PolicyDocument;
  libraries: Library[];
  saving: boolean;
  deleting: boolean;
  /** The API's message when the last save was refused (400). */
  error: string | null;
  stored: boolean;
  onSave: (policy: PolicyDocument) => void;
  onDelete: () => void;
}

export function PolicyForm({ policy, libraries, saving, deleting, error, stored, onSave, onDelete }: Props) {
  const t = useT();
  const [form] = Form.useForm<PolicyFormValues>();
  const labelMode = Form.useWatch('label_mode', form);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toValues(policy));
  }, [policy, form]);

  const submit = async () => {
    let v: PolicyFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return; // The fields show what is wrong.
    }
    onSave(toPolicy(v, policy));
  };

  const trust = TRUST_LEVELS.map((l) => ({ value: l, label: <span data-testid={`trust-${l}`}>{t(`security.trust.${l}`)}</span> }));
  const inherit = { value: 'inherit', label: t('security.inherit') };
  const libraryName = (l: Library) => `${l.name}${l.workspace_id ? '' : ` (${t('security.lib.scope.instance')})`}`;

  return (
    <Form form={form} layout="vertical" initialValues={toValues(policy)} data-testid="policy-form">
      <Divider titlePlacement="start" plain>
        {t('security.policy.section.pii')}
      </Divider>
      <PiiFields />
      <Divider titlePlacement="start" plain>
        {t('security.policy.section.routing')}
      </Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="routing_allow" label={t('security.policy.routingAllow')} extra={t('security.policy.routingAllowHint')}>
            <Checkbox.Group data-testid="policy-routing-allow" options={trust} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="routing_pii" label={t('security.policy.routingPii')} extra={t('security.policy.routingPiiHint')}>
            <Checkbox.Group data-testid="policy-routing-pii" options={trust} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('security.policy.section.moderation')}
      </Divider>
      <Row gutter={24}>
        <Col xs={24} md={6}>
          <Form.Item name="moderation_input" label={t('security.policy.moderationInput')}>
            <Select
              data-testid="policy-moderation-input"
              options={[inherit, ...(['block', 'flag', 'off'] as const).map((m) => ({ value: m, label: t(`security.moderation.${m}`) }))]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="moderation_output" label={t('security.policy.moderationOutput')}>
            <Select
              data-testid="policy-moderation-output"
              options={[inherit, ...(['cut', 'flag', 'off'] as const).map((m) => ({ value: m, label: t(`security.moderation.${m}`) }))]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="libraries" label={t('security.policy.libraries')} extra={t('security.policy.librariesHint')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="policy-libraries"
              placeholder={t('security.policy.librariesAll')}
              options={libraries.map((l) => ({ value: l.id, label: libraryName(l) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('security.policy.section.labels')}
      </Divider>
      <Row gutter={24}>
        <Col xs={24} md={6}>
          <Form.Item name="label_mode" label={t('security.policy.labelMode')}>
            <Select
              data-testid="policy-label-mode"
              options={[inherit, ...(['none', 'custom'] as const).map((m) => ({ value: m, label: t(`security.policy.label.${m}`) }))]}
            />
          </Form.Item>
        </Col>
        {labelMode === 'custom' ? (
          <>
            <Col xs={24} md={12}>
              <Form.Item
                name="label_text"
                label={t('security.policy.labelText')}
                rules={[{ required: true, whitespace: true, message: t('common.required') }]}
              >
                <Input maxLength={200} placeholder="（本内容由人工智能生成）" data-testid="policy-label-text" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="label_position" label={t('security.policy.labelPosition')}>
                <Select
                  data-testid="policy-label-position"
                  options={(['start', 'end'] as const).map((p) => ({ value: p, label: t(`security.policy.position.${p}`) }))}
                />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('security.policy.saveFailed')}
          description={error}
          style={{ marginBottom: 16 }}
          data-testid="policy-error"
        />
      ) : null}
      <Space>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void submit()} data-testid="policy-save">
          {t('common.save')}
        </Button>
        <Popconfirm title={t('security.policy.deleteConfirm')} onConfirm={onDelete} disabled={!stored}>
          <Button danger icon={<DeleteOutlined />} loading={deleting} disabled={!stored} data-testid="policy-delete">
            {t('security.policy.delete')}
          </Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
