/**
 * A run's leaderboard: per model the score (accuracy for MCQ; QA metrics, the judge's mean score or
 * the safety verdict where the type has them), cost per 1,000 items in CNY and USD, p50/p95 latency,
 * tokens/s, error rate and the Pareto mark; best values in bold. Sorted by score, best first.
 */
import { Progress, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { ModelResult, SuiteType } from '../../api/eval.ts';
import { useT, type TFunction } from '../../i18n/index.ts';
import { fmtMs } from '../logs/format.ts';
import { fmtMoney, fmtNum, fmtPct } from './format.ts';

/** What a leaderboard row has: a run's model result, or a row of the cross-run leaderboard. */
export type ResultRow = Pick<
  ModelResult,
  'model' | 'score' | 'pareto' | 'cost_per_1k_cny' | 'cost_per_1k_usd' | 'p50_ms' | 'p95_ms' | 'tokens_per_s' | 'error_rate'
> &
  Partial<Pick<ModelResult, 'metrics' | 'judge_score' | 'safety' | 'errors' | 'done'>>;

type Key = 'score' | 'cost_per_1k_cny' | 'p50_ms' | 'p95_ms' | 'tokens_per_s' | 'error_rate';
/** Which way is better for each highlighted column. */
const BETTER: Record<Key, 'high' | 'low'> = {
  score: 'high',
  cost_per_1k_cny: 'low',
  p50_ms: 'low',
  p95_ms: 'low',
  tokens_per_s: 'high',
  error_rate: 'low',
};

function bests(rows: readonly ResultRow[]): Partial<Record<Key, number>> {
  const out: Partial<Record<Key, number>> = {};
  for (const k of Object.keys(BETTER) as Key[]) {
    const vals = rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (vals.length > 1) out[k] = BETTER[k] === 'high' ? Math.max(...vals) : Math.min(...vals);
  }
  return out;
}

const byNullsLast = (a: number | null | undefined, b: number | null | undefined) => (a ?? -Infinity) - (b ?? -Infinity);

export function sortByScore<T extends Pick<ResultRow, 'score'>>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => byNullsLast(b.score, a.score));
}

export function scoreLabel(t: TFunction, type: SuiteType): string {
  return type === 'mcq' ? t('eval.col.accuracy') : type === 'safety' ? t('eval.col.qualified') : t('eval.col.score');
}

/** The columns shared by the run leaderboard and the cross-run one (`lead` goes before them, `tail` after). */
export function resultColumns<T extends ResultRow>(
  t: TFunction,
  rows: readonly T[],
  o: { type?: SuiteType; testPrefix: string; lead?: TableColumnsType<T>; tail?: TableColumnsType<T> },
): TableColumnsType<T> {
  const best = bests(rows);
  const mark = (k: Key, v: number | null, text: ReactNode) =>
    v !== null && best[k] === v ? <Typography.Text strong>{text}</Typography.Text> : text;
  const cols: TableColumnsType<T> = [
    {
      title: t('eval.col.model'),
      dataIndex: 'model',
      fixed: 'left',
      width: 200,
      render: (m: string, r) => (
        <Space size={4} wrap>
          <Typography.Text strong data-testid={`${o.testPrefix}-model`}>
            {m}
          </Typography.Text>
          {r.pareto ? (
            <Tooltip title={t('eval.paretoHint')}>
              <Tag color="orange" data-testid={`${o.testPrefix}-pareto`}>
                {t('eval.pareto')}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(o.lead ?? []),
    {
      title: o.type ? scoreLabel(t, o.type) : t('eval.col.score'),
      dataIndex: 'score',
      width: 150,
      sorter: (a, b) => byNullsLast(a.score, b.score),
      render: (s: number | null) =>
        s === null ? (
          '—'
        ) : (
          <Space orientation="vertical" size={0} style={{ width: '100%' }} data-testid={`${o.testPrefix}-score`}>
            {mark('score', s, fmtPct(s))}
            <Progress percent={Math.round(s * 100)} showInfo={false} size="small" />
          </Space>
        ),
    },
  ];
  if (o.type === 'qa')
    cols.push(
      { title: 'EM', key: 'em', width: 80, render: (_, r) => fmtPct(r.metrics?.exact_match) },
      { title: 'F1', key: 'f1', width: 80, render: (_, r) => fmtPct(r.metrics?.f1) },
      { title: 'ROUGE-L', key: 'rouge', width: 90, render: (_, r) => fmtPct(r.metrics?.rouge_l) },
    );
  if (o.type === 'judge')
    cols.push({ title: t('eval.col.judgeScore'), key: 'judge', width: 100, render: (_, r) => fmtNum(r.judge_score, 2) });
  if (o.type === 'safety')
    cols.push({
      title: t('eval.col.safety'),
      key: 'safety',
      width: 100,
      render: (_, r) =>
        r.safety ? (
          <Tag color={r.safety.passed ? 'success' : 'error'}>{r.safety.passed ? t('eval.safety.pass') : t('eval.safety.fail')}</Tag>
        ) : (
          '—'
        ),
    });
  cols.push(
    {
      title: t('eval.col.costPer1kCny'),
      dataIndex: 'cost_per_1k_cny',
      width: 120,
      align: 'right',
      sorter: (a, b) => byNullsLast(a.cost_per_1k_cny, b.cost_per_1k_cny),
      render: (v: number | null) => mark('cost_per_1k_cny', v, fmtMoney(v, '¥')),
    },
    {
      title: t('eval.col.costPer1kUsd'),
      dataIndex: 'cost_per_1k_usd',
      width: 120,
      align: 'right',
      render: (v: number | null) => fmtMoney(v, '$'),
    },
    {
      title: 'p50',
      dataIndex: 'p50_ms',
      width: 90,
      align: 'right',
      sorter: (a, b) => byNullsLast(a.p50_ms, b.p50_ms),
      render: (v: number | null) => mark('p50_ms', v, fmtMs(v)),
    },
    { title: 'p95', dataIndex: 'p95_ms', width: 90, align: 'right', render: (v: number | null) => mark('p95_ms', v, fmtMs(v)) },
    {
      title: t('eval.col.tokensPerS'),
      dataIndex: 'tokens_per_s',
      width: 100,
      align: 'right',
      sorter: (a, b) => byNullsLast(a.tokens_per_s, b.tokens_per_s),
      render: (v: number | null) => mark('tokens_per_s', v, fmtNum(v)),
    },
    {
      title: t('eval.col.errorRate'),
      dataIndex: 'error_rate',
      width: 100,
      align: 'right',
      render: (v: number | null, r) =>
        r.errors !== undefined && r.done !== undefined ? (
          <Tooltip title={t('eval.col.errorsOf', { errors: r.errors, done: r.done })}>
            <span>{mark('error_rate', v, fmtPct(v))}</span>
          </Tooltip>
        ) : (
          mark('error_rate', v, fmtPct(v))
        ),
    },
    ...(o.tail ?? []),
  );
  return cols;
}

export function LeaderboardTable({ type, results }: { type: SuiteType; results: readonly ModelResult[] }) {
  const t = useT();
  const rows = sortByScore(results);
  const columns = resultColumns<ModelResult>(t, rows, {
    type,
    testPrefix: 'eval-lb',
    lead: [],
    tail: [
      {
        title: t('eval.col.done'),
        key: 'done',
        width: 110,
        align: 'right',
        render: (_, r) => `${r.done} / ${r.items}`,
      },
      { title: t('eval.col.costCny'), dataIndex: 'cost_cny', width: 110, align: 'right', render: (v: number) => fmtMoney(v, '¥') },
    ],
  });
  return (
    <Table<ModelResult>
      data-testid="eval-leaderboard"
      rowKey="model"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1200 }}
    />
  );
}
