/** A virtual key for runs, when the console is not signed in with the admin token (`/v1` takes keys, not console sessions). */
import { KeyOutlined } from '@ant-design/icons';
import { Input, Typography } from 'antd';
import { useT } from '../../i18n/index.ts';

export function KeyField({ value, onChange }: { value: string; onChange: (k: string) => void }) {
  const t = useT();
  return (
    <div style={{ marginBottom: 12 }}>
      <Input.Password
        data-testid="app-run-key"
        size="small"
        prefix={<KeyOutlined />}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t('apps.run.keyPlaceholder')}
        autoComplete="off"
        maxLength={200}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('apps.run.keyHint')}
      </Typography.Text>
    </div>
  );
}
