/**
 * The cross-run leaderboard: per suite and dataset version, the latest completed result of each model
 * (ranked, the group's Pareto front marked) with that group's quality-vs-cost scatter; or each model's
 * mean across the groups.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Segmented, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { groupKey, useLeaderboard, type LeaderboardOverallRow, type LeaderboardRow } from '../../api/eval-leaderboard.ts';
import { useT } from '../../i18n/index.ts';
import { fmtTime } from '../logs/format.ts';
import { resultColumns } from './LeaderboardTable.tsx';
import { QualityCostScatter } from './QualityCostScatter.tsx';
import { runPath } from './format.ts';

/** The rank column both views lead with. */
function rankColumn<T extends { rank: number | null }>(): TableColumnsType<T>[number] {
  return { title: '#', dataIndex: 'rank', width: 60, fixed: 'left', render: (r: number | null) => r ?? '—' };
}

export function LeaderboardTab({ workspaceId }: { workspaceId: string }) {
  const t = useT();
  const board = useLeaderboard(workspaceId);
  const [view, setView] = useState<'groups' | 'overall'>('groups');
  const [picked, setPicked] = useState<string | undefined>();
  const groups = board.data?.groups ?? [];
  const group = groups.find((g) => groupKey(g) === picked) ?? groups[0];
  const overall = board.data?.overall ?? [];

  const groupColumns = resultColumns<LeaderboardRow>(t, group?.rows ?? [], {
    type: group?.type,
    testPrefix: 'eval-board',
    tail: [
      {
        title: t('eval.col.run'),
        key: 'run',
        width: 170,
        render: (_, r) => (
          <Space orientation="vertical" size={0}>
            <Link to={runPath(r.run_id)}>{r.dataset}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.finished_at ? fmtTime(r.finished_at) : '—'}
            </Typography.Text>
          </Space>
        ),
      },
    ],
  });
  const overallColumns = resultColumns<LeaderboardOverallRow>(t, overall, {
    testPrefix: 'eval-overall',
    tail: [{ title: t('eval.board.groups'), dataIndex: 'groups', width: 90, align: 'right' }],
  });

  return (
    <div data-testid="eval-board">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'groups' | 'overall')}
            options={[
              { value: 'groups', label: <span data-testid="eval-board-view-groups">{t('eval.board.bySuite')}</span> },
              { value: 'overall', label: <span data-testid="eval-board-view-overall">{t('eval.board.overall')}</span> },
            ]}
          />
          {view === 'groups' ? (
            <Select
              data-testid="eval-board-suite"
              value={group ? groupKey(group) : undefined}
              onChange={setPicked}
              style={{ minWidth: 300 }}
              options={groups.map((g) => ({ value: groupKey(g), label: `${groupKey(g)} · ${t(`eval.type.${g.type}`)}` }))}
              notFoundContent={t('eval.board.empty')}
            />
          ) : null}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} loading={board.isRefetching}>
          {t('common.refresh')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        {view === 'groups' ? t('eval.board.hint') : t('eval.board.overallHint')}
        {board.data?.truncated ? ` ${t('eval.board.truncated', { n: board.data.runs })}` : ''}
      </Typography.Paragraph>
      {board.isError ? (
        <Alert type="error" showIcon title={t('common.error', { message: board.error.message })} style={{ marginBottom: 12 }} />
      ) : null}
      {!board.isLoading && !group ? (
        <Empty description={t('eval.board.empty')} />
      ) : view === 'overall' ? (
        <Table<LeaderboardOverallRow>
          data-testid="eval-overall-table"
          rowKey="model"
          size="middle"
          loading={board.isLoading}
          columns={[rankColumn<LeaderboardOverallRow>(), ...overallColumns]}
          dataSource={overall}
          pagination={false}
          scroll={{ x: 1100 }}
        />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Table<LeaderboardRow>
            data-testid="eval-board-table"
            rowKey="model"
            size="middle"
            loading={board.isLoading}
            columns={[rankColumn<LeaderboardRow>(), ...groupColumns]}
            dataSource={group?.rows ?? []}
            pagination={false}
            scroll={{ x: 1200 }}
          />
          {group ? (
            <Card size="small" title={t('eval.section.scatter')}>
              <QualityCostScatter results={group.rows} testId="eval-board-scatter" />
            </Card>
          ) : null}
        </Space>
      )}
    </div>
  );
}
