import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Space } from 'antd';
import { useT } from '../../i18n/index.ts';

/** Shows a new key once; it cannot be read again after this dialog closes. */
export default function KeyRevealModal({ secret, name, onClose }: { secret: string | null; name: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      message.success(t('common.copied'));
    } catch {
      message.error(t('common.copyFailed'));
    }
  };
  return (
    <Modal
      open={!!secret}
      // The key must not linger in the DOM once the dialog is closed.
      destroyOnHidden
      title={t('keys.reveal.title', { name })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="key-reveal-done">
          {t('keys.reveal.done')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="warning" showIcon title={t('keys.reveal.once')} />
        <div
          data-testid="key-reveal"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            padding: '8px 12px',
            background: '#f6f8fa',
            border: '1px solid #e5e7eb',
            borderRadius: 6,
          }}
        >
          <code data-testid="key-reveal-value" style={{ flex: 1, wordBreak: 'break-all', fontSize: 13, userSelect: 'all' }}>
            {secret}
          </code>
          <Button type="primary" icon={<CopyOutlined />} onClick={copy} data-testid="key-reveal-copy">
            {t('common.copy')}
          </Button>
        </div>
      </Space>
    </Modal>
  );
}
