/** The columns of a base's documents: name and source, state (progress while ingesting, the reason when failed), chunks, size, times. */
import { DeleteOutlined, FileTextOutlined, GlobalOutlined, ProfileOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Progress, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { DocumentStatus, KnowledgeDocument } from '../../api/knowledge.ts';
import type { TFunction } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { fmtBytes } from './format.ts';

const COLORS: Record<DocumentStatus, string> = { queued: 'default', processing: 'processing', ready: 'success', failed: 'error' };

/** A document's state: a tag, a progress bar while it ingests, the failure's reason in a tooltip. */
export function DocumentStatusCell({ doc, t }: { doc: KnowledgeDocument; t: TFunction }) {
  const tag = (
    <Tag color={COLORS[doc.status]} data-testid={`kb-doc-status-${doc.id}`} data-status={doc.status}>
      {t(`knowledge.status.${doc.status}`)}
    </Tag>
  );
  if (doc.status === 'failed')
    return (
      <Tooltip title={doc.error ? `${doc.error.message} (${doc.error.reason})` : t('knowledge.status.failedUnknown')}>
        <Space size={4} style={{ cursor: 'help' }} data-testid={`kb-doc-error-${doc.id}`}>
          {tag}
          {doc.error ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {doc.error.reason}
            </Typography.Text>
          ) : null}
        </Space>
      </Tooltip>
    );
  if (doc.status === 'ready') return tag;
  const percent = Math.round((doc.progress ?? 0) * 100);
  return (
    <div style={{ minWidth: 160 }}>
      {tag}
      <Progress
        percent={percent}
        size="small"
        status={doc.status === 'processing' ? 'active' : 'normal'}
        data-testid={`kb-doc-progress-${doc.id}`}
      />
      {doc.progress_message ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: doc.progress_message }}>
          {doc.progress_message}
        </Typography.Text>
      ) : null}
    </div>
  );
}

export function documentColumns(
  t: TFunction,
  o: { canWrite: boolean; onDelete: (d: KnowledgeDocument) => void; deleting: string | null; onOpenChunks: (d: KnowledgeDocument) => void },
): TableColumnsType<KnowledgeDocument> {
  return [
    {
      title: t('knowledge.doc.name'),
      dataIndex: 'name',
      render: (name: string, d) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: 420 }}>
          <Space size={6}>
            {d.source === 'url' ? <GlobalOutlined /> : <FileTextOutlined />}
            <Typography.Text strong ellipsis={{ tooltip: name }} style={{ maxWidth: 380 }} data-testid={`kb-doc-name-${d.id}`}>
              {name}
            </Typography.Text>
          </Space>
          {d.title && d.title !== name ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: d.title }}>
              {d.title}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('knowledge.doc.status'), key: 'status', width: 220, render: (_: unknown, d) => <DocumentStatusCell doc={d} t={t} /> },
    {
      title: t('knowledge.doc.format'),
      dataIndex: 'format',
      width: 90,
      render: (f: string | null) => (f ? <Tag>{f}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('knowledge.col.chunks'), dataIndex: 'chunk_count', width: 90, align: 'right' },
    { title: t('knowledge.doc.size'), dataIndex: 'bytes', width: 100, align: 'right', render: (b: number | null) => fmtBytes(b) },
    { title: t('knowledge.col.updated'), dataIndex: 'updated_at', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_: unknown, d) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            icon={<ProfileOutlined />}
            disabled={d.chunk_count === 0}
            onClick={() => o.onOpenChunks(d)}
            data-testid={`kb-doc-chunks-${d.id}`}
          >
            {t('knowledge.doc.chunks')}
          </Button>
          <Popconfirm
            title={t('knowledge.doc.deleteConfirm', { name: d.name })}
            okText={t('knowledge.delete.ok')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => o.onDelete(d)}
            disabled={!o.canWrite}
          >
            <Button
              type="link"
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={!o.canWrite}
              loading={o.deleting === d.id}
              data-testid={`kb-doc-delete-${d.id}`}
              aria-label={t('knowledge.delete.button')}
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
