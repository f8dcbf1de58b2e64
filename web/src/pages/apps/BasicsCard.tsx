/** The studio's first card: name, description, model (an alias picked or typed), chat parameters. */
import { Card, Col, Form, Input, InputNumber, Row } from 'antd';
import type { AppParameters, AppSpec } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { ModelPicker } from '../knowledge/ModelPicker.tsx';

const PARAMS: Array<{ key: keyof AppParameters; min: number; max: number; step: number; precision?: number }> = [
  { key: 'temperature', min: 0, max: 2, step: 0.1 },
  { key: 'top_p', min: 0, max: 1, step: 0.05 },
  { key: 'max_tokens', min: 1, max: 1_000_000, step: 1, precision: 0 },
  { key: 'presence_penalty', min: -2, max: 2, step: 0.1 },
  { key: 'frequency_penalty', min: -2, max: 2, step: 0.1 },
];

export function BasicsCard({
  spec,
  onChange,
  disabled,
}: {
  spec: AppSpec;
  onChange: (patch: Partial<AppSpec>) => void;
  disabled: boolean;
}) {
  const t = useT();
  const params = spec.parameters ?? {};
  const setParam = (key: keyof AppParameters, value: number | null) => {
    const next = { ...params };
    if (value === null || value === undefined) delete next[key];
    else next[key] = value;
    onChange({ parameters: next });
  };
  return (
    <Card size="small" title={t('apps.studio.basics')}>
      <Form layout="vertical" disabled={disabled}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('apps.field.name')} required style={{ marginBottom: 12 }}>
              <Input data-testid="studio-name" value={spec.name} maxLength={100} onChange={(e) => onChange({ name: e.target.value })} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('apps.field.model')} extra={t('apps.field.modelHint')} style={{ marginBottom: 12 }}>
              <ModelPicker
                data-testid="studio-model"
                value={spec.model ?? ''}
                onChange={(model) => onChange({ model })}
                allowClear
                placeholder={t('apps.field.modelDefault')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('apps.field.description')} style={{ marginBottom: 12 }}>
          <Input.TextArea
            data-testid="studio-description"
            value={spec.description ?? ''}
            maxLength={2000}
            autoSize={{ minRows: 1, maxRows: 4 }}
            onChange={(e) => onChange({ description: e.target.value })}
          />
        </Form.Item>
        <Row gutter={12}>
          {PARAMS.map((p) => (
            <Col key={p.key} xs={12} md={8} xl={4} flex="auto">
              <Form.Item label={t(`apps.param.${p.key}`)} style={{ marginBottom: 0 }}>
                <InputNumber
                  data-testid={`studio-param-${p.key}`}
                  value={params[p.key]}
                  min={p.min}
                  max={p.max}
                  step={p.step}
                  precision={p.precision}
                  placeholder={t('apps.param.default')}
                  onChange={(v) => setParam(p.key, v)}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Card>
  );
}
