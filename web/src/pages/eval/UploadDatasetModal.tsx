/**
 * Uploads CSV / JSONL files as a dataset (files dropped or picked; C-Eval's `{subject}_{split}.csv`
 * names give the subject and split): a new dataset, or a new version of one when the name exists and
 * the items differ.
 */
import { InboxOutlined } from '@ant-design/icons';
import { App, Col, Form, Input, Modal, Progress, Row, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import {
  DATASET_FORMATS,
  uploadDataset,
  useDatasetsChanged,
  type DatasetUploadFields,
  type ImportResult,
} from '../../api/eval-datasets.ts';
import { SUITE_TYPES } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';
import { DATASET_NAME } from './format.ts';

/** Files one upload takes, and the formats read. */
const MAX_FILES = 200;
export const DATASET_ACCEPT = '.csv,.jsonl,.ndjson,.json';

type Values = DatasetUploadFields;

export function UploadDatasetModal({
  open,
  workspaceId,
  name,
  onClose,
  onDone,
}: {
  open: boolean;
  workspaceId: string;
  /** A new version of this dataset (its name fixed). */
  name?: string;
  onClose: () => void;
  onDone?: (r: ImportResult) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const changed = useDatasetsChanged(workspaceId);
  const type = Form.useWatch('type', form);

  const close = () => {
    setFiles([]);
    setProgress(null);
    onClose();
  };

  const submit = async () => {
    const v = await form.validateFields();
    if (!files.length) {
      message.error(t('eval.datasets.noFiles'));
      return;
    }
    setProgress(0);
    try {
      const r = await uploadDataset(
        workspaceId,
        { ...v, name: name ?? v.name.trim() },
        files.map((f) => f.originFileObj as File),
        { onProgress: (f) => setProgress(Math.round(f * 100)) },
      );
      message.success(
        r.created
          ? t('eval.datasets.imported', { name: r.dataset.name, version: r.version.version, n: r.version.item_count })
          : t('eval.datasets.unchanged', { name: r.dataset.name, version: r.version.version }),
      );
      for (const w of r.warnings ?? []) message.warning(w);
      void changed();
      form.resetFields();
      onDone?.(r);
      close();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
      setProgress(null);
    }
  };

  return (
    <Modal
      open={open}
      title={name ? t('eval.datasets.newVersion', { name }) : t('eval.datasets.upload')}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('eval.datasets.uploadSubmit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: progress !== null, 'data-testid': 'eval-dataset-upload-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" preserve={false}>
        {name ? null : (
          <Form.Item
            name="name"
            label={t('eval.datasets.name')}
            extra={t('eval.datasets.nameHint')}
            rules={[
              { required: true, message: t('common.required') },
              { pattern: DATASET_NAME, message: t('eval.datasets.nameInvalid') },
            ]}
          >
            <Input data-testid="eval-dataset-name" autoComplete="off" maxLength={100} placeholder="ceval-network" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="type" label={t('eval.datasets.type')} extra={t('eval.datasets.auto')}>
              <Select
                data-testid="eval-dataset-type"
                allowClear
                options={SUITE_TYPES.map((s) => ({ value: s, label: t(`eval.type.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="format" label={t('eval.datasets.format')} extra={t('eval.datasets.auto')}>
              <Select
                data-testid="eval-dataset-format"
                allowClear
                options={DATASET_FORMATS.map((f) => ({ value: f, label: t(`eval.format.${f}`) }))}
              />
            </Form.Item>
          </Col>
          {type === undefined || type === 'mcq' ? (
            <Col span={8}>
              <Form.Item name="split" label={t('eval.datasets.split')} extra={t('eval.datasets.splitHint')}>
                <Select allowClear options={['dev', 'val', 'test'].map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        {name ? null : (
          <Form.Item name="description" label={t('eval.datasets.description')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        )}
      </Form>
      <div data-testid="eval-dataset-upload">
        <Upload.Dragger
          multiple
          accept={DATASET_ACCEPT}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(0, MAX_FILES))}
          disabled={progress !== null}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('eval.datasets.drop')}</p>
          <p className="ant-upload-hint">{t('eval.datasets.dropHint')}</p>
        </Upload.Dragger>
      </div>
      {progress !== null ? <Progress percent={progress} size="small" style={{ marginTop: 8 }} /> : null}
    </Modal>
  );
}
