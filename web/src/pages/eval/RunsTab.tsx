/** The runs of the workspace, newest first, with live progress bars (polled while a run is queued or running); a new run; cancel, resume, delete. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRuns, type RunView } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { NewRunModal } from './NewRunModal.tsx';
import { RunActions } from './RunActions.tsx';
import { RUN_BAR, RUN_STATUS_COLORS, runPath } from './format.ts';

const MAX_TAGS = 3;

export function RunsTab({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const t = useT();
  const runs = useRuns(workspaceId);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<RunView> = [
    {
      title: t('eval.col.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={runPath(r.id)} data-testid={`eval-run-open-${r.id}`}>
            <Typography.Text strong>{name}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.dataset.name}@{r.dataset.version} · {fmtTime(r.created_at)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('eval.col.type'), dataIndex: 'type', width: 100, render: (ty: RunView['type']) => <Tag>{t(`eval.type.${ty}`)}</Tag> },
    {
      title: t('eval.col.models'),
      dataIndex: 'models',
      width: 180,
      render: (models: string[]) => (
        <Space size={[0, 4]} wrap>
          {models.slice(0, MAX_TAGS).map((m) => (
            <Tag key={m}>{m}</Tag>
          ))}
          {models.length > MAX_TAGS ? (
            <Tooltip title={models.slice(MAX_TAGS).join(', ')}>
              <Tag>+{models.length - MAX_TAGS}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('eval.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: RunView['status'], r) => (
        <Tag color={RUN_STATUS_COLORS[s]} data-testid={`eval-run-status-${r.id}`} data-status={s}>
          {t(`eval.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('eval.col.progress'),
      key: 'progress',
      width: 180,
      render: (_, r) => (
        <Tooltip title={r.error ?? t('eval.run.progressText', { done: r.done_items, total: r.total_items, errors: r.error_items })}>
          <div data-testid={`eval-run-progress-${r.id}`} data-progress={r.progress}>
            <Progress percent={Math.floor(r.progress * 1000) / 10} status={RUN_BAR[r.status]} size="small" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.done_items} / {r.total_items}
              {r.error_items ? ` · ${t('eval.run.errors', { n: r.error_items })}` : ''}
            </Typography.Text>
          </div>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, r) => <RunActions workspaceId={workspaceId} run={r} canWrite={canWrite} />,
    },
  ];

  return (
    <div data-testid="eval-runs">
      <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
        <Button icon={<ReloadOutlined />} onClick={() => void runs.refetch()} loading={runs.isRefetching}>
          {t('common.refresh')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!canWrite} data-testid="eval-new-run">
          {t('eval.new.button')}
        </Button>
      </Flex>
      {runs.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: runs.error.message })} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<RunView>
        data-testid="eval-runs-table"
        rowKey="id"
        size="middle"
        loading={runs.isLoading}
        columns={columns}
        dataSource={runs.data?.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('eval.runs.empty') }}
        scroll={{ x: 900 }}
      />
      <NewRunModal open={creating} workspaceId={workspaceId} onClose={() => setCreating(false)} onStarted={() => setCreating(false)} />
    </div>
  );
}
