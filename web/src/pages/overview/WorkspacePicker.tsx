/** Optional workspace filter (empty = everything the caller may see). */
import { Select } from 'antd';
import { useWorkspaces } from '../../api/workspaces.ts';
import { useT } from '../../i18n';

export function WorkspacePicker({ value, onChange }: { value?: string; onChange: (v: string | undefined) => void }) {
  const t = useT();
  const q = useWorkspaces();
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
      options={(q.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
    />
  );
}
