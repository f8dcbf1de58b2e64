/** Knowledge bases of the current workspace: name, description, embedding model, counts; create and delete. */
import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useDeleteKnowledgeBase, useKnowledgeBases, type KnowledgeBase } from '../../api/knowledge.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { CreateBaseModal } from './CreateBaseModal.tsx';
import { basePath } from './format.ts';

export default function KnowledgePage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const bases = useKnowledgeBases(workspaceId);
  const remove = useDeleteKnowledgeBase(workspaceId);
  const [creating, setCreating] = useState(false);
  const role = workspaces.find((w) => w.id === workspaceId)?.role;
  const canWrite = role !== 'viewer';

  const onDelete = async (kb: KnowledgeBase) => {
    try {
      await remove.mutateAsync(kb.id);
      message.success(t('knowledge.delete.done', { name: kb.name }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const columns: TableColumnsType<KnowledgeBase> = [
    {
      title: t('knowledge.col.name'),
      dataIndex: 'name',
      render: (name: string, kb) => (
        <Space orientation="vertical" size={0}>
          <Link to={basePath(name)} data-testid={`kb-open-${name}`}>
            <Typography.Text strong>{name}</Typography.Text>
          </Link>
          {kb.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: kb.description }}>
              {kb.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('knowledge.col.embedding'),
      dataIndex: 'embedding_model',
      width: 220,
      render: (m: string, kb) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{m}</Typography.Text>
          {kb.dimensions ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('knowledge.dimensions', { n: kb.dimensions })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('knowledge.col.documents'), dataIndex: 'document_count', width: 100, align: 'right' },
    { title: t('knowledge.col.chunks'), dataIndex: 'chunk_count', width: 100, align: 'right' },
    { title: t('knowledge.col.updated'), dataIndex: 'updated_at', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_: unknown, kb) => (
        <Popconfirm
          title={t('knowledge.delete.confirm', { name: kb.name })}
          description={t('knowledge.delete.confirmHint', { n: kb.document_count })}
          okText={t('knowledge.delete.ok')}
          okButtonProps={{ danger: true, 'data-testid': 'kb-delete-ok' }}
          cancelText={t('common.cancel')}
          onConfirm={() => onDelete(kb)}
          disabled={!canWrite}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={!canWrite} data-testid={`kb-delete-${kb.name}`}>
            {t('knowledge.delete.button')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      data-testid="knowledge-page"
      title={
        <Space>
          {t('knowledge.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('knowledge.subtitle')}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {workspaces.length > 1 && (
            <Select
              value={workspaceId}
              onChange={setWorkspaceId}
              style={{ minWidth: 180 }}
              options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
              data-testid="kb-workspace"
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void bases.refetch()} loading={bases.isRefetching}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!canWrite} data-testid="kb-create">
            {t('knowledge.create.button')}
          </Button>
        </Space>
      }
    >
      {bases.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: bases.error.message })} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<KnowledgeBase>
        data-testid="kb-table"
        rowKey="id"
        size="middle"
        loading={bases.isLoading}
        columns={columns}
        dataSource={bases.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('knowledge.empty') }}
        scroll={{ x: 900 }}
      />
      <CreateBaseModal
        open={creating}
        workspaceId={workspaceId}
        onClose={() => setCreating(false)}
        onCreated={(kb) => {
          setCreating(false);
          void navigate(basePath(kb.name));
        }}
      />
    </Card>
  );
}
