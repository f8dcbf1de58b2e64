import { Card, Tabs } from 'antd';
import { useT } from '../../i18n/index.ts';
import UsersTab from './UsersTab.tsx';
import WorkspacesTab from './WorkspacesTab.tsx';

export default function WorkspacesPage() {
  const t = useT();
  return (
    <Card>
      <Tabs
        items={[
          { key: 'workspaces', label: t('workspaces.tab.workspaces'), children: <WorkspacesTab /> },
          { key: 'users', label: <span data-testid="users-tab">{t('workspaces.tab.users')}</span>, children: <UsersTab /> },
        ]}
      />
    </Card>
  );
}
