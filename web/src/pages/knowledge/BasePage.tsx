/** One knowledge base: its documents, their chunks, hit testing, settings, and attaching it to a model alias. */
import { ArrowLeftOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useKnowledgeBase } from '../../api/knowledge.ts';
import { useAuth } from '../../app/auth.tsx';
import { hasData, QueryFallback } from '../../app/QueryFallback.tsx';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { AttachAliasModal } from './AttachAliasModal.tsx';
import { ChunksTab } from './ChunksTab.tsx';
import { DocumentsTab } from './DocumentsTab.tsx';
import { HitTestingTab } from './HitTestingTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';

const TABS = ['documents', 'chunks', 'search', 'settings'] as const;
type Tab = (typeof TABS)[number];

export default function KnowledgeBasePage() {
  const t = useT();
  const { kb: name = '' } = useParams();
  const { me } = useAuth();
  const { workspaceId, workspaces } = useCurrentWorkspace();
  const base = useKnowledgeBase(workspaceId, name);
  // The tab (and the document the chunks tab shows) live in the URL, so a reload or a link keeps them.
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'documents';
  const documentId = params.get('doc') ?? undefined;
  const [attaching, setAttaching] = useState(false);
  const role = workspaces.find((w) => w.id === workspaceId)?.role;
  const canWrite = role !== 'viewer';

  const back = (
    <Link to="/knowledge" data-testid="kb-back">
      <ArrowLeftOutlined /> {t('knowledge.back')}
    </Link>
  );
  if (!hasData(base)) return <QueryFallback query={base} notFound={t('knowledge.notFound', { name })} back={back} />;
  const kb = base.data;
  const openChunks = (doc: string) => setParams({ tab: 'chunks', doc }, { replace: true });

  return (
    <div data-testid="kb-page">
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 8 }}>
        <Space orientation="vertical" size={4}>
          {back}
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="kb-title">
            {kb.name}
            {kb.reindex_job_id ? (
              <Tag color="processing" style={{ marginLeft: 8, verticalAlign: 'middle' }} data-testid="kb-reindexing">
                {t('knowledge.reindexing')}
              </Tag>
            ) : null}
          </Typography.Title>
          {kb.description ? <Typography.Text type="secondary">{kb.description}</Typography.Text> : null}
        </Space>
        {me?.is_admin ? (
          <Button icon={<LinkOutlined />} onClick={() => setAttaching(true)} data-testid="kb-attach">
            {t('knowledge.attach.button')}
          </Button>
        ) : null}
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        style={{ marginBottom: 8 }}
        items={[
          { key: 'model', label: t('knowledge.col.embedding'), children: <Typography.Text code>{kb.embedding_model}</Typography.Text> },
          { key: 'docs', label: t('knowledge.col.documents'), children: <span data-testid="kb-document-count">{kb.document_count}</span> },
          { key: 'chunks', label: t('knowledge.col.chunks'), children: <span data-testid="kb-chunk-count">{kb.chunk_count}</span> },
          { key: 'updated', label: t('knowledge.col.updated'), children: fmtTime(kb.updated_at) },
        ]}
      />
      {!canWrite ? <Alert type="info" showIcon title={t('knowledge.readOnly')} style={{ marginBottom: 8 }} /> : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'documents',
            label: <span data-testid="kb-tab-documents">{t('knowledge.tab.documents')}</span>,
            children: <DocumentsTab workspaceId={workspaceId} kb={kb} canWrite={canWrite} onOpenChunks={openChunks} />,
          },
          {
            key: 'chunks',
            label: <span data-testid="kb-tab-chunks">{t('knowledge.tab.chunks')}</span>,
            children: <ChunksTab workspaceId={workspaceId} kb={kb} documentId={documentId} onDocument={(doc) => openChunks(doc)} />,
          },
          {
            key: 'search',
            label: <span data-testid="kb-tab-search">{t('knowledge.tab.search')}</span>,
            children: <HitTestingTab workspaceId={workspaceId} kb={kb} />,
          },
          {
            key: 'settings',
            label: <span data-testid="kb-tab-settings">{t('knowledge.tab.settings')}</span>,
            children: <SettingsTab workspaceId={workspaceId} kb={kb} canWrite={canWrite} />,
          },
        ]}
      />
      {me?.is_admin ? <AttachAliasModal open={attaching} kb={kb} onClose={() => setAttaching(false)} /> : null}
    </div>
  );
}
