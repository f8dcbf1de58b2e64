/** The arena (模型竞技场): blind battles with votes, the ratings they make, and battles in bulk (import, LLM judge). The tab lives in the URL. */
import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { BatchTab } from './BatchTab.tsx';
import { BattlePanel } from './BattlePanel.tsx';
import { RatingsTab } from './RatingsTab.tsx';

const TABS = ['battle', 'ratings', 'batch'] as const;
type Tab = (typeof TABS)[number];

export default function ArenaPage() {
  const t = useT();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'battle';
  const canWrite = workspaces.find((w) => w.id === workspaceId)?.role !== 'viewer';

  return (
    <Card
      data-testid="arena-page"
      title={
        <Space>
          {t('arena.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('arena.subtitle')}
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
            data-testid="arena-workspace"
          />
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'battle',
            label: <span data-testid="arena-tab-battle">{t('arena.tab.battle')}</span>,
            children: <BattlePanel workspaceId={workspaceId} canWrite={canWrite} />,
          },
          {
            key: 'ratings',
            label: <span data-testid="arena-tab-ratings">{t('arena.tab.ratings')}</span>,
            children: <RatingsTab workspaceId={workspaceId} />,
            destroyOnHidden: true,
          },
          {
            key: 'batch',
            label: <span data-testid="arena-tab-batch">{t('arena.tab.batch')}</span>,
            children: <BatchTab workspaceId={workspaceId} canWrite={canWrite} />,
          },
        ]}
      />
    </Card>
  );
}
