/** The workspace's evaluation datasets: name, type, latest version; upload files, sample from the logs, delete. */
import { CloudUploadOutlined, DeleteOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDatasets, useDeleteDataset, type DatasetView } from '../../api/eval-datasets.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { SampleDatasetModal } from './SampleDatasetModal.tsx';
import { UploadDatasetModal } from './UploadDatasetModal.tsx';
import { datasetPath } from './format.ts';

export function DatasetsTab({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const datasets = useDatasets(workspaceId);
  const remove = useDeleteDataset(workspaceId);
  const [uploading, setUploading] = useState(false);
  const [sampling, setSampling] = useState(false);

  const onDelete = async (d: DatasetView) => {
    try {
      await remove.mutateAsync(d.id);
      message.success(t('eval.datasets.deleted', { name: d.name }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const columns: TableColumnsType<DatasetView> = [
    {
      title: t('eval.datasets.name'),
      dataIndex: 'name',
      render: (name: string, d) => (
        <Space orientation="vertical" size={0}>
          <Link to={datasetPath(d.id)} data-testid={`eval-dataset-open-${name}`}>
            <Typography.Text strong>{name}</Typography.Text>
          </Link>
          {d.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: d.description }}>
              {d.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('eval.datasets.type'),
      dataIndex: 'type',
      width: 120,
      render: (ty: DatasetView['type']) => <Tag>{t(`eval.type.${ty}`)}</Tag>,
    },
    {
      title: t('eval.datasets.latest'),
      dataIndex: 'latest_version',
      width: 100,
      align: 'right',
      render: (v: number, d) => <span data-testid={`eval-dataset-version-${d.name}`}>v{v}</span>,
    },
    { title: t('eval.col.updated'), dataIndex: 'updated_at', width: 170, render: (v: string) => fmtTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, d) => (
        <Popconfirm
          title={t('eval.datasets.deleteConfirm', { name: d.name })}
          description={t('eval.datasets.deleteHint')}
          okText={t('eval.run.delete')}
          okButtonProps={{ danger: true, 'data-testid': 'eval-dataset-delete-ok' }}
          cancelText={t('common.cancel')}
          onConfirm={() => onDelete(d)}
          disabled={!canWrite}
        >
          <Button
            type="link"
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={!canWrite}
            data-testid={`eval-dataset-delete-${d.name}`}
          >
            {t('eval.run.delete')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <div data-testid="eval-datasets">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('eval.datasets.hint')}</Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void datasets.refetch()} loading={datasets.isRefetching}>
            {t('common.refresh')}
          </Button>
          <Button icon={<FileSearchOutlined />} onClick={() => setSampling(true)} disabled={!canWrite} data-testid="eval-dataset-sample">
            {t('eval.sample.button')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => setUploading(true)}
            disabled={!canWrite}
            data-testid="eval-dataset-upload-open"
          >
            {t('eval.datasets.upload')}
          </Button>
        </Space>
      </Flex>
      {datasets.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: datasets.error.message })} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<DatasetView>
        data-testid="eval-datasets-table"
        rowKey="id"
        size="middle"
        loading={datasets.isLoading}
        columns={columns}
        dataSource={datasets.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('eval.datasets.empty') }}
        scroll={{ x: 800 }}
      />
      <UploadDatasetModal open={uploading} workspaceId={workspaceId} onClose={() => setUploading(false)} />
      <SampleDatasetModal open={sampling} workspaceId={workspaceId} onClose={() => setSampling(false)} />
    </div>
  );
}
