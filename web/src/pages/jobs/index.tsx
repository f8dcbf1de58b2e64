/** Background jobs: state, progress bar, error and times; the list refreshes itself while a job is queued or running. */
import { PlayCircleOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { isActive, useCancelJob, useJobs, useStartJob, type Job, type JobStatus } from '../../api/jobs.ts';
import { useWorkspaces } from '../../api/workspaces.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.ts';
import { JOB_STATUSES, jobColumns } from './columns.tsx';

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** A job's input and result, under its row. */
function JobDetail({ job }: { job: Job }) {
  const t = useT();
  return (
    <Flex gap={24} wrap>
      {[
        [t('jobs.input'), job.input],
        [t('jobs.result'), job.result],
      ].map(([title, value]) => (
        <div key={String(title)} style={{ minWidth: 240, flex: 1 }}>
          <Typography.Text type="secondary">{String(title)}</Typography.Text>
          <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{value == null ? '—' : json(value)}</pre>
        </div>
      ))}
    </Flex>
  );
}

export default function JobsPage() {
  const t = useT();
  const { message } = App.useApp();
  const { me } = useAuth();
  const isAdmin = Boolean(me?.is_admin);
  const [status, setStatus] = useState<JobStatus | undefined>(undefined);
  const q = useJobs({ status });
  const workspaces = useWorkspaces();
  const start = useStartJob();
  const cancel = useCancelJob();

  const names = useMemo(() => new Map((workspaces.data ?? []).map((w) => [w.id, w.name])), [workspaces.data]);
  const rows = q.data?.data ?? [];
  const polling = rows.some(isActive);

  const canCancel = (j: Job): boolean => {
    if (isAdmin) return true;
    if (!j.workspace_id) return false;
    const role = (workspaces.data ?? []).find((w) => w.id === j.workspace_id)?.role;
    return role !== undefined && role !== null && role !== 'viewer';
  };

  const onCancel = async (j: Job) => {
    try {
      await cancel.mutateAsync(j.id);
      message.success(t('jobs.cancelled'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const runPurge = async () => {
    try {
      await start.mutateAsync({ name: 'retention.purge' });
      message.success(t('jobs.purgeStarted'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const columns = jobColumns(t, {
    workspaceName: (id) => names.get(id) ?? id,
    canCancel,
    onCancel: (j) => void onCancel(j),
    cancelling: cancel.isPending ? (cancel.variables ?? null) : null,
  });

  return (
    <div data-testid="jobs-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('jobs.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('jobs.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('jobs.filter.status')}
            value={status}
            onChange={(v) => setStatus(v)}
            style={{ minWidth: 140 }}
            options={JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))}
            data-testid="jobs-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isRefetching} data-testid="jobs-refresh">
            {t('jobs.refresh')}
          </Button>
          {isAdmin && (
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              onClick={() => void runPurge()}
              loading={start.isPending}
              data-testid="jobs-run-purge"
            >
              {t('jobs.runPurge')}
            </Button>
          )}
        </Space>
      </Flex>
      {q.isError ? (
        <Alert type="error" showIcon title={`${t('jobs.loadError')}: ${(q.error as Error).message}`} style={{ marginBottom: 16 }} />
      ) : null}
      <Card size="small">
        {polling ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }} data-testid="jobs-polling">
            <SyncOutlined spin /> {t('jobs.polling')}
          </Typography.Text>
        ) : null}
        <Table<Job>
          data-testid="jobs-table"
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          expandable={{ expandedRowRender: (j) => <JobDetail job={j} /> }}
          locale={{ emptyText: t('jobs.empty') }}
          scroll={{ x: 1300 }}
        />
      </Card>
    </div>
  );
}
