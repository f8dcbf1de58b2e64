/** A document's chunks as ingestion cut them: index, title path, kind, tokens and text. */
import { Alert, Empty, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useChunks, useDocuments, type KnowledgeBase, type KnowledgeChunk } from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { titlePath } from './format.ts';

const PAGE = 20;
/** Documents the picker lists (the newest; a search narrows them by name). */
const PICKER = 200;

export function ChunksTab({
  workspaceId,
  kb,
  documentId,
  onDocument,
}: {
  workspaceId: string;
  kb: KnowledgeBase;
  documentId: string | undefined;
  onDocument: (id: string) => void;
}) {
  const t = useT();
  const [page, setPage] = useState({ doc: documentId, n: 1 });
  // A new document starts on its first page.
  const current = page.doc === documentId ? page.n : 1;
  const docs = useDocuments(workspaceId, kb.name, { limit: PICKER });
  const chunks = useChunks(workspaceId, kb.name, documentId, (current - 1) * PAGE, PAGE);

  const columns: TableColumnsType<KnowledgeChunk> = [
    { title: '#', dataIndex: 'index', width: 70, render: (i: number) => <span data-testid={`kb-chunk-index-${i}`}>{i}</span> },
    {
      title: t('knowledge.chunk.titlePath'),
      dataIndex: 'title_path',
      width: 240,
      render: (p: string[]) =>
        p.length ? <Typography.Text>{titlePath(p)}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('knowledge.chunk.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: KnowledgeChunk['kind']) => (
        <Tag color={k === 'table' ? 'blue' : k === 'code' ? 'purple' : 'default'}>{t(`knowledge.kind.${k}`)}</Tag>
      ),
    },
    { title: t('knowledge.chunk.tokens'), dataIndex: 'tokens', width: 90, align: 'right' },
    {
      title: t('knowledge.chunk.text'),
      dataIndex: 'text',
      render: (text: string) => (
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
          ellipsis={{
            rows: 4,
            expandable: 'collapsible',
            symbol: (expanded) => (expanded ? t('knowledge.collapse') : t('knowledge.expand')),
          }}
        >
          {text}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <div data-testid="kb-chunks">
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('knowledge.chunk.document')}</Typography.Text>
        <Select
          data-testid="kb-chunk-doc"
          value={documentId}
          onChange={(id: string) => onDocument(id)}
          placeholder={t('knowledge.chunk.pick')}
          loading={docs.isLoading}
          style={{ minWidth: 320, maxWidth: '100%' }}
          showSearch={{ optionFilterProp: 'label' }}
          options={(docs.data?.data ?? []).map((d) => ({
            value: d.id,
            label: d.name,
            disabled: d.chunk_count === 0,
          }))}
        />
        {chunks.data ? (
          <Typography.Text type="secondary" data-testid="kb-chunk-total">
            {t('knowledge.chunk.total', { n: chunks.data.total })}
          </Typography.Text>
        ) : null}
      </Flex>
      {chunks.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: chunks.error.message })} style={{ marginBottom: 8 }} />
      ) : null}
      {documentId ? (
        <Table<KnowledgeChunk>
          data-testid="kb-chunk-table"
          rowKey="id"
          size="small"
          loading={chunks.isFetching}
          columns={columns}
          dataSource={chunks.data?.data ?? []}
          pagination={{
            current,
            pageSize: PAGE,
            total: chunks.data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (n) => setPage({ doc: documentId, n }),
          }}
          scroll={{ x: 900 }}
        />
      ) : (
        <Empty description={t('knowledge.chunk.pick')} />
      )}
    </div>
  );
}
