/** Battles in bulk: import a battles.jsonl file (bad lines listed by number), and start an LLM-judge battle job between models over a list of prompts. */
import { InboxOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, List, Row, Segmented, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useImportBattles, useStartJudge, type ImportResult } from '../../api/arena.ts';
import { useT } from '../../i18n/index.ts';
import { ModelPicker } from '../knowledge/ModelPicker.tsx';
import { ModelsSelect } from '../eval/ModelsSelect.tsx';

/** The largest battles file read in the browser, and the prompts one judge job takes. */
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
const MAX_PROMPTS = 1_000;

function ImportCard({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const imp = useImportBattles(workspaceId);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);

  const read = async (file: File) => {
    if (file.size > MAX_IMPORT_BYTES) {
      message.error(t('arena.import.tooBig', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
      return;
    }
    setResult(null);
    try {
      const r = await imp.mutateAsync({ text: await file.text(), skipInvalid });
      setResult(r);
      message.success(t('arena.import.done', { n: r.imported }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Card size="small" title={t('arena.import.title')} data-testid="arena-import">
      <Typography.Paragraph type="secondary">{t('arena.import.hint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".jsonl,.ndjson,.txt"
        showUploadList={false}
        disabled={!canWrite || imp.isPending}
        beforeUpload={(file) => {
          void read(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('arena.import.drop')}</p>
      </Upload.Dragger>
      <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} style={{ marginTop: 8 }}>
        {t('arena.import.skipInvalid')}
      </Checkbox>
      {result ? (
        <Alert
          style={{ marginTop: 12 }}
          type={result.errors.length ? 'warning' : 'success'}
          showIcon
          data-testid="arena-import-result"
          title={t('arena.import.result', { imported: result.imported, skipped: result.skipped })}
          description={
            result.errors.length ? (
              <List
                size="small"
                dataSource={result.errors.slice(0, 50)}
                renderItem={(e) => <List.Item>{t('arena.import.line', { line: e.line, message: e.message })}</List.Item>}
              />
            ) : null
          }
        />
      ) : null}
    </Card>
  );
}

interface JudgeValues {
  models: string[];
  judge: string;
  prompts: string;
  pairs: 'random' | 'all';
}

function JudgeCard({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<JudgeValues>();
  const start = useStartJudge(workspaceId);
  const [jobId, setJobId] = useState<string | null>(null);
  const promptsOf = (text: string | undefined) =>
    (text ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await start.mutateAsync({ models: v.models, judge: v.judge.trim(), prompts: promptsOf(v.prompts), pairs: v.pairs });
      setJobId(r.job_id);
      message.success(t('arena.judge.started'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Card size="small" title={t('arena.judge.title')} data-testid="arena-judge">
      <Typography.Paragraph type="secondary">{t('arena.judge.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ pairs: 'random' }} disabled={!canWrite}>
        <Form.Item
          name="models"
          label={t('arena.judge.models')}
          rules={[{ required: true, type: 'array', min: 2, message: t('arena.judge.twoModels') }]}
        >
          <ModelsSelect data-testid="arena-judge-models" max={50} />
        </Form.Item>
        <Form.Item
          name="judge"
          label={t('arena.judge.judge')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <ModelPicker data-testid="arena-judge-model" placeholder="qwen-max" />
        </Form.Item>
        <Form.Item
          name="prompts"
          label={t('arena.judge.prompts')}
          extra={t('arena.judge.promptsHint', { n: MAX_PROMPTS })}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: async (_, text: string | undefined) => {
                if (promptsOf(text).length > MAX_PROMPTS) throw new Error(t('arena.judge.tooMany', { n: MAX_PROMPTS }));
              },
            },
          ]}
        >
          <Input.TextArea data-testid="arena-judge-prompts" autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <Form.Item name="pairs" label={t('arena.judge.pairs')}>
          <Segmented
            options={[
              { value: 'random', label: t('arena.judge.pairsRandom') },
              { value: 'all', label: t('arena.judge.pairsAll') },
            ]}
          />
        </Form.Item>
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={start.isPending}
          onClick={() => void submit()}
          data-testid="arena-judge-start"
        >
          {t('arena.judge.start')}
        </Button>
      </Form>
      {jobId ? (
        <div data-testid="arena-judge-job" data-job-id={jobId} style={{ marginTop: 12 }}>
          <Alert
            type="info"
            showIcon
            title={
              <span>
                {t('arena.judge.job', { id: jobId })} <Link to="/jobs">{t('arena.judge.openJobs')}</Link>
              </span>
            }
          />
        </div>
      ) : null}
    </Card>
  );
}

export function BatchTab({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <ImportCard workspaceId={workspaceId} canWrite={canWrite} />
      </Col>
      <Col xs={24} lg={12}>
        <JudgeCard workspaceId={workspaceId} canWrite={canWrite} />
      </Col>
    </Row>
  );
}
