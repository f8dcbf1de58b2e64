/** A risk id of GB/T 45654-2025 appendix A (e.g. A.1.6) with its name in the current language. */
import { Tag, Tooltip } from 'antd';
import { useLang } from '../../i18n';
import { useRisks } from '../../api/moderation.ts';

/** By risk class (A.1 … A.5). */
const CLASS_COLOR: Record<string, string> = { 'A.1': 'red', 'A.2': 'volcano', 'A.3': 'orange', 'A.4': 'gold', 'A.5': 'purple' };

export function useRiskName(): (id: string) => string | undefined {
  const { lang } = useLang();
  const risks = useRisks();
  const byId = new Map((risks.data ?? []).map((r) => [r.id, r]));
  return (id) => {
    const r = byId.get(id);
    return r ? (lang === 'zh-CN' ? r.zh : r.en) : undefined;
  };
}

export function RiskTag({ risk }: { risk: string }) {
  const name = useRiskName()(risk);
  const color = CLASS_COLOR[risk.split('.').slice(0, 2).join('.')] ?? 'default';
  const tag = (
    <Tag color={color} data-testid="risk-tag" data-risk={risk}>
      {name ? `${risk} ${name}` : risk}
    </Tag>
  );
  return name ? <Tooltip title={risk}>{tag}</Tooltip> : tag;
}
