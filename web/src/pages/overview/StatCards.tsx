/** The headline numbers of the overview, one card each. */
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { fmtCompact, fmtInt, fmtMoney, fmtMs, fmtPct } from './format';
import type { StatPoint } from '../../api/overview.ts';

function StatCard({
  title,
  value,
  sub,
  testId,
  danger,
}: {
  title: string;
  value: ReactNode;
  sub?: ReactNode;
  testId: string;
  danger?: boolean;
}) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic title={title} value={value as string} styles={{ content: danger ? { color: '#cf1322' } : undefined }} />
      {sub ? <div style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, marginTop: 4 }}>{sub}</div> : null}
    </Card>
  );
}

export function StatCards({ totals }: { totals: StatPoint }) {
  const t = useT();
  const tokens = totals.prompt_tokens + totals.completion_tokens;
  const errorRate = totals.requests ? totals.errors / totals.requests : null;
  const cacheRate = totals.requests ? totals.cache_hits / totals.requests : null;
  const cards = [
    {
      testId: 'overview-card-requests',
      title: t('overview.card.requests'),
      value: fmtInt(totals.requests),
      sub: t('overview.card.requestsSub', { errors: fmtInt(totals.errors) }),
    },
    {
      testId: 'overview-card-tokens',
      title: t('overview.card.tokens'),
      value: fmtCompact(tokens),
      sub: t('overview.card.tokensSub', { prompt: fmtCompact(totals.prompt_tokens), completion: fmtCompact(totals.completion_tokens) }),
    },
    {
      testId: 'overview-card-cost-cny',
      title: t('overview.card.costCny'),
      value: fmtMoney(totals.cost_cny, 'CNY'),
      sub: t('overview.card.costSub'),
    },
    {
      testId: 'overview-card-cost-usd',
      title: t('overview.card.costUsd'),
      value: fmtMoney(totals.cost_usd, 'USD'),
      sub: t('overview.card.costSub'),
    },
    {
      testId: 'overview-card-error-rate',
      title: t('overview.card.errorRate'),
      value: fmtPct(errorRate),
      danger: errorRate !== null && errorRate >= 0.05,
    },
    {
      testId: 'overview-card-cache-rate',
      title: t('overview.card.cacheRate'),
      value: fmtPct(cacheRate),
      sub: t('overview.card.cacheSub', { hits: fmtInt(totals.cache_hits) }),
    },
    {
      testId: 'overview-card-latency',
      title: t('overview.card.latency'),
      value: `${fmtMs(totals.latency_p50_ms)} / ${fmtMs(totals.latency_p95_ms)}`,
    },
    {
      testId: 'overview-card-ttft',
      title: t('overview.card.ttft'),
      value: `${fmtMs(totals.ttft_p50_ms)} / ${fmtMs(totals.ttft_p95_ms)}`,
    },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col key={c.testId} xs={24} sm={12} lg={6}>
          <StatCard {...c} />
        </Col>
      ))}
    </Row>
  );
}
