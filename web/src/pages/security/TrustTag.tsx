/** A provider's trust level (where it runs) as a colored tag; shared with the providers table. */
import { Tag } from 'antd';
import { useT } from '../../i18n';
import type { TrustLevel } from '../../api/security.ts';

const COLOR: Record<TrustLevel, string> = { self_hosted: 'green', domestic_cloud: 'blue', foreign_cloud: 'orange' };

export function TrustTag({ level, testId }: { level: TrustLevel | null | undefined; testId?: string }) {
  const t = useT();
  if (!level) return null;
  return (
    <Tag color={COLOR[level] ?? 'default'} data-testid={testId}>
      {t(`security.trust.${level}`)}
    </Tag>
  );
}
