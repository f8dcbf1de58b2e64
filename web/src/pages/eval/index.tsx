/** Evaluation (评测): the runs of the workspace, the cross-run leaderboard and the datasets, one tab each (the tab lives in the URL). */
import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { DatasetsTab } from './DatasetsTab.tsx';
import { LeaderboardTab } from './LeaderboardTab.tsx';
import { RunsTab } from './RunsTab.tsx';

const TABS = ['runs', 'leaderboard', 'datasets'] as const;
type Tab = (typeof TABS)[number];

export default function EvalPage() {
  const t = useT();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'runs';
  const canWrite = workspaces.find((w) => w.id === workspaceId)?.role !== 'viewer';

  return (
    <Card
      data-testid="eval-page"
      title={
        <Space>
          {t('eval.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('eval.subtitle')}
          </Typography.Text>
        </Space>
      }
      extra={
        workspaces.length > 1 ? (
          <Select
            value={workspaceId}
            onChange={setWorkspaceId}
            style={{ minWidth: 180 }}
            options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
            data-testid="eval-workspace"
          />
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          {
            key: 'runs',
            label: <span data-testid="eval-tab-runs">{t('eval.tab.runs')}</span>,
            children: <RunsTab workspaceId={workspaceId} canWrite={canWrite} />,
          },
          {
            key: 'leaderboard',
            label: <span data-testid="eval-tab-leaderboard">{t('eval.tab.leaderboard')}</span>,
            children: <LeaderboardTab workspaceId={workspaceId} />,
          },
          {
            key: 'datasets',
            label: <span data-testid="eval-tab-datasets">{t('eval.tab.datasets')}</span>,
            children: <DatasetsTab workspaceId={workspaceId} canWrite={canWrite} />,
          },
        ]}
      />
    </Card>
  );
}
