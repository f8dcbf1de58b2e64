/** Moderation libraries: the workspace's and the instance-wide ones, create, enable, open, delete; a check box. */
import { DeleteOutlined, FolderOpenOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useDeleteLibrary, useLibraries, usePatchLibrary, type Library } from '../../api/moderation.ts';
import { useIsAdmin } from '../../app/auth';
import { useT } from '../../i18n';
import { fmtTime } from '../logs/format';
import { CreateLibraryModal } from './CreateLibraryModal';
import { errorText } from './hooks';
import { LibraryDrawer } from './LibraryDrawer';
import { ModerationCheck } from './ModerationCheck';

export function LibrariesTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const isAdmin = useIsAdmin();
  const q = useLibraries(workspaceId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const onError = (e: unknown) => message.error(t('common.error', { message: errorText(e) }));
  const patch = usePatchLibrary();
  const del = useDeleteLibrary();
  const libraries = q.data ?? [];
  const open = libraries.find((l) => l.id === openId) ?? null;
  const editable = (l: Library) => l.source !== 'file' && (l.workspace_id !== null || isAdmin);

  const columns: TableColumnsType<Library> = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, l) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => setOpenId(l.id)} data-testid={`library-open-${l.name}`}>
            {name}
          </Typography.Link>
          {l.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('security.lib.scope'),
      dataIndex: 'workspace_id',
      width: 130,
      render: (ws: string | null, l) => (
        <Space size={0}>
          {ws ? <Tag color="blue">{t('security.lib.scope.workspace')}</Tag> : <Tag color="purple">{t('security.lib.scope.instance')}</Tag>}
          {l.source === 'file' ? <Tag>{t('security.lib.fromFile')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('security.lib.termCount'),
      dataIndex: 'term_count',
      width: 110,
      align: 'right',
      render: (n: number, l) => <span data-testid={`library-count-${l.name}`}>{n.toLocaleString()}</span>,
    },
    {
      title: t('security.lib.enabled'),
      dataIndex: 'enabled',
      width: 90,
      render: (on: boolean, l) => (
        <Switch
          size="small"
          checked={on}
          disabled={!editable(l)}
          loading={patch.isPending && patch.variables?.id === l.id}
          onChange={(v) => patch.mutate({ id: l.id, body: { enabled: v } }, { onError })}
          data-testid={`library-enabled-${l.name}`}
        />
      ),
    },
    { title: t('security.lib.updated'), dataIndex: 'updated_at', width: 170, render: (v: string | null) => (v ? fmtTime(v) : '—') },
    {
      title: t('common.actions'),
      width: 170,
      render: (_: unknown, l) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<FolderOpenOutlined />} onClick={() => setOpenId(l.id)}>
            {t('security.lib.open')}
          </Button>
          <Popconfirm
            title={t('security.lib.deleteConfirm', { name: l.name })}
            onConfirm={() => del.mutate(l.id, { onError })}
            disabled={!editable(l)}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={!editable(l)}
              data-testid={`library-delete-${l.name}`}
            >
              {t('security.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" gap={12}>
        <Typography.Text type="secondary">{t('security.lib.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="library-create">
          {t('security.lib.create')}
        </Button>
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} /> : null}
      <Table<Library>
        data-testid="libraries-table"
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={libraries}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('security.lib.empty') }}
      />
      <ModerationCheck workspaceId={workspaceId} libraries={libraries} />
      <CreateLibraryModal open={creating} workspaceId={workspaceId} isAdmin={isAdmin} onClose={() => setCreating(false)} />
      <LibraryDrawer library={open} editable={open ? editable(open) : false} onClose={() => setOpenId(null)} />
    </Space>
  );
}
