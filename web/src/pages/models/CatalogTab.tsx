/** The built-in provider catalog: providers, their models, context windows and list prices; "add" opens the provider form. */
import { LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { useT } from '../../i18n';
import { useCatalog, type CatalogEntry, type CatalogModel } from '../../api/catalog.ts';
import { errorText, useLocalized } from './hooks';
import { ProviderAvatar } from './ProviderAvatar';
import { ProviderForm } from './ProviderForm';

/** Token counts the way vendors write them: 131072 → 128K, 32000 → 32K, 1000000 → 1M. */
function tokens(n: number | null): string {
  if (n === null) return '—';
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024}K`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}K`;
  return n.toLocaleString();
}

const SYMBOL = { CNY: '¥', USD: '$' } as const;
const money = (v: number, c: 'CNY' | 'USD') => `${SYMBOL[c]}${Number(v.toFixed(4))}`;

/** One line per tier: "≤32K: ¥6 / ¥24", with the cached price as a third figure when it has one. */
function PriceLines({ m }: { m: CatalogModel }) {
  if (m.prices.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {m.prices.map((p, i) => (
        <span key={i} data-testid={`catalog-price-${m.id}`}>
          {m.prices.length > 1 ? <Typography.Text type="secondary">{p.up_to === null ? '>' + tokens(m.prices[i - 1]?.up_to ?? 0) : '≤' + tokens(p.up_to)}: </Typography.Text> : null}
          {money(p.input, m.currency)} / {money(p.output, m.currency)}
          {p.cached !== null ? <Typography.Text type="secondary"> / {money(p.cached, m.currency)}</Typography.Text> : null}
        </span>
      ))}
    </Space>
  );
}

function ModelsTable({ models }: { models: CatalogModel[] }) {
  const t = useT();
  const columns: TableColumnsType<CatalogModel> = [
    { title: t('models.catalog.model'), dataIndex: 'id', render: (id: string) => <Typography.Text code copyable={{ text: id }}>{id}</Typography.Text> },
    {
      title: t('models.catalog.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: CatalogModel['kind']) => <Tag color={k === 'embedding' ? 'purple' : 'blue'}>{t(`models.catalog.kind.${k}`)}</Tag>,
    },
    { title: t('models.catalog.context'), dataIndex: 'context', width: 110, align: 'right', render: tokens },
    { title: t('models.catalog.maxOutput'), dataIndex: 'max_output', width: 110, align: 'right', render: tokens },
    { title: t('models.catalog.price'), key: 'price', render: (_: unknown, m) => <PriceLines m={m} /> },
  ];
  return <Table<CatalogModel> rowKey="id" size="small" columns={columns} dataSource={models} pagination={false} data-testid="catalog-models" />;
}

interface Row extends CatalogEntry {
  /** The models to show: all of them, or those the search matched. */
  shown: CatalogModel[];
}

export function CatalogTab() {
  const t = useT();
  const local = useLocalized();
  const q = useCatalog();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const [adding, setAdding] = useState<string | undefined>();

  const rows = useMemo<Row[]>(() => {
    const needle = search.trim().toLowerCase();
    return (q.data ?? []).flatMap((e) => {
      if (!needle) return [{ ...e, shown: e.models }];
      const own = [e.id, e.names.zh, e.names.en, e.protocol].some((s) => s.toLowerCase().includes(needle));
      const shown = own ? e.models : e.models.filter((m) => m.id.toLowerCase().includes(needle));
      return own || shown.length ? [{ ...e, shown }] : [];
    });
  }, [q.data, search]);

  const onSearch = (value: string) => {
    setSearch(value);
    // A narrow search opens its few providers right away.
    const needle = value.trim().toLowerCase();
    if (!needle) return setExpanded([]);
    const own = (e: CatalogEntry) => [e.id, e.names.zh, e.names.en].some((s) => s.toLowerCase().includes(needle));
    const hits = (q.data ?? []).filter((e) => own(e) || e.models.some((m) => m.id.toLowerCase().includes(needle)));
    // Else the providers named by the search (hubs that also serve a vendor's models stay closed).
    const named = hits.filter(own);
    setExpanded((hits.length <= 3 ? hits : named.length <= 3 ? named : []).map((e) => e.id));
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('models.catalog.provider'),
      dataIndex: 'id',
      render: (id: string, e) => (
        <Space size={8} align="center">
          <ProviderAvatar type={id} size={32} tooltip={false} />
          <Space orientation="vertical" size={0}>
            <span>{local(e.names)}</span>
            <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
              {id}
            </Typography.Text>
          </Space>
        </Space>
      ),
    },
    { title: t('models.catalog.protocol'), dataIndex: 'protocol', width: 120, render: (p: string) => <Tag>{p}</Tag> },
    {
      title: t('models.catalog.credentials'),
      key: 'credentials',
      width: 240,
      render: (_: unknown, e) =>
        e.key_optional ? (
          <Tag color="green">{t('models.catalog.noKey')}</Tag>
        ) : (
          <Space size={[4, 4]} wrap>
            {e.credentials.map((f) => (
              <Tag key={f.key}>{local(f.label)}</Tag>
            ))}
          </Space>
        ),
    },
    { title: t('models.catalog.currency'), dataIndex: 'currency', width: 90, render: (c: string) => <Tag color={c === 'CNY' ? 'red' : 'gold'}>{c}</Tag> },
    { title: t('models.catalog.models'), key: 'count', width: 90, align: 'right', render: (_: unknown, e) => e.shown.length },
    {
      title: t('models.common.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, e) => (
        <Space size={0}>
          {e.file_only ? null : (
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setAdding(e.id)} data-testid={`catalog-add-${e.id}`}>
              {t('models.catalog.add')}
            </Button>
          )}
          {e.docs ? (
            <Button type="link" size="small" icon={<LinkOutlined />} href={e.docs} target="_blank" rel="noreferrer">
              {t('models.catalog.docs')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{t('models.catalog.hint')}</Typography.Text>
        <Input.Search
          allowClear
          data-testid="catalog-search"
          placeholder={t('models.catalog.search')}
          style={{ width: 320 }}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
        />
      </Flex>
      {q.isError ? <Alert type="error" showIcon title={errorText(q.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Row>
        data-testid="catalog-table"
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          rowExpandable: (e) => e.shown.length > 0,
          expandedRowRender: (e) => <ModelsTable models={e.shown} />,
        }}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('models.catalog.priceNote')}
      </Typography.Paragraph>
      <ProviderForm open={adding !== undefined} preset={adding} onClose={() => setAdding(undefined)} />
    </>
  );
}
