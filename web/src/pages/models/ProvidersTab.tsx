/** Providers: list, add / edit (write-only secrets), delete, test connection. */
import { ApiOutlined, DeleteOutlined, EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Popover, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useCatalog } from '../../api/catalog.ts';
import { useDeleteProvider, useProviders, useTestProvider, type Provider, type ProviderTestResult } from '../../api/models.ts';
import { entryOf, errorText, useLocalized } from './hooks';
import { ProviderAvatar } from './ProviderAvatar';
import { ProviderForm } from './ProviderForm';
import { SourceTag } from './SourceTag';
import { TestResult } from './TestResult';
import { TrustTag } from '../security/TrustTag';

type RowTest = { running?: boolean; result?: ProviderTestResult; error?: string };

function RowTestTag({ state, name }: { state?: RowTest; name: string }) {
  const t = useT();
  if (!state || state.running) return null;
  const ok = state.result?.ok === true;
  return (
    <Popover content={<div style={{ maxWidth: 420 }}><TestResult testId={`provider-row-test-detail-${name}`} result={state.result} error={state.error} /></div>}>
      <Tag color={ok ? 'success' : 'error'} data-testid={`provider-row-test-result-${name}`} style={{ cursor: 'pointer' }}>
        {ok ? t('models.test.okShort', { ms: Math.round(state.result!.latency_ms) }) : t('models.test.failedShort')}
      </Tag>
    </Popover>
  );
}

export function ProvidersTab() {
  const t = useT();
  const local = useLocalized();
  const { message } = App.useApp();
  const q = useProviders();
  const catalog = useCatalog().data;
  const del = useDeleteProvider();
  const tester = useTestProvider();
  const [editing, setEditing] = useState<{ open: boolean; provider?: Provider }>({ open: false });
  const [tests, setTests] = useState<Record<string, RowTest>>({});

  const runTest = async (name: string) => {
    setTests((s) => ({ ...s, [name]: { running: true } }));
    try {
      const result = await tester.mutateAsync(name);
      setTests((s) => ({ ...s, [name]: { result } }));
    } catch (e) {
      setTests((s) => ({ ...s, [name]: { error: errorText(e) } }));
    }
  };

  const onDelete = async (name: string) => {
    try {
      await del.mutateAsync(name);
      message.success(t('models.provider.deleted', { name }));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<Provider> = [
    {
      title: t('models.provider.name'),
      dataIndex: 'name',
      width: 200,
      render: (name: string, p) => (
        <Space size={4}>
          <Typography.Text strong>{name}</Typography.Text>
          {p.problem ? (
            <Tooltip title={p.problem}>
              <WarningOutlined style={{ color: '#faad14' }} />
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('models.provider.type'),
      dataIndex: 'type',
      width: 260,
      render: (type: string) => {
        const entry = entryOf(catalog, type);
        return (
          <Space size={8} align="center">
            <ProviderAvatar type={type} size={32} />
            <Space orientation="vertical" size={0}>
              <span>{local(entry.names)}</span>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                {type}
              </Typography.Text>
            </Space>
          </Space>
        );
      },
    },
    { title: t('models.common.source'), dataIndex: 'source', width: 110, render: (s: Provider['source']) => <SourceTag source={s} /> },
    {
      title: t('security.trust.label'),
      dataIndex: 'trust',
      width: 120,
      render: (level: Provider['trust'], p) => <TrustTag level={level} testId={`provider-trust-${p.name}`} />,
    },
    {
      title: t('models.provider.baseUrl'),
      dataIndex: 'base_url',
      ellipsis: true,
      render: (u: string | null) => (u ? <Typography.Text copyable={{ text: u }}>{u}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('models.provider.secrets'),
      key: 'secrets',
      width: 200,
      render: (_: unknown, p) => {
        // The sealed fields (secrets_set tells which are stored); ids such as SecretId are plain config.
        const needed = entryOf(catalog, p.type).credentials.filter((f) => f.sealed);
        return (
          <Space size={[4, 4]} wrap>
            {needed.map((f) => {
              const set = p.secrets_set.includes(f.key as 'api_key');
              return (
                <Tag key={f.key} color={set ? 'green' : f.required ? 'red' : 'default'}>
                  {local(f.label)} · {set ? t('models.provider.secretSet') : t('models.provider.secretUnset')}
                </Tag>
              );
            })}
          </Space>
        );
      },
    },
    {
      title: t('models.provider.connection'),
      key: 'test',
      width: 130,
      render: (_: unknown, p) => <RowTestTag name={p.name} state={tests[p.name]} />,
    },
    {
      title: t('models.common.actions'),
      key: 'actions',
      width: 200,
      render: (_: unknown, p) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<ApiOutlined />} loading={tests[p.name]?.running} onClick={() => void runTest(p.name)} data-testid={`provider-row-test-${p.name}`}>
            {t('models.test.short')}
          </Button>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ open: true, provider: p })} data-testid={`provider-edit-${p.name}`}>
            {p.source === 'file' ? t('models.common.view') : t('models.common.edit')}
          </Button>
          <Popconfirm title={t('models.provider.deleteConfirm', { name: p.name })} onConfirm={() => onDelete(p.name)} disabled={p.source === 'file'}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={p.source === 'file'} title={p.source === 'file' ? t('models.common.fileOnly') : undefined}>
              {t('models.common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('models.provider.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} data-testid="provider-add" onClick={() => setEditing({ open: true })}>
          {t('models.provider.add')}
        </Button>
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Provider>
        data-testid="providers-table"
        rowKey="name"
        size="middle"
        loading={q.isLoading}
        columns={columns}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (p) => Boolean(p.problem) || p.models.length > 0,
          expandedRowRender: (p) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {p.problem ? <Alert type="warning" showIcon title={p.problem} /> : null}
              {p.models.length ? (
                <Space size={[4, 4]} wrap>
                  <Typography.Text type="secondary">{t('models.provider.models')}:</Typography.Text>
                  {p.models.map((m) => (
                    <Tag key={m}>{m}</Tag>
                  ))}
                </Space>
              ) : null}
            </Space>
          ),
        }}
      />
      <ProviderForm open={editing.open} provider={editing.provider} onClose={() => setEditing({ open: false })} />
    </>
  );
}
