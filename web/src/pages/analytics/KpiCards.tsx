/** The report's headline figures, one card each; `data-value` holds the raw figure the card shows. */
import { Card, Col, Row, Statistic, Tooltip } from 'antd';
import type { AnalyticsFigures } from '../../api/analytics.ts';
import { useT, type TranslationKey } from '../../i18n/index.ts';
import { fmtCny, fmtCompact, fmtDuration, fmtInt, fmtMs, fmtPerMille } from './format.ts';

interface Kpi {
  key: string;
  title: TranslationKey;
  hint: TranslationKey;
  value: number | null;
  shown: string;
}

/** The cards, in order: who and how much first, then what it cost and how well it went. */
export function kpis(f: AnalyticsFigures): Kpi[] {
  return [
    { key: 'requests', title: 'analytics.kpi.requests', hint: 'analytics.kpi.requestsHint', value: f.requests, shown: fmtInt(f.requests) },
    {
      key: 'page_views',
      title: 'analytics.kpi.pageViews',
      hint: 'analytics.kpi.pageViewsHint',
      value: f.page_views,
      shown: fmtInt(f.page_views),
    },
    { key: 'users', title: 'analytics.kpi.users', hint: 'analytics.kpi.usersHint', value: f.users, shown: fmtInt(f.users) },
    {
      key: 'new_users',
      title: 'analytics.kpi.newUsers',
      hint: 'analytics.kpi.newUsersHint',
      value: f.new_users,
      shown: fmtInt(f.new_users),
    },
    { key: 'sessions', title: 'analytics.kpi.sessions', hint: 'analytics.kpi.sessionsHint', value: f.sessions, shown: fmtInt(f.sessions) },
    {
      key: 'avg_dwell_seconds',
      title: 'analytics.kpi.dwell',
      hint: 'analytics.kpi.dwellHint',
      value: f.avg_dwell_seconds,
      shown: fmtDuration(f.avg_dwell_seconds),
    },
    { key: 'tokens', title: 'analytics.kpi.tokens', hint: 'analytics.kpi.tokensHint', value: f.tokens, shown: fmtCompact(f.tokens) },
    { key: 'cost', title: 'analytics.kpi.cost', hint: 'analytics.kpi.costHint', value: f.cost, shown: fmtCny(f.cost) },
    {
      key: 'latency_p95',
      title: 'analytics.kpi.p95',
      hint: 'analytics.kpi.p95Hint',
      value: f.latency_ms.p95,
      shown: fmtMs(f.latency_ms.p95),
    },
    {
      key: 'satisfaction',
      title: 'analytics.kpi.satisfaction',
      hint: 'analytics.kpi.satisfactionHint',
      value: f.satisfaction,
      shown: fmtPerMille(f.satisfaction),
    },
  ];
}

export function KpiCards({ totals }: { totals: AnalyticsFigures }) {
  const t = useT();
  return (
    <Row gutter={[12, 12]} data-testid="analytics-kpis">
      {kpis(totals).map((k) => (
        <Col key={k.key} xs={12} md={8} lg={6} xxl={4}>
          <Tooltip title={t(k.hint)}>
            <Card size="small" data-testid={`analytics-kpi-${k.key}`} data-value={k.value ?? ''} style={{ height: '100%' }}>
              <Statistic title={t(k.title)} value={k.shown} />
            </Card>
          </Tooltip>
        </Col>
      ))}
    </Row>
  );
}
