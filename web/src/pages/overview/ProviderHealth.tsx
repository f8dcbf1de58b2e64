/** Circuit breaker state of every routing target, grouped by provider. */
import { Card, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../i18n';
import type { CircuitState, ProviderHealth as Health } from '../../api/overview.ts';

const COLOR: Record<CircuitState, string> = { closed: 'success', open: 'error', 'half-open': 'warning' };

/** Worst state first, so a tripped provider is visible at a glance. */
const RANK: Record<CircuitState, number> = { open: 0, 'half-open': 1, closed: 2 };

export function ProviderHealth({ providers }: { providers: Health[] }) {
  const t = useT();
  const sorted = [...providers].sort(
    (a, b) =>
      Math.min(3, ...a.targets.map((x) => RANK[x.circuit])) - Math.min(3, ...b.targets.map((x) => RANK[x.circuit])) ||
      a.name.localeCompare(b.name),
  );
  return (
    <Card
      size="small"
      title={t('overview.health.title')}
      extra={<Typography.Text type="secondary">{t('overview.health.hint')}</Typography.Text>}
      style={{ height: '100%' }}
      data-testid="overview-provider-health"
    >
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('overview.health.empty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {sorted.map((p) => (
            <div key={p.name}>
              <Typography.Text strong>{p.name}</Typography.Text>
              <div style={{ marginTop: 6, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
                {p.targets.length === 0 ? (
                  <Typography.Text type="secondary">{t('overview.health.noTargets')}</Typography.Text>
                ) : (
                  p.targets.map((x) => (
                    <Tooltip
                      key={x.model}
                      title={`${t(`overview.circuit.${x.circuit}`)} · ${t('overview.health.inFlight', { n: x.in_flight })}`}
                    >
                      <Tag color={COLOR[x.circuit] ?? 'default'} data-circuit={x.circuit} style={{ marginInlineEnd: 0 }}>
                        {x.model} · {t(`overview.circuit.${x.circuit}`)}
                        {x.in_flight > 0 ? ` (${x.in_flight})` : ''}
                      </Tag>
                    </Tooltip>
                  ))
                )}
              </div>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
