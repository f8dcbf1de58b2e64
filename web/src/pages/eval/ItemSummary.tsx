/** A dataset item in a line or two: an MCQ's question, options and answer; else its input and reference, rubric or risk. */
import { Space, Tag, Typography } from 'antd';
import { useT } from '../../i18n/index.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function ItemSummary({ data }: { data: Record<string, unknown> }) {
  const t = useT();
  const options = data.options && typeof data.options === 'object' ? (data.options as Record<string, string>) : null;
  const text = str(data.question) ?? str(data.input) ?? JSON.stringify(data);
  const reference = str(data.reference);
  const risk = str(data.riskId) ?? str(data.risk_id);
  const shouldRefuse = data.shouldRefuse ?? data.should_refuse;
  return (
    <Space orientation="vertical" size={2} style={{ maxWidth: 640 }}>
      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
        {text}
      </Typography.Paragraph>
      {options ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {Object.entries(options)
            .map(([k, v]) => `${k}. ${v}`)
            .join('　')}
        </Typography.Text>
      ) : null}
      <Space size={4} wrap>
        {str(data.answer) ? <Tag color="green">{t('eval.items.answer', { answer: String(data.answer) })}</Tag> : null}
        {reference ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: reference }}>
            {t('eval.items.reference')}: {reference}
          </Typography.Text>
        ) : null}
        {risk ? <Tag>{risk}</Tag> : null}
        {typeof shouldRefuse === 'boolean' ? (
          <Tag color={shouldRefuse ? 'red' : 'blue'}>{shouldRefuse ? t('eval.items.shouldRefuse') : t('eval.items.shouldAnswer')}</Tag>
        ) : null}
      </Space>
    </Space>
  );
}
