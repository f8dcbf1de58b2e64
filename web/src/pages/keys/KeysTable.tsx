import { Button, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { getLang, useT, type TFunction } from '../../i18n/index.ts';
import type { AppView, KeyView, UsageByPeriod } from '../../api/keys.ts';

const STATUS_COLOR: Record<KeyView['status'], string> = { active: 'green', disabled: 'default', expired: 'orange', revoked: 'red' };

function fmtNum(n: number): string {
  return new Intl.NumberFormat(getLang(), { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

function Meter({ used, limit, text }: { used: number; limit: number; text: string }) {
  const pct = Math.min(100, (used / limit) * 100);
  return (
    <Tooltip title={text}>
      <Progress
        percent={Math.round(pct * 10) / 10}
        size="small"
        status={pct >= 100 ? 'exception' : pct >= 80 ? 'active' : 'normal'}
        strokeColor={pct >= 80 ? '#fa8c16' : undefined}
        style={{ width: 160, margin: 0 }}
      />
    </Tooltip>
  );
}

function columns(
  t: TFunction,
  apps: Map<string, string>,
  usage: UsageByPeriod | undefined,
  onRevoke: (k: KeyView) => void,
): ColumnsType<KeyView> {
  return [
    {
      title: t('keys.col.name'),
      dataIndex: 'name',
      render: (_, k) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{k.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
            {k.prefix}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('keys.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: KeyView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`keys.status.${s}`)}</Tag>,
    },
    {
      title: t('keys.col.app'),
      dataIndex: 'app_id',
      render: (id: string | null) => (id ? (apps.get(id) ?? id) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('keys.col.models'),
      dataIndex: 'models',
      render: (m: string[] | null) =>
        m ? (
          <Space size={[0, 4]} wrap>
            {m.slice(0, 3).map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
            {m.length > 3 && (
              <Tooltip title={m.slice(3).join(', ')}>
                <Tag>+{m.length - 3}</Tag>
              </Tooltip>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('keys.allModels')}</Typography.Text>
        ),
    },
    {
      title: t('keys.col.rate'),
      render: (_, k) => (
        <Typography.Text style={{ fontSize: 12 }}>
          RPM {k.rpm ?? '∞'} · TPM {k.tpm ? fmtNum(k.tpm) : '∞'}
        </Typography.Text>
      ),
    },
    {
      title: t('keys.col.tokens'),
      render: (_, k) => {
        const u = usage?.[k.token_quota_period].get(k.id);
        const used = u ? u.prompt_tokens + u.completion_tokens : 0;
        if (!k.token_quota) return <Typography.Text type="secondary">{t('keys.usedTokens', { n: fmtNum(used) })}</Typography.Text>;
        return (
          <Meter
            used={used}
            limit={k.token_quota}
            text={t('keys.quotaOf', {
              used: fmtNum(used),
              limit: fmtNum(k.token_quota),
              period: t(`common.period.${k.token_quota_period}`),
            })}
          />
        );
      },
    },
    {
      title: t('keys.col.budget'),
      render: (_, k) => {
        const u = usage?.[k.budget_period].get(k.id);
        const sym = k.budget_currency === 'USD' ? '$' : '¥';
        const spent = u ? (k.budget_currency === 'USD' ? u.cost_usd : u.cost_cny) : 0;
        if (!k.budget)
          return <Typography.Text type="secondary">{t('keys.spent', { amount: `${sym}${spent.toFixed(2)}` })}</Typography.Text>;
        return (
          <Meter
            used={spent}
            limit={k.budget}
            text={t('keys.budgetOf', {
              used: `${sym}${spent.toFixed(2)}`,
              limit: `${sym}${k.budget}`,
              period: t(`common.period.${k.budget_period}`),
            })}
          />
        );
      },
    },
    {
      title: t('keys.col.expires'),
      dataIndex: 'expires_at',
      render: (v: string | null) =>
        v ? new Date(v).toLocaleString() : <Typography.Text type="secondary">{t('keys.never')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      width: 90,
      render: (_, k) =>
        k.status === 'revoked' ? null : (
          <Popconfirm
            title={t('keys.revoke.title')}
            description={t('keys.revoke.confirm', { name: k.name })}
            okText={t('keys.revoke.ok')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() => onRevoke(k)}
          >
            <Button danger size="small" type="link" data-testid={`key-revoke-${k.id}`}>
              {t('keys.revoke.button')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
}

interface Props {
  keys: KeyView[];
  loading: boolean;
  apps: AppView[];
  usage: UsageByPeriod | undefined;
  onRevoke: (k: KeyView) => void;
}

export default function KeysTable({ keys, loading, apps, usage, onRevoke }: Props) {
  const t = useT();
  const appNames = new Map(apps.map((a) => [a.id, a.name]));
  return (
    <Table<KeyView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={keys}
      columns={columns(t, appNames, usage, onRevoke)}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 1100 }}
      data-testid="keys-table"
    />
  );
}
