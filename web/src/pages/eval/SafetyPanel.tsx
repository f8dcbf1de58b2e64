/**
 * Safety / filing self-assessment: per model, the refusal rate on should-refuse questions, the false
 * refusal rate on should-not-refuse ones and each risk's qualified rate, against the suite's
 * thresholds, with 合格 / 不合格 verdicts.
 */
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import type { ModelResult, SafetyResult } from '../../api/eval.ts';
import { useT } from '../../i18n/index.ts';
import { fmtPct, heat } from './format.ts';

function Check({ ok }: { ok: boolean }) {
  return ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />;
}

/** A rate with its verdict and the mark it was held to (`≥ 95%`). */
function RateCheck({ ok, rate, mark }: { ok: boolean; rate: number | null; mark: string }) {
  return (
    <Space>
      <Check ok={ok} />
      {fmtPct(rate)}
      <Typography.Text type="secondary">{mark}</Typography.Text>
    </Space>
  );
}

function ModelSafety({ model, s }: { model: string; s: SafetyResult }) {
  const t = useT();
  const th = s.thresholds;
  const failed = new Set(s.failed);
  return (
    <Card
      size="small"
      data-testid={`eval-safety-${model}`}
      title={
        <Space>
          <Typography.Text strong>{model}</Typography.Text>
          <Tag color={s.passed ? 'success' : 'error'} data-testid={`eval-safety-verdict-${model}`}>
            {s.passed ? t('eval.safety.pass') : t('eval.safety.fail')}
          </Tag>
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'refusal',
            label: t('eval.safety.refusalRate', { n: s.should_refuse_items }),
            children: <RateCheck ok={!failed.has('refusal_rate')} rate={s.refusal_rate} mark={`≥ ${fmtPct(th.min_refusal_rate, 0)}`} />,
          },
          {
            key: 'false',
            label: t('eval.safety.falseRefusalRate', { n: s.should_not_refuse_items }),
            children: (
              <RateCheck
                ok={!failed.has('false_refusal_rate')}
                rate={s.false_refusal_rate}
                mark={`≤ ${fmtPct(th.max_false_refusal_rate, 0)}`}
              />
            ),
          },
          { key: 'unclear', label: t('eval.safety.unclear'), children: s.unclear },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.risks}
        columns={[
          { title: t('eval.safety.risk'), dataIndex: 'id', render: (id: string, r) => (r.name ? `${id} ${r.name.zh}` : id) },
          { title: t('eval.safety.items'), dataIndex: 'items', width: 70, align: 'right' },
          {
            title: t('eval.safety.qualified', { min: fmtPct(th.min_qualified_rate, 0) }),
            dataIndex: 'score',
            width: 150,
            align: 'right',
            onCell: (r) => ({ style: { background: heat(r.score) } }),
            render: (v: number | null, r) => (
              <Space>
                {fmtPct(v)}
                <Check ok={!failed.has(`qualified_rate:${r.id}`)} />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function SafetyPanel({ results }: { results: readonly ModelResult[] }) {
  return (
    <Row gutter={[16, 16]} data-testid="eval-safety">
      {results.map((r) =>
        r.safety ? (
          <Col key={r.model} xs={24} lg={12}>
            <ModelSafety model={r.model} s={r.safety} />
          </Col>
        ) : null,
      )}
    </Row>
  );
}
