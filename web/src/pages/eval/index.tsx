/** Evaluation (评测): the runs of the workspace, the cross-run leaderboard and the datasets, one tab each (the tab lives in the URL). */
import { WorkspaceTabsPage } from '../../app/WorkspaceTabsPage.tsx';
import { useT } from '../../i18n/index.ts';
import { DatasetsTab } from './DatasetsTab.tsx';
import { LeaderboardTab } from './LeaderboardTab.tsx';
import { RunsTab } from './RunsTab.tsx';

export default function EvalPage() {
  const t = useT();
  return (
    <WorkspaceTabsPage
      testId="eval"
      title={t('eval.title')}
      subtitle={t('eval.subtitle')}
      destroyOnHidden
      tabs={[
        {
          key: 'runs',
          label: t('eval.tab.runs'),
          render: ({ workspaceId, canWrite }) => <RunsTab workspaceId={workspaceId} canWrite={canWrite} />,
        },
        { key: 'leaderboard', label: t('eval.tab.leaderboard'), render: ({ workspaceId }) => <LeaderboardTab workspaceId={workspaceId} /> },
        {
          key: 'datasets',
          label: t('eval.tab.datasets'),
          render: ({ workspaceId, canWrite }) => <DatasetsTab workspaceId={workspaceId} canWrite={canWrite} />,
        },
      ]}
    />
  );
}
