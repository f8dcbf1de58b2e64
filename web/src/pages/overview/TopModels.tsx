/** The most used models of the period. */
import { Card, Progress, Table, type TableColumnsType } from 'antd';
import { useT } from '../../i18n';
import { fmtCompact, fmtInt, fmtMoney } from './format';
import type { TopModel } from '../../api/overview.ts';

export function TopModels({ rows, totalRequests }: { rows: TopModel[]; totalRequests: number }) {
  const t = useT();
  const columns: TableColumnsType<TopModel> = [
    { title: t('overview.top.model'), dataIndex: 'model', ellipsis: true },
    { title: t('overview.top.requests'), dataIndex: 'requests', align: 'right', render: (v: number) => fmtInt(v), width: 100 },
    { title: t('overview.top.tokens'), dataIndex: 'tokens', align: 'right', render: (v: number) => fmtCompact(v), width: 100 },
    { title: t('overview.top.cost'), dataIndex: 'cost_cny', align: 'right', render: (v: number) => fmtMoney(v, 'CNY'), width: 110 },
    {
      title: t('overview.top.share'),
      key: 'share',
      width: 140,
      render: (_: unknown, r) => (
        <Progress size="small" percent={totalRequests ? Math.round((r.requests / totalRequests) * 1000) / 10 : 0} />
      ),
    },
  ];
  return (
    <Card size="small" title={t('overview.top.title')} style={{ height: '100%' }}>
      <Table<TopModel>
        data-testid="overview-top-models"
        size="small"
        rowKey="model"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('overview.top.empty') }}
      />
    </Card>
  );
}
