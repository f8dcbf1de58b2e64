import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useApps, useKeys, useKeyUsage, useRefreshKeys, useRevokeKey, type KeyView } from '../../api/keys.ts';
import { useAliases } from '../../api/models.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import CreateKeyModal from './CreateKeyModal.tsx';
import KeyRevealModal from './KeyRevealModal.tsx';
import KeysTable from './KeysTable.tsx';

export default function KeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<{ key: string; name: string } | null>(null);

  const keys = useKeys(workspaceId);
  const apps = useApps(workspaceId);
  // The aliases a key may be limited to: the one cache of GET /api/models (the models page shares it).
  const aliases = useAliases();
  const models = useMemo(() => (aliases.data ?? []).map((m) => m.name), [aliases.data]);
  const revoker = useRevokeKey();
  const usage = useKeyUsage(workspaceId);
  const role = workspaces.find((w) => w.id === workspaceId)?.role;
  const canWrite = role !== 'viewer';

  const refreshKeys = useRefreshKeys(workspaceId);
  const refresh = () => void refreshKeys();

  const revoke = async (k: KeyView) => {
    try {
      await revoker.mutateAsync(k.id);
      message.success(t('keys.revoke.done', { name: k.name }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Card
      title={
        <Space>
          {t('keys.title')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
            {t('keys.subtitle')}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {workspaces.length > 1 && (
            <Select
              value={workspaceId}
              onChange={setWorkspaceId}
              style={{ minWidth: 180 }}
              options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
              data-testid="keys-workspace"
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!canWrite} data-testid="key-create">
            {t('keys.create.button')}
          </Button>
        </Space>
      }
    >
      {keys.error && (
        <Alert type="error" showIcon title={t('common.error', { message: keys.error.message })} style={{ marginBottom: 16 }} />
      )}
      <KeysTable keys={keys.data ?? []} loading={keys.isLoading} apps={apps.data ?? []} usage={usage.data} onRevoke={revoke} />
      <CreateKeyModal
        open={creating}
        workspaceId={workspaceId}
        apps={apps.data ?? []}
        models={models}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setRevealed({ key: k.key, name: k.name });
        }}
      />
      <KeyRevealModal secret={revealed?.key ?? null} name={revealed?.name ?? ''} onClose={() => setRevealed(null)} />
    </Card>
  );
}
