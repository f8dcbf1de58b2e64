/** An app's versions: status, traffic share, notes; publish a draft, roll back, branch a draft, split traffic; page and run stats. */
import { BranchesOutlined, CloudUploadOutlined, PartitionOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAppStats, useCreateDraft, usePublish, useRollback, type AppVersion, type ScenarioApp } from '../../api/apps.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { TrafficModal } from './TrafficModal.tsx';

function Stats({ appId }: { appId: string }) {
  const t = useT();
  const stats = useAppStats(appId);
  if (!stats.data) return null;
  const views = stats.data.days.reduce((n, d) => n + d.views, 0);
  const sessions = stats.data.days.reduce((n, d) => n + d.sessions, 0);
  return (
    <Card size="small" title={t('apps.stats.title')} data-testid="app-stats">
      <Space size={48} wrap>
        <Statistic title={t('apps.stats.views')} value={views} data-testid="app-stats-views" />
        <Statistic title={t('apps.stats.sessions')} value={sessions} data-testid="app-stats-sessions" />
        {stats.data.runs.map((r) => (
          <Statistic
            key={String(r.version)}
            title={r.version === null ? t('apps.stats.runs') : t('apps.stats.runsOf', { v: r.version })}
            value={r.runs}
          />
        ))}
      </Space>
    </Card>
  );
}

export function VersionsTab({ app, versions, canWrite }: { app: ScenarioApp; versions: AppVersion[]; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const publish = usePublish(app.id);
  const rollback = useRollback(app.id);
  const branch = useCreateDraft(app.id);
  const [splitting, setSplitting] = useState(false);
  const weights = new Map((app.traffic ?? []).map((x) => [x.version, x.weight]));
  const published = versions.filter((v) => v.status === 'published');
  const hasDraft = versions.some((v) => v.status === 'draft');
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const columns: TableColumnsType<AppVersion> = [
    {
      title: t('apps.versions.version'),
      dataIndex: 'version',
      width: 90,
      render: (v: number) => <Typography.Text strong>v{v}</Typography.Text>,
    },
    {
      title: t('apps.versions.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: AppVersion['status'], v) => (
        <Tag data-testid={`version-status-${v.version}`} color={s === 'published' ? 'green' : s === 'draft' ? 'gold' : undefined}>
          {t(`apps.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('apps.versions.traffic'),
      key: 'traffic',
      width: 100,
      render: (_, v) => (
        <span data-testid={`version-weight-${v.version}`}>{weights.has(v.version) ? `${weights.get(v.version)}%` : '—'}</span>
      ),
    },
    {
      title: t('apps.versions.model'),
      key: 'model',
      render: (_, v) =>
        v.spec.model ? (
          <Typography.Text code>{v.spec.model}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('apps.field.modelDefault')}</Typography.Text>
        ),
    },
    { title: t('apps.versions.note'), dataIndex: 'note', render: (n: string) => n || '—' },
    { title: t('apps.versions.created'), dataIndex: 'created_at', width: 170, render: (v: string) => fmtTime(v) },
    { title: t('apps.versions.published'), dataIndex: 'published_at', width: 170, render: (v: string | null) => (v ? fmtTime(v) : '—') },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, v) => (
        <Space size={0} wrap>
          {v.status === 'draft' ? (
            <Popconfirm
              title={t('apps.publish.confirm', { v: v.version })}
              okText={t('apps.publish.button')}
              okButtonProps={{ 'data-testid': `version-publish-ok-${v.version}` }}
              cancelText={t('common.cancel')}
              onConfirm={() => act(() => publish.mutateAsync({ version: v.version }), t('apps.publish.done', { v: v.version }))}
              disabled={!canWrite}
            >
              <Button
                type="link"
                size="small"
                icon={<CloudUploadOutlined />}
                disabled={!canWrite}
                data-testid={`version-publish-${v.version}`}
              >
                {t('apps.publish.button')}
              </Button>
            </Popconfirm>
          ) : null}
          {v.status === 'published' && weights.get(v.version) !== 100 ? (
            <Popconfirm
              title={t('apps.rollback.confirm', { v: v.version })}
              okText={t('apps.rollback.button')}
              okButtonProps={{ 'data-testid': `version-rollback-ok-${v.version}` }}
              cancelText={t('common.cancel')}
              onConfirm={() => act(() => rollback.mutateAsync(v.version), t('apps.rollback.done', { v: v.version }))}
              disabled={!canWrite}
            >
              <Button
                type="link"
                size="small"
                icon={<RollbackOutlined />}
                disabled={!canWrite}
                data-testid={`version-rollback-${v.version}`}
              >
                {t('apps.rollback.button')}
              </Button>
            </Popconfirm>
          ) : null}
          {!hasDraft && v.status !== 'draft' ? (
            <Button
              type="link"
              size="small"
              icon={<BranchesOutlined />}
              disabled={!canWrite}
              onClick={() => void act(() => branch.mutateAsync({ from_version: v.version }), t('apps.versions.branched', { v: v.version }))}
              data-testid={`version-branch-${v.version}`}
            >
              {t('apps.versions.branch')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('apps.studio.versions')}
        extra={
          <Button
            icon={<PartitionOutlined />}
            disabled={!canWrite || published.length < 2}
            onClick={() => setSplitting(true)}
            data-testid="traffic-open"
          >
            {t('apps.traffic.button')}
          </Button>
        }
      >
        <Table<AppVersion>
          data-testid="versions-table"
          rowKey="version"
          size="small"
          columns={columns}
          dataSource={versions}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
        />
      </Card>
      <Stats appId={app.id} />
      {splitting ? (
        <TrafficModal open appId={app.id} versions={published} traffic={app.traffic} onClose={() => setSplitting(false)} />
      ) : null}
    </Space>
  );
}
