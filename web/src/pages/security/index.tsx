/** Security & compliance: policies per workspace / app / key, PII test, moderation libraries, audit log. */
import { Select, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useIsAdmin } from '../../app/auth';
import { useCurrentWorkspace } from '../../app/workspaces';
import { useT } from '../../i18n';
import { AuditTab } from './AuditTab';
import { LibrariesTab } from './LibrariesTab';
import { PiiTestTab } from './PiiTestTab';
import { PoliciesTab } from './PoliciesTab';

const TABS = ['policies', 'pii', 'moderation', 'audit'] as const;
type Tab = (typeof TABS)[number];

export default function SecurityPage() {
  const t = useT();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  // The tab lives in the URL (?tab=audit) so it survives reloads and can be linked to.
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'policies';
  const label = (k: Tab) => <span data-testid={`security-tab-${k}`}>{t(`security.tab.${k}`)}</span>;
  const isAdmin = useIsAdmin();
  // Instance administrators filter the audit log by any workspace (or none) in the tab itself.
  const picker =
    tab !== 'audit' || !isAdmin ? (
      <Select
        value={workspaceId}
        onChange={setWorkspaceId}
        style={{ minWidth: 200 }}
        showSearch={{ optionFilterProp: 'label' }}
        options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
        prefix={<Typography.Text type="secondary">{t('common.workspace')}</Typography.Text>}
        data-testid="security-workspace"
      />
    ) : null;
  return (
    <div data-testid="security-page">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('security.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('security.subtitle')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        tabBarExtraContent={picker}
        items={[
          { key: 'policies', label: label('policies'), children: <PoliciesTab workspaceId={workspaceId} /> },
          { key: 'pii', label: label('pii'), children: <PiiTestTab workspaceId={workspaceId} /> },
          { key: 'moderation', label: label('moderation'), children: <LibrariesTab workspaceId={workspaceId} /> },
          { key: 'audit', label: label('audit'), children: <AuditTab workspaceId={workspaceId} /> },
        ]}
      />
    </div>
  );
}
