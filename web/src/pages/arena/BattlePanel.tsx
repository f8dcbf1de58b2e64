/**
 * A blind battle: a prompt, two anonymous answers (模型 A / 模型 B) streaming side by side, the vote
 * (A 更好 / B 更好 / 平局 / 都不好) once both have finished, then the two names revealed.
 */
import { SendOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useVote, WINNERS, type Side, type Winner } from '../../api/arena.ts';
import { useT } from '../../i18n/index.ts';
import { canVote, useBattle, type SideState } from './useBattle.ts';

/** The longest prompt the arena takes. */
const MAX_PROMPT = 20_000;

const WINNER_OF: Record<Side, Winner> = { a: 'model_a', b: 'model_b' };

function AnswerCard({ side, s, name, won }: { side: Side; s: SideState; name: string | null; won: boolean }) {
  const t = useT();
  return (
    <Card
      size="small"
      data-testid={`arena-side-${side}`}
      style={won ? { borderColor: '#52c41a', boxShadow: '0 0 0 1px #52c41a' } : undefined}
      title={
        <Space>
          <span>{side === 'a' ? t('arena.modelA') : t('arena.modelB')}</span>
          {name ? (
            <Tag color="blue" data-testid={`arena-name-${side}`}>
              {name}
            </Tag>
          ) : null}
          {won ? <Tag color="success">{t('arena.winner')}</Tag> : null}
        </Space>
      }
      extra={
        s.status === 'streaming' ? (
          <Spin size="small" />
        ) : s.status === 'done' ? (
          <Tag data-testid={`arena-done-${side}`}>{t('arena.finished')}</Tag>
        ) : s.status === 'error' ? (
          <Tag color="error">{t('arena.failed')}</Tag>
        ) : null
      }
    >
      {s.status === 'idle' ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('arena.waiting')} />
      ) : (
        <div style={{ minHeight: 160, maxHeight: 480, overflow: 'auto' }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid={`arena-answer-${side}`}>
            {s.text}
          </Typography.Paragraph>
          {s.error ? <Alert type="error" showIcon title={s.error} style={{ marginTop: 8 }} /> : null}
        </div>
      )}
    </Card>
  );
}

export function BattlePanel({ workspaceId, canWrite }: { workspaceId: string; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const { state, start, stop, reset, revealed } = useBattle(workspaceId);
  const vote = useVote(workspaceId);
  const [prompt, setPrompt] = useState('');
  const votable = canVote(state);
  const reveal = state.reveal;

  const send = () => {
    const p = prompt.trim();
    if (!p || state.running) return;
    void start(p);
  };
  const cast = async (winner: Winner) => {
    if (!state.id) return;
    try {
      revealed(await vote.mutateAsync({ id: state.id, winner }));
      message.success(t('arena.voted'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const name = (side: Side) => (reveal ? (side === 'a' ? reveal.model_a : reveal.model_b) : null);
  const won = (side: Side) => Boolean(reveal && reveal.winner === WINNER_OF[side]);

  return (
    <div data-testid="arena-battle">
      <Typography.Paragraph type="secondary">{t('arena.hint')}</Typography.Paragraph>
      <Flex gap={8} align="start" style={{ marginBottom: 16 }}>
        <Input.TextArea
          data-testid="arena-prompt"
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onPressEnter={(e) => {
            if (!e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={MAX_PROMPT}
          placeholder={t('arena.promptPlaceholder')}
          disabled={!canWrite}
        />
        {state.running ? (
          <Button icon={<StopOutlined />} onClick={stop} data-testid="arena-stop">
            {t('arena.stop')}
          </Button>
        ) : (
          <Button type="primary" icon={<SendOutlined />} onClick={send} disabled={!canWrite || !prompt.trim()} data-testid="arena-start">
            {t('arena.start')}
          </Button>
        )}
      </Flex>
      {state.error ? (
        <Alert type="error" showIcon title={t('common.error', { message: state.error })} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        {(['a', 'b'] as const).map((side) => (
          <Col key={side} xs={24} md={12} style={{ marginBottom: 16 }}>
            <AnswerCard side={side} s={state[side]} name={name(side)} won={won(side)} />
          </Col>
        ))}
      </Row>
      <Flex justify="center" gap={12} wrap data-testid="arena-votes">
        {WINNERS.map((w) => (
          <Button
            key={w}
            size="large"
            type={reveal?.winner === w ? 'primary' : 'default'}
            disabled={!votable || vote.isPending}
            loading={vote.isPending && vote.variables?.winner === w}
            onClick={() => void cast(w)}
            data-testid={`arena-vote-${w}`}
          >
            {t(`arena.vote.${w}`)}
          </Button>
        ))}
        {reveal || (state.id && !state.running) ? (
          <Button size="large" icon={<SyncOutlined />} onClick={reset} data-testid="arena-next">
            {t('arena.next')}
          </Button>
        ) : null}
      </Flex>
      {reveal ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="arena-reveal"
          title={t('arena.revealed', { a: reveal.model_a, b: reveal.model_b, verdict: t(`arena.vote.${reveal.winner}`) })}
        />
      ) : null}
    </div>
  );
}
