/** Arena ratings (Bradley–Terry on the Elo scale): rank, rating, bootstrap 95% interval and battles per model, by source of battles; the intervals as a chart. */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { RATING_SOURCES, useRatings, type RatingRow, type RatingSource } from '../../api/arena.ts';
import { useT } from '../../i18n/index.ts';
import { RatingsChart } from './RatingsChart.tsx';

export function RatingsTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const [source, setSource] = useState<RatingSource>('all');
  const ratings = useRatings(workspaceId, source);
  const rows = ratings.data ?? [];

  const columns: TableColumnsType<RatingRow> = [
    { title: t('arena.col.rank'), dataIndex: 'rank', width: 80, render: (r: number) => <Typography.Text strong>{r}</Typography.Text> },
    { title: t('arena.col.model'), dataIndex: 'model', render: (m: string) => <span data-testid="arena-rating-model">{m}</span> },
    { title: t('arena.col.rating'), dataIndex: 'rating', width: 110, align: 'right', render: (v: number) => Math.round(v) },
    {
      title: t('arena.col.ci'),
      key: 'ci',
      width: 200,
      align: 'right',
      render: (_, r) => (
        <Space size={4}>
          <span>
            [{Math.round(r.ci_low)}, {Math.round(r.ci_high)}]
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            +{Math.round(r.ci_high - r.rating)} / −{Math.round(r.rating - r.ci_low)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('arena.col.battles'), dataIndex: 'battles', width: 100, align: 'right' },
  ];

  return (
    <div data-testid="arena-ratings">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented
          value={source}
          onChange={(v) => setSource(v as RatingSource)}
          options={RATING_SOURCES.map((s) => ({
            value: s,
            label: <span data-testid={`arena-source-${s}`}>{t(`arena.source.${s}`)}</span>,
          }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void ratings.refetch()} loading={ratings.isRefetching}>
          {t('common.refresh')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">{t('arena.ratingsHint')}</Typography.Paragraph>
      {ratings.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: ratings.error.message })} style={{ marginBottom: 12 }} />
      ) : null}
      {!ratings.isLoading && !rows.length ? (
        <Empty description={t('arena.noRatings')} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Table<RatingRow>
            data-testid="arena-ratings-table"
            rowKey="model"
            size="middle"
            loading={ratings.isLoading}
            columns={columns}
            dataSource={rows}
            pagination={false}
          />
          {rows.length ? (
            <Card size="small" title={t('arena.chart.title')}>
              <RatingsChart rows={rows} />
            </Card>
          ) : null}
        </Space>
      )}
    </div>
  );
}
