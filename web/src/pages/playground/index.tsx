import { ClearOutlined, CodeOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Dropdown, Row, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { getToken } from '../../api/client.ts';
import { useOpenAIModels } from '../../api/models.ts';
import { useAuth } from '../../app/auth.tsx';
import { useT } from '../../i18n/index.ts';
import Composer from './Composer.tsx';
import Conversation, { copyText } from './Conversation.tsx';
import SettingsPanel, { type SettingsValue } from './SettingsPanel.tsx';
import { buildSnippet, type SnippetLang } from './snippets.ts';
import { toMessages, useChat } from './useChat.ts';

const KEY_STORAGE = 'baimo.playgroundKey';
const readKey = () => {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
};

export default function PlaygroundPage() {
  const t = useT();
  const { message } = App.useApp();
  const adminToken = getToken();
  const [apiKey, setApiKey] = useState(readKey);
  const token = adminToken ?? (apiKey || null);
  const [settings, setSettings] = useState<SettingsValue>({
    compare: false,
    model: undefined,
    compareModels: [],
    system: '',
    params: { temperature: 0.7, top_p: 1 },
  });

  // The models the key may use, as /v1/models lists them for it (the admin token's list is the models page's).
  const models = useOpenAIModels(adminToken ? undefined : token, !!token);
  const modelIds = useMemo(() => (models.data ?? []).map((m) => m.id).sort(), [models.data]);
  // No model chosen yet: the first one the key may use.
  if (!settings.model && modelIds.length) setSettings((s) => ({ ...s, model: modelIds[0] }));

  const { me } = useAuth();
  const chat = useChat(token, me?.user?.id);
  const lanes = settings.compare ? settings.compareModels : settings.model ? [settings.model] : [];
  const canSend = !!token && (settings.compare ? lanes.length >= 2 : lanes.length === 1);

  const onApiKey = (k: string) => {
    setApiKey(k);
    try {
      sessionStorage.setItem(KEY_STORAGE, k);
    } catch {
      // Kept for this page only.
    }
  };

  const snippet = (lang: SnippetLang) => {
    const model = lanes[0] ?? 'MODEL';
    const turns = chat.conversations[model] ?? [];
    const messages = turns.length
      ? toMessages(settings.system, turns)
      : toMessages(settings.system, [{ id: 'x', role: 'user', content: t('playground.sampleQuestion') }]);
    void copyText(
      buildSnippet(lang, model, messages, settings.params),
      () => message.success(t('playground.codeCopied')),
      () => message.error(t('common.copyFailed')),
    );
  };

  const modelsError = !token
    ? adminToken
      ? null
      : t('playground.keyRequired')
    : models.error
      ? t('playground.modelsError', { message: models.error.message })
      : null;

  return (
    <Row gutter={[16, 16]} wrap>
      <Col xs={24} lg={7} xl={6}>
        <Card title={t('playground.settings')} size="small">
          <SettingsPanel
            value={settings}
            onChange={setSettings}
            models={modelIds}
            modelsLoading={models.isLoading}
            modelsError={modelsError}
            needsKey={!adminToken}
            apiKey={apiKey}
            onApiKey={onApiKey}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card
          size="small"
          title={
            <Space>
              {t('playground.conversation')}
              {settings.compare && <Typography.Text type="secondary">{t('playground.compareCount', { n: lanes.length })}</Typography.Text>}
            </Space>
          }
          extra={
            <Space>
              <Dropdown
                menu={{
                  items: [
                    { key: 'curl', label: t('playground.copyCurl'), 'data-testid': 'playground-copy-curl' },
                    { key: 'js', label: t('playground.copyJs'), 'data-testid': 'playground-copy-js' },
                    { key: 'python', label: t('playground.copyPython'), 'data-testid': 'playground-copy-python' },
                  ],
                  onClick: (e) => snippet(e.key as SnippetLang),
                }}
              >
                <Button icon={<CodeOutlined />} data-testid="playground-code">
                  {t('playground.getCode')}
                </Button>
              </Dropdown>
              <Button icon={<ClearOutlined />} onClick={chat.clear} data-testid="playground-clear">
                {t('playground.clear')}
              </Button>
            </Space>
          }
          styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
        >
          <div data-testid="playground-output" style={{ minHeight: 360, maxHeight: 'calc(100vh - 330px)', overflow: 'auto', padding: 4 }}>
            {settings.compare ? (
              lanes.length < 2 ? (
                <Typography.Text type="secondary">{t('playground.pickTwo')}</Typography.Text>
              ) : (
                <Row gutter={12} wrap={false} style={{ minWidth: lanes.length * 260 }}>
                  {lanes.map((m) => (
                    <Col key={m} flex={1} style={{ minWidth: 260 }} data-testid="playground-column">
                      <Card size="small" type="inner" title={m}>
                        <Conversation turns={chat.conversations[m] ?? []} model={m} compact />
                      </Card>
                    </Col>
                  ))}
                </Row>
              )
            ) : (
              <Conversation turns={settings.model ? (chat.conversations[settings.model] ?? []) : []} />
            )}
          </div>
          <Composer
            busy={chat.busy}
            disabled={!canSend}
            onSend={(text) => void chat.send(lanes, text, { system: settings.system, params: settings.params })}
            onStop={chat.stop}
          />
        </Card>
      </Col>
    </Row>
  );
}
