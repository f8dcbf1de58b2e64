import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import CreateKeyModal from './CreateKeyModal.tsx';
import KeyRevealModal from './KeyRevealModal.tsx';
import KeysTable from './KeysTable.tsx';
import type { AppView, KeyView } from './types.ts';
import { useKeyUsage } from './useKeyUsage.ts';

export default function KeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<{ key: string; name: string } | null>(null);
  const ws = encodeURIComponent(workspaceId);

  const keys = useQuery({
    queryKey: ['keys', workspaceId],
    queryFn: () => api<{ data: KeyView[] }>('GET', `/api/workspaces/${ws}/keys`).then((r) => r.data),
  });
  const apps = useQuery({
    queryKey: ['apps', workspaceId],
    queryFn: () => api<{ data: AppView[] }>('GET', `/api/workspaces/${ws}/apps`).then((r) => r.data),
  });
  const models = useQuery({
    queryKey: ['aliases'],
    queryFn: () => api<{ data: { name: string }[] }>('GET', '/api/models').then((r) => r.data.map((m) => m.name)),
  });
  const usage = useKeyUsage(workspaceId);
  const role = workspaces.find((w) => w.id === workspaceId)?.role;
  const canWrite = role !== 'viewer';

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['keys', workspaceId] });
    void qc.invalidateQueries({ queryKey: ['key-usage', workspaceId] });
  };

  const revoke = async (k: KeyView) => {
    try {
      await api('POST', `/api/keys/${encodeURIComponent(k.id)}/revoke`);
      message.success(t('keys.revoke.done', { name: k.name }));
      refresh();
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
        models={models.data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setRevealed({ key: k.key, name: k.name });
          refresh();
        }}
      />
      <KeyRevealModal secret={revealed?.key ?? null} name={revealed?.name ?? ''} onClose={() => setRevealed(null)} />
    </Card>
  );
}
