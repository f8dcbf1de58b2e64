/** The PII part of the policy form: action, built-in types, custom regex recognizers, dictionary terms. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import { PII_ACTIONS, PII_TYPES } from '../../api/security.ts';

/** A JavaScript regular expression that compiles (the server checks it again). */
function compiles(pattern: string | undefined, flags: string | undefined): boolean {
  if (!pattern) return true;
  try {
    new RegExp(pattern, flags || undefined);
    return true;
  } catch {
    return false;
  }
}

export function PiiFields() {
  const t = useT();
  return (
    <>
      <Form.Item name="pii_action" label={t('security.policy.piiAction')} extra={t(`security.policy.piiActionHint`)}>
        <Radio.Group data-testid="policy-pii-action">
          {(['inherit', ...PII_ACTIONS] as const).map((a) => (
            <Radio key={a} value={a}>
              <span data-testid={`policy-pii-action-${a}`}>{t(`security.pii.action.${a}`)}</span>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="pii_types" label={t('security.policy.piiTypes')} extra={t('security.policy.emptyInherits')}>
        <Checkbox.Group
          data-testid="policy-pii-types"
          options={PII_TYPES.map((p) => ({
            value: p,
            label: <span data-testid={`policy-pii-type-${p}`}>{t(`security.pii.type.${p}`)}</span>,
          }))}
        />
      </Form.Item>
      <Form.Item name="min_confidence" label={t('security.policy.minConfidence')} extra={t('security.policy.minConfidenceHint')}>
        <InputNumber min={0} max={1} step={0.05} style={{ width: 160 }} placeholder="0.5" data-testid="policy-min-confidence" />
      </Form.Item>
      <Form.Item label={t('security.policy.custom')} extra={t('security.policy.customHint')}>
        <Form.List name="custom">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }} size={8}>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} wrap={false} align="top">
                  <Col flex="160px">
                    <Form.Item
                      name={[f.name, 'name']}
                      style={{ marginBottom: 0 }}
                      rules={[
                        { required: true, message: t('common.required') },
                        { pattern: /^[A-Za-z0-9_\-\u4e00-\u9fff]{1,40}$/, message: t('security.policy.customNameRule') },
                      ]}
                    >
                      <Input placeholder={t('security.policy.customName')} data-testid={`policy-custom-name-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item
                      name={[f.name, 'pattern']}
                      style={{ marginBottom: 0 }}
                      dependencies={[['custom', f.name, 'flags']]}
                      rules={[
                        { required: true, message: t('common.required') },
                        ({ getFieldValue }) => ({
                          validator: (_, v?: string) =>
                            compiles(v, getFieldValue(['custom', f.name, 'flags']) as string | undefined)
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('security.policy.regexInvalid'))),
                        }),
                      ]}
                    >
                      <Input
                        placeholder={t('security.policy.customPattern')}
                        style={{ fontFamily: 'monospace' }}
                        data-testid={`policy-custom-pattern-${i}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="80px">
                    <Form.Item name={[f.name, 'flags']} style={{ marginBottom: 0 }} rules={[{ pattern: /^[imsu]*$/, message: 'i m s u' }]}>
                      <Input placeholder={t('security.policy.customFlags')} data-testid={`policy-custom-flags-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[f.name, 'label']} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('security.policy.customLabel')} maxLength={40} data-testid={`policy-custom-label-${i}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      data-testid={`policy-custom-remove-${i}`}
                    />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', pattern: '' })} data-testid="policy-custom-add">
                {t('security.policy.customAdd')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item
        name="terms"
        label={t('security.policy.terms')}
        extra={<Typography.Text type="secondary">{t('security.policy.termsHint')}</Typography.Text>}
      >
        <Input.TextArea rows={4} placeholder={t('security.policy.termsPlaceholder')} data-testid="policy-terms" />
      </Form.Item>
    </>
  );
}
