/** The columns of the jobs table: type, scope, state, progress (with the message or the error), tries and times. */
import { Button, Popconfirm, Progress, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { isActive, type Job, type JobStatus } from '../../api/jobs.ts';
import type { TFunction } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';

export const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

const COLORS: Record<JobStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const BAR: Record<JobStatus, 'normal' | 'active' | 'success' | 'exception'> = {
  queued: 'normal',
  running: 'active',
  succeeded: 'success',
  failed: 'exception',
  cancelled: 'normal',
};

const time = (iso: string | null) => (iso ? fmtTime(iso) : <Typography.Text type="secondary">—</Typography.Text>);

export function jobColumns(
  t: TFunction,
  o: { workspaceName: (id: string) => string; canCancel: (j: Job) => boolean; onCancel: (j: Job) => void; cancelling: string | null },
): TableColumnsType<Job> {
  return [
    {
      title: t('jobs.col.name'),
      dataIndex: 'name',
      render: (name: string, j) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: j.id }}>
            {j.queue} · {j.id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('jobs.col.workspace'),
      dataIndex: 'workspace_id',
      width: 140,
      render: (ws: string | null) => (ws ? <Tag>{o.workspaceName(ws)}</Tag> : <Tag color="purple">{t('jobs.instance')}</Tag>),
    },
    {
      title: t('jobs.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: JobStatus, j) => (
        <Tag color={COLORS[s]} data-testid={`job-status-${j.id}`}>
          {t(`jobs.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('jobs.col.progress'),
      key: 'progress',
      width: 300,
      render: (_: unknown, j) => (
        <div data-testid={`job-progress-${j.id}`}>
          <Progress percent={Math.round(j.progress * 100)} size="small" status={BAR[j.status]} />
          {j.error && j.status !== 'succeeded' ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }} ellipsis={{ tooltip: j.error }}>
              {j.error}
            </Typography.Text>
          ) : j.progress_message ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: j.progress_message }}>
              {j.progress_message}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('jobs.col.attempts'),
      key: 'attempts',
      width: 110,
      render: (_: unknown, j) => t('jobs.attempts', { n: j.attempts, max: j.max_attempts }),
    },
    { title: t('jobs.col.created'), dataIndex: 'created_at', width: 170, render: time },
    { title: t('jobs.col.started'), dataIndex: 'started_at', width: 170, render: time },
    { title: t('jobs.col.finished'), dataIndex: 'finished_at', width: 170, render: time },
    {
      title: '',
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_: unknown, j) =>
        isActive(j) && o.canCancel(j) ? (
          <Popconfirm title={t('jobs.cancelConfirm')} onConfirm={() => o.onCancel(j)}>
            <Tooltip title={t('jobs.cancel')}>
              <Button size="small" danger loading={o.cancelling === j.id} data-testid={`job-cancel-${j.id}`}>
                {t('jobs.cancel')}
              </Button>
            </Tooltip>
          </Popconfirm>
        ) : null,
    },
  ];
}
