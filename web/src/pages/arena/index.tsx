/** The arena (模型竞技场): blind battles with votes, the ratings they make, and battles in bulk (import, LLM judge). The tab lives in the URL. */
import { WorkspaceTabsPage } from '../../app/WorkspaceTabsPage.tsx';
import { useT } from '../../i18n/index.ts';
import { BatchTab } from './BatchTab.tsx';
import { BattlePanel } from './BattlePanel.tsx';
import { RatingsTab } from './RatingsTab.tsx';

export default function ArenaPage() {
  const t = useT();
  return (
    <WorkspaceTabsPage
      testId="arena"
      title={t('arena.title')}
      subtitle={t('arena.subtitle')}
      tabs={[
        {
          key: 'battle',
          label: t('arena.tab.battle'),
          render: ({ workspaceId, canWrite }) => <BattlePanel workspaceId={workspaceId} canWrite={canWrite} />,
        },
        {
          key: 'ratings',
          label: t('arena.tab.ratings'),
          render: ({ workspaceId }) => <RatingsTab workspaceId={workspaceId} />,
          destroyOnHidden: true,
        },
        {
          key: 'batch',
          label: t('arena.tab.batch'),
          render: ({ workspaceId, canWrite }) => <BatchTab workspaceId={workspaceId} canWrite={canWrite} />,
        },
      ]}
    />
  );
}
