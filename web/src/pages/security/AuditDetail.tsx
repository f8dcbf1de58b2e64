/** Drawer with one audit entry: who did what to what, and its detail as JSON. */
import { Descriptions, Drawer, Typography } from 'antd';
import { useT } from '../../i18n';
import { fmtTime } from '../logs/format';
import type { AuditEntry } from '../../api/audit.ts';

export function AuditDetail({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const t = useT();
  const json = entry ? JSON.stringify(entry.detail ?? null, null, 2) : '';
  return (
    <Drawer open={Boolean(entry)} onClose={onClose} size={640} title={t('security.audit.detailTitle')} destroyOnHidden>
      {entry ? (
        <div data-testid="audit-detail">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('security.audit.seq')}>{entry.seq}</Descriptions.Item>
            <Descriptions.Item label="ID">
              <Typography.Text copyable>{entry.id}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('security.audit.time')}>{fmtTime(entry.created_at)}</Descriptions.Item>
            <Descriptions.Item label={t('security.audit.actor')}>
              {entry.actor_type}
              {entry.actor_id ? ` · ${entry.actor_id}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('security.audit.action')}>
              <Typography.Text code>{entry.action}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('security.audit.target')}>
              {entry.target_type ?? '—'}
              {entry.target_id ? ` · ${entry.target_id}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('common.workspace')}>{entry.workspace_id ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} copyable={{ text: json }} style={{ marginTop: 16 }}>
            {t('security.audit.detail')}
          </Typography.Title>
          <pre
            data-testid="audit-detail-json"
            style={{
              background: '#f6f8fa',
              padding: 12,
              borderRadius: 6,
              fontSize: 12,
              margin: 0,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {json}
          </pre>
        </div>
      ) : null}
    </Drawer>
  );
}
