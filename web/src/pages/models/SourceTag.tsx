/** Where a provider / alias / price is defined: baimo.yaml (read-only here) or the database. */
import { Tag, Tooltip } from 'antd';
import { useT } from '../../i18n';
import type { Source } from '../../api/models.ts';

export function SourceTag({ source }: { source?: Source }) {
  const t = useT();
  if (!source) return null;
  return source === 'file' ? (
    <Tooltip title={t('models.common.fileOnly')}>
      <Tag color="geekblue">{t('models.source.file')}</Tag>
    </Tooltip>
  ) : (
    <Tag color="cyan">{t('models.source.database')}</Tag>
  );
}
