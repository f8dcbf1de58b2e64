/** One dataset: its versions (each upload, import or log sample that changed the items), and a version's items page by page. */
import { ArrowLeftOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useDataset, useDatasetItems, useDatasetVersions, type DatasetItemView, type DatasetVersionView } from '../../api/eval-datasets.ts';
import { hasData, QueryFallback } from '../../app/QueryFallback.tsx';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { ItemSummary } from './ItemSummary.tsx';
import { UploadDatasetModal } from './UploadDatasetModal.tsx';

const PAGE = 20;

function ItemsPreview({ workspaceId, datasetId, version }: { workspaceId: string; datasetId: string; version: number }) {
  const t = useT();
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const items = useDatasetItems(workspaceId, datasetId, version, cursors[cursors.length - 1], PAGE);
  const rows = items.data?.data ?? [];
  const columns: TableColumnsType<DatasetItemView> = [
    { title: '#', dataIndex: 'seq', width: 70 },
    {
      title: 'ID',
      dataIndex: 'item_id',
      width: 220,
      render: (id: string) => <Typography.Text ellipsis={{ tooltip: id }}>{id}</Typography.Text>,
    },
    {
      title: t('eval.items.subject'),
      key: 'subject',
      width: 180,
      render: (_, r) => [r.subject, r.split].filter(Boolean).join(' · ') || '—',
    },
    { title: t('eval.items.content'), dataIndex: 'data', render: (d: Record<string, unknown>) => <ItemSummary data={d} /> },
  ];
  return (
    <div data-testid="eval-dataset-items">
      <Table<DatasetItemView>
        rowKey="seq"
        size="small"
        loading={items.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
      />
      <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('eval.items.prev')}
        </Button>
        <Button disabled={!items.data?.has_more || !rows.length} onClick={() => setCursors([...cursors, rows[rows.length - 1]!.seq])}>
          {t('eval.items.next')}
        </Button>
      </Flex>
    </div>
  );
}

export default function DatasetPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { workspaceId, workspaces } = useCurrentWorkspace();
  const dataset = useDataset(workspaceId, id);
  const versions = useDatasetVersions(workspaceId, id);
  const [picked, setPicked] = useState<number | undefined>();
  const [uploading, setUploading] = useState(false);
  const canWrite = workspaces.find((w) => w.id === workspaceId)?.role !== 'viewer';
  const back = (
    <Link to="/eval?tab=datasets">
      <ArrowLeftOutlined /> {t('eval.datasets.back')}
    </Link>
  );
  if (!hasData(dataset)) return <QueryFallback query={dataset} notFound={t('eval.datasets.notFound')} back={back} />;
  const d = dataset.data;
  const version = picked ?? d.latest_version;
  const columns: TableColumnsType<DatasetVersionView> = [
    { title: t('eval.datasets.version'), dataIndex: 'version', width: 90, render: (v: number) => `v${v}` },
    {
      title: t('eval.datasets.format'),
      dataIndex: 'format',
      width: 110,
      render: (f: DatasetVersionView['format']) => t(`eval.format.${f}`),
    },
    {
      title: t('eval.datasets.source'),
      dataIndex: 'source',
      width: 110,
      render: (s: DatasetVersionView['source']) => <Tag>{t(`eval.source.${s}`)}</Tag>,
    },
    { title: t('eval.datasets.items'), dataIndex: 'item_count', width: 100, align: 'right' },
    { title: t('eval.datasets.note'), dataIndex: 'note', render: (n: string) => n || '—' },
    { title: t('eval.col.created'), dataIndex: 'created_at', width: 170, render: (v: string) => fmtTime(v) },
  ];

  return (
    <div data-testid="eval-dataset-page">
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 8 }}>
        <Space orientation="vertical" size={4}>
          {back}
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="eval-dataset-title">
            {d.name}
          </Typography.Title>
          {d.description ? <Typography.Text type="secondary">{d.description}</Typography.Text> : null}
        </Space>
        <Button icon={<CloudUploadOutlined />} onClick={() => setUploading(true)} disabled={!canWrite}>
          {t('eval.datasets.uploadVersion')}
        </Button>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          { key: 'type', label: t('eval.datasets.type'), children: <Tag>{t(`eval.type.${d.type}`)}</Tag> },
          { key: 'latest', label: t('eval.datasets.latest'), children: `v${d.latest_version}` },
          { key: 'updated', label: t('eval.col.updated'), children: fmtTime(d.updated_at) },
        ]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('eval.datasets.versions')}>
          <Table<DatasetVersionView>
            data-testid="eval-dataset-versions"
            rowKey="version"
            size="small"
            loading={versions.isLoading}
            columns={columns}
            dataSource={versions.data ?? []}
            pagination={false}
            rowSelection={{ type: 'radio', selectedRowKeys: [version], onChange: (keys) => setPicked(Number(keys[0])) }}
            onRow={(v) => ({ onClick: () => setPicked(v.version) })}
          />
        </Card>
        <Card size="small" title={t('eval.datasets.itemsOf', { version })}>
          {version ? <ItemsPreview key={version} workspaceId={workspaceId} datasetId={d.id} version={version} /> : null}
        </Card>
      </Space>
      <UploadDatasetModal open={uploading} workspaceId={workspaceId} name={d.name} onClose={() => setUploading(false)} />
    </div>
  );
}
