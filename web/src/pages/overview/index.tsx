/** Overview: headline numbers, trends, top models and provider health for a time range. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Empty, Flex, Row, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useOverview, type Range } from '../../api/overview.ts';
import { useT } from '../../i18n';
import { ProviderHealth } from './ProviderHealth';
import { StatCards } from './StatCards';
import { TopModels } from './TopModels';
import { TrendCharts } from './TrendCharts';
import { WorkspacePicker } from './WorkspacePicker';

const RANGES: Range[] = ['1h', '24h', '7d', '30d'];
/** Shorter ranges move faster; refresh them more often. */
const REFRESH_MS: Record<Range, number> = { '1h': 15_000, '24h': 60_000, '7d': 300_000, '30d': 600_000 };

export default function OverviewPage() {
  const t = useT();
  const [range, setRange] = useState<Range>('24h');
  const [workspaceId, setWorkspaceId] = useState<string | undefined>();
  const q = useOverview(range, workspaceId, REFRESH_MS[range]);
  const data = q.data;
  const updated = q.dataUpdatedAt
    ? new Date(q.dataUpdatedAt).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' })
    : '';

  return (
    <div data-testid="overview-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('overview.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('overview.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <WorkspacePicker value={workspaceId} onChange={setWorkspaceId} />
          <Segmented<Range>
            data-testid="overview-range"
            value={range}
            onChange={setRange}
            options={RANGES.map((r) => ({ value: r, label: <span data-testid={`overview-range-${r}`}>{t(`overview.range.${r}`)}</span> }))}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching} data-testid="overview-refresh">
            {t('overview.refresh')}
          </Button>
        </Space>
      </Flex>
      {updated ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: -8, marginBottom: 12, fontSize: 12 }}>
          {t('overview.updated', { time: updated })}
        </Typography.Text>
      ) : null}

      {q.isError ? (
        <Alert
          type="error"
          showIcon
          data-testid="overview-error"
          title={t('overview.loadError')}
          description={q.error instanceof Error ? q.error.message : String(q.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}

      {!data ? (
        q.isLoading ? (
          <Skeleton active paragraph={{ rows: 10 }} />
        ) : null
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <StatCards totals={data.totals} />
          {data.totals.requests === 0 ? (
            <Empty description={t('overview.empty')} style={{ padding: 24 }} />
          ) : (
            <TrendCharts series={data.series} range={range} />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <TopModels rows={data.top_models} totalRequests={data.totals.requests} />
            </Col>
            <Col xs={24} xl={10}>
              <ProviderHealth providers={data.providers} />
            </Col>
          </Row>
        </Space>
      )}
    </div>
  );
}
