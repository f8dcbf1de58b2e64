/** Pull a GGUF file into models_dir (a URL or a Hugging Face reference) and follow its progress. */
import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { errorText } from './hooks';
import { usePullJob, useRefreshLocalModels, useStartPull } from '../../api/local-models.ts';
import { fmtBytes, pullError } from './localModels';

export function PullForm() {
  const t = useT();
  const { message } = App.useApp();
  const [source, setSource] = useState('');
  const [starting, setStarting] = useState(false);
  const [job, setJob] = useState<{ id: string; source: string } | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const q = usePullJob(job?.id ?? null);
  const refresh = useRefreshLocalModels();
  const start = useStartPull();
  const status = q.data?.status;
  const finished = useRef<string | null>(null);

  // Once per job: refresh the list when it is done, tell the user either way.
  useEffect(() => {
    if (!job || finished.current === job.id || (status !== 'done' && status !== 'failed')) return;
    finished.current = job.id;
    if (status === 'done') {
      void refresh();
      message.success(t('models.local.pullDone', { source: job.source }));
    }
  }, [job, status, refresh, message, t]);

  const onSubmit = async () => {
    const s = source.trim();
    if (!s) return;
    setStarting(true);
    setStartError(null);
    try {
      const r = await start.mutateAsync(s);
      setJob({ id: r.job_id, source: s });
    } catch (e) {
      setStartError(errorText(e));
    } finally {
      setStarting(false);
    }
  };

  const running = starting || (job !== null && (status === undefined || status === 'running'));
  const d = q.data;
  const percent = d && d.total_bytes ? Math.min(100, Math.floor((d.received_bytes / d.total_bytes) * 100)) : status === 'done' ? 100 : 0;
  const bytes = d ? (d.total_bytes ? `${fmtBytes(d.received_bytes)} / ${fmtBytes(d.total_bytes)}` : fmtBytes(d.received_bytes)) : '';
  const failure = status === 'failed' ? (pullError(d) ?? t('models.local.pullFailed')) : q.isError ? errorText(q.error) : startError;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={8}>
      <Form layout="inline" onFinish={onSubmit} style={{ rowGap: 8 }}>
        <Form.Item style={{ flex: 1, minWidth: 320 }} extra={t('models.local.sourceHint')}>
          <Input
            data-testid="local-pull-source"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            placeholder={t('models.local.sourcePlaceholder')}
            autoComplete="off"
            allowClear
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<CloudDownloadOutlined />} loading={running} disabled={!source.trim()} data-testid="local-pull-submit">
            {t('models.local.pull')}
          </Button>
        </Form.Item>
      </Form>
      {job ? (
        <div data-testid="local-pull-progress" data-status={status ?? 'starting'} data-received={d?.received_bytes ?? 0}>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
            {status === 'done' ? t('models.local.pulled') : status === 'failed' ? t('models.local.pullFailed') : t('models.local.pulling')}
            {': '}
            {job.source}
          </Typography.Text>
          <Progress
            percent={percent}
            status={status === 'failed' ? 'exception' : status === 'done' ? 'success' : 'active'}
            format={() => bytes || `${percent}%`}
            percentPosition={{ align: 'end', type: 'outer' }}
          />
        </div>
      ) : null}
      {failure ? <Alert type="error" showIcon title={failure} data-testid="local-pull-error" /> : null}
    </Space>
  );
}
