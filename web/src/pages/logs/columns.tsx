/** Columns of the logs table. */
import { Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from '../../i18n';
import { fmtCny, fmtMs, fmtTime } from './format';
import type { LogRow } from '../../api/logs.ts';

export function StatusTag({ status, title }: { status: number; title?: string | null }) {
  const color = status < 400 ? 'success' : status === 429 ? 'warning' : status >= 500 ? 'error' : 'volcano';
  const tag = <Tag color={color}>{status}</Tag>;
  return title ? <Tooltip title={title}>{tag}</Tooltip> : tag;
}

const dim = (s: string) => <Typography.Text type="secondary">{s}</Typography.Text>;

export function logColumns(t: TFunction, names: Map<string, string>): TableColumnsType<LogRow> {
  const named = (id: string | null) =>
    id ? (
      <Tooltip title={id}>
        <span>{names.get(id) ?? id}</span>
      </Tooltip>
    ) : (
      dim('—')
    );
  return [
    {
      title: t('logs.col.time'),
      dataIndex: 'created_at',
      width: 170,
      fixed: 'left',
      render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fmtTime(v)}</span>,
    },
    { title: t('logs.col.key'), dataIndex: 'key_id', width: 140, ellipsis: true, render: named },
    { title: t('logs.col.app'), dataIndex: 'app_id', width: 120, ellipsis: true, render: named },
    { title: t('logs.col.model'), dataIndex: 'model', width: 180, ellipsis: true },
    {
      title: t('logs.col.upstream'),
      key: 'upstream',
      width: 220,
      ellipsis: true,
      render: (_: unknown, r) =>
        r.provider ? (
          <span>
            {r.provider}
            {r.upstream_model ? dim(` / ${r.upstream_model}`) : null}
            {r.attempts > 1 ? <Tag style={{ marginInlineStart: 6 }}>{t('logs.attemptsN', { n: r.attempts })}</Tag> : null}
          </span>
        ) : (
          dim('—')
        ),
    },
    {
      title: t('logs.col.status'),
      dataIndex: 'status',
      width: 80,
      render: (s: number, r) => <StatusTag status={s} title={r.error_message} />,
    },
    { title: t('logs.col.latency'), dataIndex: 'latency_ms', width: 95, align: 'right', render: (v: number) => fmtMs(v) },
    { title: t('logs.col.ttft'), dataIndex: 'ttft_ms', width: 95, align: 'right', render: (v: number | null) => fmtMs(v) },
    {
      title: t('logs.col.tokens'),
      key: 'tokens',
      width: 150,
      align: 'right',
      render: (_: unknown, r) => (
        <Tooltip title={r.estimated ? t('logs.estimatedHint') : undefined}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>
            {r.prompt_tokens.toLocaleString()} + {r.completion_tokens.toLocaleString()}
            {r.estimated ? <Typography.Text type="warning"> ≈</Typography.Text> : null}
          </span>
        </Tooltip>
      ),
    },
    { title: t('logs.col.cost'), dataIndex: 'cost_cny', width: 110, align: 'right', render: (v: number) => fmtCny(v) },
    {
      title: t('logs.col.cache'),
      dataIndex: 'cache_hit',
      width: 90,
      render: (v: boolean) => (v ? <Tag color="blue">{t('logs.cacheHit')}</Tag> : dim('—')),
    },
  ];
}
