/** Picks a risk id (GB/T 45654-2025 appendix A) by id or name. */
import { Select } from 'antd';
import { useLang, useT } from '../../i18n';
import { useRisks } from '../../api/moderation.ts';

export function RiskSelect({ value, onChange, testId }: { value?: string; onChange?: (v: string) => void; testId: string }) {
  const t = useT();
  const { lang } = useLang();
  const risks = useRisks();
  return (
    <Select
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value}
      onChange={onChange}
      loading={risks.isLoading}
      placeholder={t('security.lib.defaultRiskPlaceholder')}
      style={{ minWidth: 260 }}
      options={(risks.data ?? []).map((r) => ({ value: r.id, label: `${r.id} ${lang === 'zh-CN' ? r.zh : r.en}` }))}
    />
  );
}
