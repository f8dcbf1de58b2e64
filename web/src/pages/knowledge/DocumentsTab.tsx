/** A base's documents: upload and add-URL, the table (polled while any document ingests), status filter and pages. */
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  DOCUMENT_STATUSES,
  isIngesting,
  useDeleteDocument,
  useDocuments,
  useDocumentsChanged,
  type DocumentStatus,
  type KnowledgeBase,
  type KnowledgeDocument,
} from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { documentColumns } from './documentColumns.tsx';
import { UploadPanel } from './UploadPanel.tsx';

const PAGE = 50;

export function DocumentsTab({
  workspaceId,
  kb,
  canWrite,
  onOpenChunks,
}: {
  workspaceId: string;
  kb: KnowledgeBase;
  canWrite: boolean;
  onOpenChunks: (documentId: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState<DocumentStatus | undefined>(undefined);
  // Cursor pages: the cursors of the pages before this one, and this one's.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const after = cursors[cursors.length - 1];
  const docs = useDocuments(workspaceId, kb.name, { status, limit: PAGE, after });
  const remove = useDeleteDocument(workspaceId, kb.name);
  const changed = useDocumentsChanged(workspaceId, kb.name);
  const rows = docs.data?.data ?? [];
  const ingesting = rows.some(isIngesting);

  // When the last document of the page finishes, the base's counts changed: refresh them.
  const wasIngesting = useRef(false);
  useEffect(() => {
    if (wasIngesting.current && !ingesting) void changed();
    wasIngesting.current = ingesting;
  }, [ingesting, changed]);

  const onDelete = async (d: KnowledgeDocument) => {
    try {
      await remove.mutateAsync(d.id);
      message.success(t('knowledge.doc.deleted', { name: d.name }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const columns = documentColumns(t, {
    canWrite,
    onDelete: (d) => void onDelete(d),
    deleting: remove.isPending ? (remove.variables ?? null) : null,
    onOpenChunks: (d) => onOpenChunks(d.id),
  });

  return (
    <div data-testid="kb-documents">
      <UploadPanel workspaceId={workspaceId} kb={kb} disabled={!canWrite} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" data-testid={ingesting ? 'kb-docs-polling' : undefined}>
          {ingesting ? (
            <>
              <SyncOutlined spin /> {t('knowledge.doc.polling')}
            </>
          ) : null}
        </Typography.Text>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('knowledge.doc.allStates')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setCursors([undefined]);
            }}
            style={{ minWidth: 140 }}
            options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`knowledge.status.${s}`) }))}
            data-testid="kb-doc-status-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void docs.refetch()} loading={docs.isRefetching && !ingesting}>
            {t('common.refresh')}
          </Button>
        </Space>
      </Flex>
      {docs.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: docs.error.message })} style={{ marginBottom: 8 }} />
      ) : null}
      <Table<KnowledgeDocument>
        data-testid="kb-doc-table"
        rowKey="id"
        size="middle"
        loading={docs.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('knowledge.doc.empty') }}
        scroll={{ x: 1000 }}
      />
      {cursors.length > 1 || docs.data?.next ? (
        <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('knowledge.page.prev')}
          </Button>
          <Button disabled={!docs.data?.next} onClick={() => setCursors((c) => [...c, docs.data?.next ?? undefined])}>
            {t('knowledge.page.next')}
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
