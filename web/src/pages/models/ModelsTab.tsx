/** Model aliases (weighted targets + fallbacks) and every model /v1/models lists. */
import { DeleteOutlined, EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { AliasForm } from './AliasForm';
import { useAliases, useDeleteAlias, useOpenAIModels, type Alias, type OpenAIModel, type Target } from '../../api/models.ts';
import { errorText } from './hooks';
import { SourceTag } from './SourceTag';

function Targets({ targets }: { targets: Target[] }) {
  const total = targets.reduce((s, x) => s + (x.weight ?? 1), 0);
  return (
    <Space orientation="vertical" size={2}>
      {targets.map((x, i) => (
        <span key={`${x.provider}/${x.model}/${i}`}>
          <Typography.Text code>{`${x.provider}/${x.model}`}</Typography.Text>
          {targets.length > 1 ? (
            <Typography.Text type="secondary"> · {total ? Math.round(((x.weight ?? 1) / total) * 100) : 0}%</Typography.Text>
          ) : null}
        </span>
      ))}
    </Space>
  );
}

export function ModelsTab() {
  const t = useT();
  const { message } = App.useApp();
  const aliases = useAliases();
  const listed = useOpenAIModels();
  const del = useDeleteAlias();
  const [editing, setEditing] = useState<{ open: boolean; alias?: Alias }>({ open: false });
  const [search, setSearch] = useState('');

  const onDelete = async (name: string) => {
    try {
      await del.mutateAsync(name);
      message.success(t('models.alias.deleted', { name }));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const aliasColumns: TableColumnsType<Alias> = [
    {
      title: t('models.alias.name'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, a) => (
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          {a.problem ? (
            <Tooltip title={a.problem}>
              <WarningOutlined style={{ color: '#faad14' }} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('models.alias.targets'), dataIndex: 'targets', render: (v: Target[]) => <Targets targets={v} /> },
    {
      title: t('models.alias.fallbacks'),
      dataIndex: 'fallbacks',
      width: 220,
      render: (v: string[]) => (v.length ? v.map((f) => <Tag key={f}>{f}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('models.alias.retries'), dataIndex: 'retries', width: 90, render: (v?: number) => v ?? '—' },
    { title: t('models.common.source'), dataIndex: 'source', width: 110, render: (s: Alias['source']) => <SourceTag source={s} /> },
    {
      title: t('models.common.actions'),
      key: 'actions',
      width: 160,
      render: (_: unknown, a) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ open: true, alias: a })} data-testid={`alias-edit-${a.name}`}>
            {a.source === 'file' ? t('models.common.view') : t('models.common.edit')}
          </Button>
          <Popconfirm title={t('models.alias.deleteConfirm', { name: a.name })} onConfirm={() => onDelete(a.name)} disabled={a.source === 'file'}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={a.source === 'file'}>
              {t('models.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const listColumns: TableColumnsType<OpenAIModel> = [
    { title: t('models.list.id'), dataIndex: 'id', render: (id: string) => <Typography.Text copyable>{id}</Typography.Text> },
    {
      title: t('models.list.owner'),
      dataIndex: 'owned_by',
      width: 220,
      render: (o: string) => (o === 'baimo' ? <Tag color="blue">{t('models.list.alias')}</Tag> : <Tag>{o}</Tag>),
      filters: [...new Set((listed.data ?? []).map((m) => m.owned_by ?? ''))].map((o) => ({ text: o, value: o })),
      onFilter: (v, m) => m.owned_by === v,
    },
  ];
  const filtered = useMemo(() => {
    const s = search.trim().toLowerCase();
    const all = listed.data ?? [];
    return s ? all.filter((m) => m.id.toLowerCase().includes(s)) : all;
  }, [listed.data, search]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('models.alias.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} data-testid="alias-add" onClick={() => setEditing({ open: true })}>
            {t('models.alias.add')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('models.alias.hint')}</Typography.Paragraph>
        {aliases.isError ? <Alert type="error" showIcon title={errorText(aliases.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<Alias>
          data-testid="aliases-table"
          rowKey="name"
          size="middle"
          loading={aliases.isLoading}
          columns={aliasColumns}
          dataSource={aliases.data ?? []}
          pagination={false}
          scroll={{ x: 900 }}
        />
      </Card>
      <Card size="small" title={t('models.list.title', { n: listed.data?.length ?? 0 })}>
        <Flex justify="space-between" style={{ marginBottom: 12 }} gap={12} wrap>
          <Typography.Text type="secondary">{t('models.list.hint')}</Typography.Text>
          <Input.Search allowClear placeholder={t('models.list.search')} style={{ width: 280 }} onChange={(e) => setSearch(e.target.value)} data-testid="models-search" />
        </Flex>
        {listed.isError ? <Alert type="error" showIcon title={errorText(listed.error)} style={{ marginBottom: 12 }} /> : null}
        <Table<OpenAIModel>
          data-testid="models-table"
          rowKey="id"
          size="small"
          loading={listed.isLoading}
          columns={listColumns}
          dataSource={filtered}
          pagination={{ pageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
        />
      </Card>
      <AliasForm open={editing.open} alias={editing.alias} onClose={() => setEditing({ open: false })} />
    </Space>
  );
}
