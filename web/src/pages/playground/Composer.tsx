import { SendOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/index.ts';

interface Props {
  busy: boolean;
  disabled: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
}

/** Message box: Enter sends, Shift+Enter adds a line, Esc stops a running answer. */
export default function Composer({ busy, disabled, onSend, onStop }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const submit = () => {
    if (busy || disabled || !text.trim()) return;
    onSend(text);
    setText('');
  };
  return (
    <div>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 8 }}
        placeholder={t('playground.inputPlaceholder')}
        data-testid="playground-input"
        onKeyDown={(e) => {
          // Ignore Enter while an IME (Chinese input) is composing.
          if (e.nativeEvent.isComposing || e.keyCode === 229) return;
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape' && busy) {
            e.preventDefault();
            onStop();
          }
        }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('playground.keysHint')}
        </Typography.Text>
        <Space>
          {busy ? (
            <Button danger icon={<StopOutlined />} onClick={onStop} data-testid="playground-stop">
              {t('playground.stop')}
            </Button>
          ) : null}
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={submit}
            disabled={busy || disabled || !text.trim()}
            loading={busy}
            data-testid="playground-send"
          >
            {t('playground.send')}
          </Button>
        </Space>
      </div>
    </div>
  );
}
