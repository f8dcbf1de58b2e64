/** Audit log: filterable, cursor-paged list of admin actions and policy events; verify the hash chain; export. */
import { DownloadOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { exportAudit, useAudit, useVerifyAudit, type AuditEntry, type AuditFilters as Filters } from '../../api/audit.ts';
import { useWorkspaces } from '../../api/workspaces.ts';
import { useIsAdmin } from '../../app/auth';
import { useT } from '../../i18n';
import { fmtTime } from '../logs/format';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';
import { errorText } from './hooks';

const dim = (s: string) => <Typography.Text type="secondary">{s}</Typography.Text>;

/** `workspaceId`: the page's workspace; users who are not instance administrators see only its entries. */
export function AuditTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const isAdmin = useIsAdmin();
  const [picked, setFilters] = useState<Filters>({});
  const filters = isAdmin ? picked : { ...picked, workspaceId };
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const [exporting, setExporting] = useState(false);
  const workspaces = useWorkspaces().data ?? [];
  const names = new Map(workspaces.map((w) => [w.id, w.name]));
  const q = useAudit(filters);
  const rows = useMemo(() => q.data?.pages.flatMap((p) => p.data) ?? [], [q.data]);
  const actions = useMemo(() => [...new Set(rows.map((r) => r.action))].sort(), [rows]);
  const verify = useVerifyAudit();

  const onExport = async () => {
    setExporting(true);
    try {
      const bytes = await exportAudit();
      message.success(t('security.audit.exported', { kb: (bytes / 1024).toFixed(1) }));
    } catch (e) {
      message.error(t('common.error', { message: errorText(e) }));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: '#', dataIndex: 'seq', width: 70, render: (n: number) => dim(String(n)) },
    {
      title: t('security.audit.time'),
      dataIndex: 'created_at',
      width: 170,
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fmtTime(v)}</span>,
    },
    {
      title: t('security.audit.actor'),
      width: 220,
      ellipsis: true,
      render: (_: unknown, r) => (
        <Space size={4}>
          <Tag>{r.actor_type}</Tag>
          {r.actor_id ? <Tooltip title={r.actor_id}>{r.actor_id}</Tooltip> : null}
        </Space>
      ),
    },
    {
      title: t('security.audit.action'),
      dataIndex: 'action',
      width: 220,
      render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
    },
    {
      title: t('security.audit.target'),
      ellipsis: true,
      render: (_: unknown, r) =>
        r.target_type || r.target_id ? `${r.target_type ?? ''}${r.target_id ? ` · ${r.target_id}` : ''}` : dim('—'),
    },
    {
      title: t('common.workspace'),
      dataIndex: 'workspace_id',
      width: 160,
      ellipsis: true,
      render: (id: string | null) => (id ? <Tooltip title={id}>{names.get(id) ?? id}</Tooltip> : dim('—')),
    },
  ];

  const v = verify.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Text type="secondary">{t('security.audit.hint')}</Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} data-testid="audit-refresh">
            {t('common.refresh')}
          </Button>
          {isAdmin ? (
            <>
              <Button
                icon={<SafetyCertificateOutlined />}
                loading={verify.isPending}
                onClick={() => verify.mutate()}
                data-testid="audit-verify"
              >
                {t('security.audit.verify')}
              </Button>
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="audit-export">
                {t('security.audit.export')}
              </Button>
            </>
          ) : null}
        </Space>
      </Flex>
      {verify.isError ? <Alert type="error" showIcon title={errorText(verify.error)} /> : null}
      {v ? (
        <Alert
          data-testid="audit-verify-result"
          data-ok={v.ok}
          type={v.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => verify.reset() }}
          title={v.ok ? t('security.audit.intact', { n: v.checked }) : t('security.audit.broken', { n: v.checked })}
          description={
            v.first_bad ? (
              <Typography.Text type="danger" data-testid="audit-verify-bad">
                {t('security.audit.firstBad', { seq: v.first_bad.seq, id: v.first_bad.id, reason: v.first_bad.reason })}
                {v.first_bad.message ? ` — ${v.first_bad.message}` : ''}
              </Typography.Text>
            ) : undefined
          }
        />
      ) : null}
      <Card size="small">
        <AuditFilters onChange={setFilters} workspaces={isAdmin ? workspaces : undefined} actions={actions} />
      </Card>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} data-testid="audit-error" /> : null}
      <Card size="small">
        <Table<AuditEntry>
          data-testid="audit-table"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={q.isLoading}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(r) =>
            ({
              onClick: () => setOpen(r),
              style: { cursor: 'pointer' },
              'data-testid': 'audit-row',
              'data-action': r.action,
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: t('security.audit.empty') }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="audit-count">
            {t('security.audit.loaded', { n: rows.length })}
          </Typography.Text>
          {q.hasNextPage ? (
            <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="audit-load-more">
              {t('security.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <AuditDetail entry={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
