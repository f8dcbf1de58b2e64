/** Local models: GGUF files in models_dir, pulling new ones, loading / unloading llama.cpp providers. */
import { PoweroffOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../i18n';
import { errorText } from './hooks';
import { useLoadToggle, useLocalModels, type LocalModel } from '../../api/local-models.ts';
import { fmtBytes } from './localModels';
import { PullForm } from './PullForm';

function LoadButton({ m }: { m: LocalModel }) {
  const t = useT();
  const { message } = App.useApp();
  const toggle = useLoadToggle();
  if (!m.provider) return <Typography.Text type="secondary">—</Typography.Text>;
  const provider = m.provider;
  const run = async (load: boolean) => {
    try {
      const r = await toggle.mutateAsync({ provider, load });
      message.success(t(r.loaded ? 'models.local.loadedMsg' : 'models.local.unloadedMsg', { provider }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return m.loaded ? (
    <Button size="small" icon={<PoweroffOutlined />} loading={toggle.isPending} onClick={() => void run(false)} data-testid={`local-unload-${provider}`}>
      {t('models.local.unload')}
    </Button>
  ) : (
    <Button size="small" type="primary" ghost icon={<ThunderboltOutlined />} loading={toggle.isPending} onClick={() => void run(true)} data-testid={`local-load-${provider}`}>
      {t('models.local.load')}
    </Button>
  );
}

export function LocalModelsTab() {
  const t = useT();
  const q = useLocalModels();
  const columns: TableColumnsType<LocalModel> = [
    {
      title: t('models.local.file'),
      dataIndex: 'file',
      render: (f: string, m) => (
        <Tooltip title={m.path}>
          <Typography.Text strong copyable={{ text: m.path ?? f }}>
            {f}
          </Typography.Text>
        </Tooltip>
      ),
    },
    { title: t('models.local.size'), dataIndex: 'size_bytes', width: 130, align: 'right', render: (n: number | null) => fmtBytes(n) },
    {
      title: t('models.local.provider'),
      dataIndex: 'provider',
      width: 200,
      render: (p: string | null) => (p ? <Tag color="geekblue">{p}</Tag> : <Typography.Text type="secondary">{t('models.local.unused')}</Typography.Text>),
    },
    {
      title: t('models.local.state'),
      dataIndex: 'loaded',
      width: 130,
      render: (loaded: boolean, m) =>
        m.provider ? <Tag color={loaded ? 'success' : 'default'}>{loaded ? t('models.local.inMemory') : t('models.local.notLoaded')}</Tag> : null,
    },
    { title: t('models.common.actions'), key: 'actions', width: 140, render: (_: unknown, m) => <LoadButton m={m} /> },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('models.local.pullTitle')}>
        <PullForm />
      </Card>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary">
          {t('models.local.hint')}
          {q.data ? (
            <>
              {' '}
              <Typography.Text code data-testid="local-models-dir">
                {q.data.models_dir}
              </Typography.Text>
            </>
          ) : null}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching}>
          {t('models.local.refresh')}
        </Button>
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} /> : null}
      <Table<LocalModel>
        data-testid="local-models-table"
        rowKey="file"
        size="middle"
        loading={q.isLoading}
        columns={columns}
        dataSource={q.data?.data ?? []}
        pagination={false}
        locale={{ emptyText: t('models.local.empty') }}
        scroll={{ x: 800 }}
      />
    </Space>
  );
}
