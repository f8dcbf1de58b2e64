/** Admin-set prices (per million tokens) and models marked free; file prices are read-only. */
import { DeleteOutlined, EditOutlined, GiftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useDeletePrice, usePrices, useSavePrice, type Price } from '../../api/models.ts';
import { errorText } from './hooks';
import { PriceForm } from './PriceForm';
import { SourceTag } from './SourceTag';

const money = (v: number | undefined, currency: string) =>
  v === undefined || v === null ? '—' : `${currency === 'USD' ? '$' : '¥'}${v.toLocaleString(undefined, { maximumFractionDigits: 4 })}`;

export function PricesTab() {
  const t = useT();
  const { message } = App.useApp();
  const q = usePrices();
  const save = useSavePrice();
  const del = useDeletePrice();
  const [editing, setEditing] = useState<{ open: boolean; price?: Price }>({ open: false });

  const markFree = async (p: Price) => {
    try {
      await save.mutateAsync({ model: p.model, input: 0, output: 0, currency: p.currency, free: true });
      message.success(t('models.price.markedFree', { model: p.model }));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const onDelete = async (model: string) => {
    try {
      await del.mutateAsync(model);
      message.success(t('models.price.deleted', { model }));
    } catch (e) {
      message.error(errorText(e));
    }
  };

  const columns: TableColumnsType<Price> = [
    { title: t('models.price.model'), dataIndex: 'model', render: (m: string) => <Typography.Text code>{m}</Typography.Text> },
    { title: t('models.price.inputShort'), dataIndex: 'input', align: 'right', width: 130, render: (v: number, p) => (p.free ? '—' : money(v, p.currency)) },
    { title: t('models.price.outputShort'), dataIndex: 'output', align: 'right', width: 130, render: (v: number, p) => (p.free ? '—' : money(v, p.currency)) },
    { title: t('models.price.cachedShort'), dataIndex: 'cached', align: 'right', width: 130, render: (v: number | undefined, p) => (p.free ? '—' : money(v, p.currency)) },
    { title: t('models.price.currency'), dataIndex: 'currency', width: 90 },
    {
      title: t('models.price.status'),
      dataIndex: 'free',
      width: 100,
      render: (free: boolean) => (free ? <Tag color="green">{t('models.price.freeTag')}</Tag> : <Tag>{t('models.price.paidTag')}</Tag>),
    },
    { title: t('models.common.source'), dataIndex: 'source', width: 110, render: (s: Price['source']) => <SourceTag source={s} /> },
    {
      title: t('models.common.actions'),
      key: 'actions',
      width: 240,
      render: (_: unknown, p) => {
        const ro = p.source === 'file';
        return (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ open: true, price: p })} disabled={ro}>
              {t('models.common.edit')}
            </Button>
            {!p.free ? (
              <Button type="link" size="small" icon={<GiftOutlined />} onClick={() => void markFree(p)} disabled={ro} data-testid={`price-mark-free-${p.model}`}>
                {t('models.price.markFree')}
              </Button>
            ) : null}
            <Popconfirm title={t('models.price.deleteConfirm', { model: p.model })} onConfirm={() => onDelete(p.model)} disabled={ro}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={ro}>
                {t('models.common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} gap={12}>
        <Typography.Text type="secondary">{t('models.price.hint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} data-testid="price-add" onClick={() => setEditing({ open: true })}>
          {t('models.price.add')}
        </Button>
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Price>
        data-testid="prices-table"
        rowKey={(p) => `${p.source ?? ''}:${p.model}`}
        size="middle"
        loading={q.isLoading}
        columns={columns}
        dataSource={q.data ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
      />
      <PriceForm open={editing.open} price={editing.price} onClose={() => setEditing({ open: false })} />
    </>
  );
}
