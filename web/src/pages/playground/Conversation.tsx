import { CopyOutlined, LoadingOutlined, RobotOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Avatar, Button, Empty, Space, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import FeedbackButtons from '../../app/FeedbackButtons.tsx';
import { useT } from '../../i18n/index.ts';
import { formatCost, formatMs } from './cost.ts';
import type { Turn } from './useChat.ts';

export async function copyText(text: string, ok: () => void, fail: () => void) {
  try {
    await navigator.clipboard.writeText(text);
    ok();
  } catch {
    fail();
  }
}

function Stats({ turn }: { turn: Turn }) {
  const t = useT();
  const s = turn.stats;
  if (!s) return null;
  const u = s.usage;
  return (
    <Space size={4} wrap data-testid="playground-stats" style={{ marginTop: 6 }}>
      <Tooltip title={t('playground.stats.ttftHint')}>
        <Tag>
          {t('playground.stats.ttft')} {formatMs(s.ttftMs)}
        </Tag>
      </Tooltip>
      <Tag>
        {t('playground.stats.latency')} {formatMs(s.latencyMs)}
      </Tag>
      <Tooltip title={u ? t('playground.stats.tokensHint', { prompt: u.prompt_tokens, completion: u.completion_tokens }) : undefined}>
        <Tag>
          {t('playground.stats.tokens')} {u ? u.total_tokens : '—'}
        </Tag>
      </Tooltip>
      <Tooltip title={s.cost === undefined ? t('playground.stats.costPending') : undefined}>
        <Tag color={s.cost === undefined ? undefined : 'gold'}>
          {t('playground.stats.cost')} {formatCost(s.cost, s.currency)}
        </Tag>
      </Tooltip>
      {s.cacheHit && <Tag color="green">{t('playground.stats.cacheHit')}</Tag>}
    </Space>
  );
}

export default function Conversation({ turns, model, compact }: { turns: Turn[]; model?: string; compact?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const end = useRef<HTMLDivElement>(null);
  const last = turns[turns.length - 1];
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [turns.length, last?.content.length]);

  if (!turns.length)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={model ? t('playground.emptyModel', { model }) : t('playground.empty')}
        style={{ marginTop: 48 }}
      />
    );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: compact ? 12 : 16 }}>
      {turns.map((turn) => {
        const mine = turn.role === 'user';
        return (
          <div key={turn.id} style={{ display: 'flex', gap: 10, flexDirection: mine ? 'row-reverse' : 'row' }} data-role={turn.role}>
            {!compact && (
              <Avatar
                icon={mine ? <UserOutlined /> : <RobotOutlined />}
                style={{ background: mine ? token.colorPrimary : token.colorSuccess, flex: 'none' }}
              />
            )}
            <div style={{ maxWidth: compact ? '100%' : '80%', minWidth: 0 }}>
              <div
                style={{
                  background: mine ? token.colorPrimaryBg : token.colorFillQuaternary,
                  border: `1px solid ${mine ? token.colorPrimaryBorder : token.colorBorderSecondary}`,
                  borderRadius: 10,
                  padding: '8px 12px',
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                  lineHeight: 1.7,
                }}
                data-testid={mine ? 'playground-user-message' : 'playground-answer'}
              >
                {turn.content}
                {turn.streaming && <LoadingOutlined style={{ marginInlineStart: 6, color: token.colorPrimary }} />}
                {!turn.content && !turn.streaming && !turn.error && (
                  <Typography.Text type="secondary">{t('playground.noContent')}</Typography.Text>
                )}
              </div>
              {turn.error && <Alert type="error" showIcon title={turn.error} style={{ marginTop: 6 }} data-testid="playground-error" />}
              {turn.stopped && <Tag style={{ marginTop: 6 }}>{t('playground.stopped')}</Tag>}
              {!mine && !turn.streaming && (
                <Space size={4} align="start" wrap>
                  <Stats turn={turn} />
                  {turn.content && (
                    <Tooltip title={t('playground.copyAnswer')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<CopyOutlined />}
                        style={{ marginTop: 6 }}
                        onClick={() =>
                          copyText(
                            turn.content,
                            () => message.success(t('common.copied')),
                            () => message.error(t('common.copyFailed')),
                          )
                        }
                      />
                    </Tooltip>
                  )}
                  {turn.content && !turn.error && (
                    <div style={{ marginTop: 6 }}>
                      <FeedbackButtons requestId={turn.stats?.requestId ?? null} testId="playground-feedback" />
                    </div>
                  )}
                </Space>
              )}
            </div>
          </div>
        );
      })}
      <div ref={end} />
    </div>
  );
}
