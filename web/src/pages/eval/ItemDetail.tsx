/** One finished item opened: the whole reply (or the error), the judge's raw judgement, and the rest of the scoring detail. */
import { Descriptions, Typography } from 'antd';
import type { RunItemView } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';
import { fmtMs } from '../logs/format.ts';
import { fmtMoney } from './format.ts';

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0, maxHeight: 320, overflow: 'auto' } as const;

/** The judge's part of an item's detail (`detail.judge`), where there is one. */
function judgeOf(detail: Record<string, unknown>): Record<string, unknown> | null {
  const j = detail.judge;
  return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : null;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, null, 2));

export function ItemDetail({ item }: { item: RunItemView }) {
  const t = useT();
  const judge = judgeOf(item.detail);
  const { judge: _judge, ...rest } = item.detail;
  const raw = judge?.raw ?? judge?.judgement;
  return (
    <div data-testid={`eval-item-detail-${item.item_id}`}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          item.status === 'error'
            ? {
                key: 'error',
                label: t('eval.items.error'),
                children: (
                  <Typography.Text type="danger">
                    {item.error_code ? `${item.error_code}: ` : ''}
                    {item.error_message}
                  </Typography.Text>
                ),
              }
            : { key: 'reply', label: t('eval.items.reply'), children: <pre style={pre}>{item.reply ?? ''}</pre> },
          ...(judge
            ? [
                {
                  key: 'judge',
                  label: t('eval.items.judge', { model: String(judge.model ?? '') }),
                  children: (
                    <pre style={pre} data-testid="eval-item-judge-raw">
                      {raw === undefined ? show(judge) : show(raw)}
                    </pre>
                  ),
                },
                ...(judge.prompt !== undefined || judge.messages !== undefined
                  ? [
                      {
                        key: 'judgePrompt',
                        label: t('eval.items.judgePrompt'),
                        children: <pre style={pre}>{show(judge.prompt ?? judge.messages)}</pre>,
                      },
                    ]
                  : []),
              ]
            : []),
          { key: 'detail', label: t('eval.items.detail'), children: <pre style={pre}>{JSON.stringify(rest, null, 2)}</pre> },
          {
            key: 'usage',
            label: t('eval.items.usage'),
            children: t('eval.items.usageText', {
              prompt: item.prompt_tokens,
              completion: item.completion_tokens,
              latency: fmtMs(item.latency_ms),
              cost: fmtMoney(item.cost_cny, '¥'),
              attempts: item.attempts,
            }),
          },
          ...(item.request_id
            ? [
                {
                  key: 'request',
                  label: t('eval.items.requestId'),
                  children: <Typography.Text copyable>{item.request_id}</Typography.Text>,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}
