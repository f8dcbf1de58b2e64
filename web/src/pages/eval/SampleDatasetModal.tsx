/**
 * A dataset sampled from the request logs (their bodies must have been stored: logging.store_bodies):
 * the last user message as the input, the logged answer as the reference (QA) — or as a prompt to
 * judge against a rubric (judge); filtered by model, app and time, a seeded random sample.
 */
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSampleDataset, type SampleInput } from '../../api/eval-datasets.ts';
import { useT } from '../../i18n/index.ts';
import { ModelPicker } from '../knowledge/ModelPicker.tsx';
import { DATASET_NAME } from './format.ts';

interface Values {
  name: string;
  type: 'qa' | 'judge';
  model?: string;
  app?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  limit: number;
  seed?: number | null;
  rubric?: string;
}

export function SampleDatasetModal({ open, workspaceId, onClose }: { open: boolean; workspaceId: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const sample = useSampleDataset(workspaceId);
  const type = Form.useWatch('type', form);

  const submit = async () => {
    const v = await form.validateFields();
    const body: SampleInput = {
      name: v.name.trim(),
      type: v.type,
      limit: v.limit,
      ...(v.model?.trim() ? { model: v.model.trim() } : {}),
      ...(v.app?.trim() ? { app: v.app.trim() } : {}),
      ...(v.range?.[0] ? { from: v.range[0].toISOString() } : {}),
      ...(v.range?.[1] ? { to: v.range[1].toISOString() } : {}),
      ...(v.seed !== null && v.seed !== undefined ? { seed: v.seed } : {}),
      ...(v.type === 'judge' && v.rubric?.trim() ? { rubric: v.rubric.trim() } : {}),
    };
    try {
      const r = await sample.mutateAsync(body);
      message.success(t('eval.datasets.imported', { name: r.dataset.name, version: r.version.version, n: r.version.item_count }));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('eval.sample.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('eval.sample.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: sample.isPending, 'data-testid': 'eval-sample-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" preserve={false} initialValues={{ type: 'qa', limit: 100 }}>
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="name"
              label={t('eval.datasets.name')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: DATASET_NAME, message: t('eval.datasets.nameInvalid') },
              ]}
            >
              <Input data-testid="eval-sample-name" autoComplete="off" maxLength={100} placeholder="support-logs" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={t('eval.datasets.type')} rules={[{ required: true }]}>
              <Select
                data-testid="eval-sample-type"
                options={(['qa', 'judge'] as const).map((s) => ({ value: s, label: t(`eval.type.${s}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="model" label={t('eval.sample.model')}>
              <ModelPicker allowClear placeholder={t('eval.sample.any')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="app" label={t('eval.sample.app')}>
              <Input allowClear placeholder={t('eval.sample.any')} maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="range" label={t('eval.sample.range')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="limit" label={t('eval.sample.limit')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="seed" label={t('eval.sample.seed')} extra={t('eval.sample.seedHint')}>
              <InputNumber min={0} max={2 ** 31 - 1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {type === 'judge' ? (
          <Form.Item name="rubric" label={t('eval.new.rubric')} rules={[{ max: 16_000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
