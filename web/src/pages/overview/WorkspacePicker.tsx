/** Optional workspace filter (empty = everything the caller may see). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { api } from '../../api/client';
import { useT } from '../../i18n';

interface Workspace {
  id: string;
  name: string;
}

export function WorkspacePicker({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['overview', 'workspaces'],
    queryFn: () => api<{ data: Workspace[] }>('GET', '/api/workspaces'),
    staleTime: 60_000,
  });
  return (
    <Select
      data-testid="overview-workspace"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ minWidth: 180 }}
      placeholder={t('overview.workspace.all')}
      value={value}
      onChange={(v?: string) => onChange(v || undefined)}
      loading={q.isLoading}
      options={(q.data?.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
    />
  );
}
