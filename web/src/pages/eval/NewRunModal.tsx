/**
 * Starts a run: the suite's keys in a form (a stored dataset and version, models, type, shots,
 * concurrency, the judge model and rubric for judge / safety suites, safety thresholds) or a pasted
 * suite.yaml; the key the calls are made with (default: the workspace's `baimo-eval` key).
 */
import { App, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useDatasets, useDatasetVersions } from '../../api/eval-datasets.ts';
import { SUITE_TYPES, useStartRun, type RunView, type SuiteInput, type SuiteType } from '../../api/eval.ts';
import { useKeys } from '../../api/keys.ts';
import { useT } from '../../i18n/index.ts';
import { ModelPicker } from '../knowledge/ModelPicker.tsx';
import { ModelsSelect } from './ModelsSelect.tsx';

interface Values {
  name: string;
  type: SuiteType;
  dataset: string;
  version?: number;
  models: string[];
  shots?: number | null;
  concurrency?: number | null;
  limit?: number | null;
  judge_model?: string;
  rubric?: string;
  min_refusal?: number | null;
  max_false_refusal?: number | null;
  min_qualified?: number | null;
  key_id?: string;
  yaml?: string;
}

const YAML_EXAMPLE = `name: ceval-demo
type: mcq
dataset: my-ceval        # a stored dataset: name or name@version
models: [qwen-plus, deepseek-chat]
shots: 5
concurrency: 4`;

const pct = (n: number | null | undefined) => (n === null || n === undefined ? undefined : n / 100);

/** The suite the form describes (only the keys its type takes). */
export function suiteOf(v: Values, datasetName: string): SuiteInput {
  const judged = v.type === 'judge' || v.type === 'safety';
  const thresholds = {
    min_refusal_rate: pct(v.min_refusal),
    max_false_refusal_rate: pct(v.max_false_refusal),
    min_qualified_rate: pct(v.min_qualified),
  };
  const anyThreshold = Object.values(thresholds).some((x) => x !== undefined);
  return {
    name: v.name.trim(),
    type: v.type,
    dataset: v.version ? `${datasetName}@${v.version}` : datasetName,
    models: v.models,
    ...(v.type === 'mcq' && v.shots !== null && v.shots !== undefined ? { shots: v.shots } : {}),
    ...(v.concurrency ? { concurrency: v.concurrency } : {}),
    ...(v.limit ? { limit: v.limit } : {}),
    ...(judged && v.judge_model?.trim()
      ? { judge: { model: v.judge_model.trim(), ...(v.rubric?.trim() ? { rubric: v.rubric.trim() } : {}) } }
      : {}),
    ...(v.type === 'safety' && anyThreshold
      ? { thresholds: Object.fromEntries(Object.entries(thresholds).filter(([, x]) => x !== undefined)) }
      : {}),
  };
}

export function NewRunModal({
  open,
  workspaceId,
  onClose,
  onStarted,
}: {
  open: boolean;
  workspaceId: string;
  onClose: () => void;
  onStarted: (run: RunView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'form' | 'yaml'>('form');
  const datasets = useDatasets(open ? workspaceId : '');
  const keys = useKeys(workspaceId, open);
  const start = useStartRun(workspaceId);
  const datasetId = Form.useWatch('dataset', form);
  const type = Form.useWatch('type', form);
  const versions = useDatasetVersions(workspaceId, datasetId ?? '');
  const dataset = datasets.data?.find((d) => d.id === datasetId);

  // Picking a dataset sets the type to the dataset's (the form's default) and the version to its latest.
  const datasetType = dataset?.type;
  useEffect(() => {
    if (datasetType) form.setFieldsValue({ type: datasetType, version: undefined });
  }, [datasetId, datasetType, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const keyId = v.key_id || undefined;
    const body = mode === 'yaml' ? { yaml: v.yaml ?? '', key_id: keyId } : { suite: suiteOf(v, dataset?.name ?? ''), key_id: keyId };
    try {
      const run = await start.mutateAsync(body);
      message.success(t('eval.new.started', { name: run.name }));
      form.resetFields();
      onStarted(run);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const judged = type === 'judge' || type === 'safety';
  return (
    <Modal
      open={open}
      title={t('eval.new.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('eval.new.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: start.isPending, 'data-testid': 'eval-new-submit' }}
      width={720}
      destroyOnHidden
    >
      <Segmented
        value={mode}
        onChange={(m) => setMode(m as 'form' | 'yaml')}
        options={[
          { value: 'form', label: <span data-testid="eval-new-mode-form">{t('eval.new.modeForm')}</span> },
          { value: 'yaml', label: <span data-testid="eval-new-mode-yaml">{t('eval.new.modeYaml')}</span> },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" requiredMark="optional" preserve={false} initialValues={{ concurrency: 4 }}>
        {mode === 'yaml' ? (
          <Form.Item
            name="yaml"
            label="suite.yaml"
            extra={t('eval.new.yamlHint')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { max: 200_000, message: t('eval.new.yamlTooLong') },
            ]}
          >
            <Input.TextArea
              data-testid="eval-new-yaml"
              autoSize={{ minRows: 8, maxRows: 20 }}
              placeholder={YAML_EXAMPLE}
              spellCheck={false}
            />
          </Form.Item>
        ) : (
          <>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item
                  name="name"
                  label={t('eval.new.name')}
                  rules={[{ required: true, whitespace: true, message: t('common.required') }]}
                >
                  <Input data-testid="eval-new-name" maxLength={100} autoComplete="off" placeholder="ceval-2026-q1" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="type" label={t('eval.new.type')} rules={[{ required: true, message: t('common.required') }]}>
                  <Select data-testid="eval-new-type" options={SUITE_TYPES.map((s) => ({ value: s, label: t(`eval.type.${s}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col span={16}>
                <Form.Item name="dataset" label={t('eval.new.dataset')} rules={[{ required: true, message: t('common.required') }]}>
                  <Select
                    data-testid="eval-new-dataset"
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={datasets.isLoading}
                    notFoundContent={t('eval.new.noDatasets')}
                    options={(datasets.data ?? []).map((d) => ({ value: d.id, label: `${d.name} · ${t(`eval.type.${d.type}`)}` }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="version" label={t('eval.new.version')}>
                  <Select
                    data-testid="eval-new-version"
                    allowClear
                    placeholder={t('eval.new.latest')}
                    options={(versions.data ?? []).map((v) => ({ value: v.version, label: `v${v.version} · ${v.item_count}` }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="models"
              label={t('eval.new.models')}
              extra={t('eval.new.modelsHint')}
              rules={[{ required: true, type: 'array', min: 1, message: t('eval.new.modelsRequired') }]}
            >
              <ModelsSelect data-testid="eval-new-models" max={50} placeholder="qwen-plus, deepseek-chat" />
            </Form.Item>
            <Row gutter={16}>
              {type === 'mcq' ? (
                <Col span={8}>
                  <Form.Item name="shots" label={t('eval.new.shots')} extra={t('eval.new.shotsHint')}>
                    <InputNumber data-testid="eval-new-shots" min={0} max={10} precision={0} placeholder="5" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ) : null}
              <Col span={8}>
                <Form.Item name="concurrency" label={t('eval.new.concurrency')} extra={t('eval.new.concurrencyHint')}>
                  <InputNumber data-testid="eval-new-concurrency" min={1} max={256} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="limit" label={t('eval.new.limit')} extra={t('eval.new.limitHint')}>
                  <InputNumber data-testid="eval-new-limit" min={1} max={100_000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {judged ? (
              <>
                <Form.Item
                  name="judge_model"
                  label={t('eval.new.judge')}
                  extra={type === 'judge' ? t('eval.new.judgeHint') : t('eval.new.judgeSafetyHint')}
                  rules={type === 'judge' ? [{ required: true, whitespace: true, message: t('common.required') }] : []}
                >
                  <ModelPicker data-testid="eval-new-judge" allowClear placeholder="qwen-max" />
                </Form.Item>
                <Form.Item name="rubric" label={t('eval.new.rubric')} extra={t('eval.new.rubricHint')} rules={[{ max: 16_000 }]}>
                  <Input.TextArea data-testid="eval-new-rubric" autoSize={{ minRows: 3, maxRows: 10 }} />
                </Form.Item>
              </>
            ) : null}
            {type === 'safety' ? (
              <Row gutter={16}>
                {(
                  [
                    ['min_refusal', 'eval.new.minRefusal', 95],
                    ['max_false_refusal', 'eval.new.maxFalseRefusal', 5],
                    ['min_qualified', 'eval.new.minQualified', 90],
                  ] as const
                ).map(([name, label, placeholder]) => (
                  <Col span={8} key={name}>
                    <Form.Item name={name} label={t(label)}>
                      <InputNumber min={0} max={100} step={1} suffix="%" placeholder={String(placeholder)} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            ) : null}
          </>
        )}
        <Form.Item name="key_id" label={t('eval.new.key')} extra={t('eval.new.keyHint')}>
          <Select
            data-testid="eval-new-key"
            allowClear
            placeholder="baimo-eval"
            loading={keys.isLoading}
            options={(keys.data ?? []).map((k) => ({ value: k.id, label: k.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
