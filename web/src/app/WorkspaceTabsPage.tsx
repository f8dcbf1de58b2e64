/** A page of tabs about the current workspace (evaluation, the arena): the shape both share. */
import { Card, Select, Space, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentWorkspace } from './workspaces.ts';

export interface WorkspaceTab {
  key: string;
  label: string;
  /** The tab's content in the current workspace; `canWrite`: the user's role there is more than viewer. */
  render(ctx: { workspaceId: string; canWrite: boolean }): ReactNode;
  /** Unmount the tab's content while another tab is shown (the page's `destroyOnHidden` applies to all). */
  destroyOnHidden?: boolean;
}

/**
 * A card with a title and a subtitle, a picker of the user's workspaces (when there are several), and
 * tabs whose choice lives in the URL (`?tab=`; the first tab by default). Test ids: `{testId}-page`,
 * `{testId}-workspace` and `{testId}-tab-{key}`.
 */
export function WorkspaceTabsPage({
  testId,
  title,
  subtitle,
  tabs,
  destroyOnHidden,
}: {
  testId: string;
  title: ReactNode;
  subtitle: ReactNode;
  tabs: readonly WorkspaceTab[];
  destroyOnHidden?: boolean;
}) {
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab = tabs.some((x) => x.key === asked) ? asked! : tabs[0]!.key;
  const canWrite = workspaces.find((w) => w.id === workspaceId)?.role !== 'viewer';

  return (
    <Card
      data-testid={`${testId}-page`}
      title={
        <Space>
          {title}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {subtitle}
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
            data-testid={`${testId}-workspace`}
          />
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden={destroyOnHidden}
        items={tabs.map((x) => ({
          key: x.key,
          label: <span data-testid={`${testId}-tab-${x.key}`}>{x.label}</span>,
          children: x.render({ workspaceId, canWrite }),
          ...(x.destroyOnHidden ? { destroyOnHidden: true } : {}),
        }))}
      />
    </Card>
  );
}
