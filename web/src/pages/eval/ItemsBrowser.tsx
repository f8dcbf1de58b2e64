/**
 * A run's finished items, one model at a time (keyset pages by the item's position): the score or
 * error, the reply, latency and cost; a row opens to the whole reply and the scoring detail, the
 * judge's raw judgement shown on its own.
 */
import { Button, Flex, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useRunItems, type RunItemView, type RunView } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';
import { fmtMs } from '../logs/format.ts';
import { ItemDetail } from './ItemDetail.tsx';
import { fmtMoney } from './format.ts';

const PAGE = 20;

export function ItemsBrowser({ workspaceId, run, live }: { workspaceId: string; run: RunView; live: boolean }) {
  const t = useT();
  const [model, setModel] = useState<string>(run.models[0] ?? '');
  const [errorsOnly, setErrorsOnly] = useState(false);
  // The cursors of the pages before this one (keyset paging by seq).
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const after = cursors[cursors.length - 1];
  const items = useRunItems(workspaceId, run.id, { model, status: errorsOnly ? 'error' : undefined, after, limit: PAGE }, live);
  const rows = items.data?.data ?? [];
  const reset = () => setCursors([undefined]);

  const columns: TableColumnsType<RunItemView> = [
    { title: '#', dataIndex: 'seq', width: 70 },
    {
      title: t('eval.items.item'),
      dataIndex: 'item_id',
      width: 220,
      render: (id: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text ellipsis={{ tooltip: id }} style={{ maxWidth: 200 }}>
            {id}
          </Typography.Text>
          {r.subject ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.subject}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('eval.items.result'),
      key: 'result',
      width: 110,
      render: (_, r) =>
        r.status === 'error' ? (
          <Tag color="error">{r.error_code ?? t('eval.items.error')}</Tag>
        ) : (
          <Tag color={(r.score ?? 0) >= 1 ? 'success' : (r.score ?? 0) > 0 ? 'gold' : 'default'} data-testid="eval-item-score">
            {r.score === null ? '—' : r.score.toFixed(2)}
          </Tag>
        ),
    },
    {
      title: t('eval.items.reply'),
      dataIndex: 'reply',
      render: (reply: string | null, r) => (
        <Typography.Text type={r.status === 'error' ? 'danger' : undefined} ellipsis style={{ maxWidth: 420 }}>
          {r.status === 'error' ? r.error_message : (reply ?? '')}
        </Typography.Text>
      ),
    },
    { title: t('eval.items.latency'), dataIndex: 'latency_ms', width: 90, align: 'right', render: (v: number) => fmtMs(v) },
    { title: t('eval.items.cost'), dataIndex: 'cost_cny', width: 100, align: 'right', render: (v: number) => fmtMoney(v, '¥') },
  ];

  return (
    <div data-testid="eval-items">
      <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
        <Space>
          {t('eval.items.model')}
          <Select
            data-testid="eval-items-model"
            value={model}
            onChange={(m: string) => {
              setModel(m);
              reset();
            }}
            options={run.models.map((m) => ({ value: m, label: m }))}
            style={{ minWidth: 200 }}
          />
        </Space>
        <Space>
          <Switch
            checked={errorsOnly}
            onChange={(v) => {
              setErrorsOnly(v);
              reset();
            }}
            data-testid="eval-items-errors"
          />
          {t('eval.items.errorsOnly')}
        </Space>
      </Flex>
      <Table<RunItemView>
        data-testid="eval-items-table"
        rowKey={(r) => `${r.model}/${r.item_id}`}
        size="small"
        loading={items.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        expandable={{ expandedRowRender: (r) => <ItemDetail item={r} /> }}
        locale={{ emptyText: t('eval.items.empty') }}
        scroll={{ x: 900 }}
      />
      <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))} data-testid="eval-items-prev">
          {t('eval.items.prev')}
        </Button>
        <Button
          disabled={!items.data?.has_more || !rows.length}
          onClick={() => setCursors([...cursors, rows[rows.length - 1]!.seq])}
          data-testid="eval-items-next"
        >
          {t('eval.items.next')}
        </Button>
      </Flex>
    </div>
  );
}
