/** Hit-testing results: one ranked column per retrieval mode, and the fused list with each method's rank. */
import { Alert, Card, Empty, Flex, List, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Ranking, RetrievalMode, SearchHit } from '../../api/knowledge.ts';
import type { TFunction } from '../../i18n/index.ts';
import { fmtMs } from '../logs/format.ts';
import { titlePath } from './format.ts';

const score = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(3));

function Excerpt({ text, rows = 3 }: { text: string; rows?: number }) {
  return (
    <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }} ellipsis={{ rows, tooltip: text }}>
      {text}
    </Typography.Paragraph>
  );
}

function HitSource({ hit }: { hit: SearchHit }) {
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Typography.Text strong ellipsis={{ tooltip: hit.document_name }} data-testid="kb-hit-document">
        {hit.document_title || hit.document_name}
      </Typography.Text>
      {hit.title_path.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: titlePath(hit.title_path) }}>
          {titlePath(hit.title_path)}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

/** One mode's ranking: rank, score, document, title path and an excerpt of each hit. */
export function HitColumn({ mode, ranking, t }: { mode: RetrievalMode; ranking: Ranking; t: TFunction }) {
  const hits = ranking.result?.data ?? [];
  const took = ranking.result?.timings.total;
  return (
    <Card
      size="small"
      data-testid={`kb-hits-${mode}`}
      title={t(`knowledge.mode.${mode}`)}
      extra={took !== undefined ? <Typography.Text type="secondary">{fmtMs(took)}</Typography.Text> : null}
      styles={{ body: { padding: 8 } }}
    >
      {ranking.error ? (
        <Alert type="error" showIcon title={ranking.error.message} />
      ) : hits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.search.noHits')} />
      ) : (
        <List<SearchHit>
          size="small"
          dataSource={hits}
          renderItem={(h, i) => (
            <List.Item key={h.chunk_id} data-testid={`kb-hit-${mode}-${i + 1}`} style={{ display: 'block', padding: '8px 4px' }}>
              <Space align="start" style={{ width: '100%' }} size={8}>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  #{i + 1}
                </Tag>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={8} justify="space-between" align="start">
                    <HitSource hit={h} />
                    <Tooltip title={t('knowledge.search.score')}>
                      <Typography.Text code style={{ flex: 'none' }}>
                        {score(h.score)}
                      </Typography.Text>
                    </Tooltip>
                  </Flex>
                  <Excerpt text={h.text} />
                </div>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const rank = (n: number | null) => (n === null ? <Typography.Text type="secondary">—</Typography.Text> : <Tag>{n}</Tag>);

/** The fused (hybrid) hits with each method's rank and score: where BM25 and the vectors agreed, and where not. */
export function FusedTable({ hits, t }: { hits: SearchHit[]; t: TFunction }) {
  const reranked = hits.some((h) => h.ranks.rerank !== null);
  const columns: TableColumnsType<SearchHit> = [
    { title: t('knowledge.search.fusedRank'), key: 'fused', width: 80, render: (_: unknown, h) => <Tag color="blue">{h.ranks.fused}</Tag> },
    { title: t('knowledge.search.document'), key: 'doc', width: 240, render: (_: unknown, h) => <HitSource hit={h} /> },
    { title: t('knowledge.search.excerpt'), dataIndex: 'text', render: (text: string) => <Excerpt text={text} rows={2} /> },
    {
      title: t('knowledge.search.keywordRank'),
      key: 'keyword',
      width: 110,
      render: (_: unknown, h) => (
        <Tooltip title={`BM25 ${score(h.scores.keyword)}`}>
          <span data-testid="kb-fused-keyword-rank">{rank(h.ranks.keyword)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('knowledge.search.vectorRank'),
      key: 'vector',
      width: 110,
      render: (_: unknown, h) => (
        <Tooltip title={`cos ${score(h.scores.vector)}`}>
          <span data-testid="kb-fused-vector-rank">{rank(h.ranks.vector)}</span>
        </Tooltip>
      ),
    },
    ...(reranked
      ? [{ title: t('knowledge.search.rerankRank'), key: 'rerank', width: 110, render: (_: unknown, h: SearchHit) => rank(h.ranks.rerank) }]
      : []),
    { title: t('knowledge.search.score'), dataIndex: 'score', width: 90, align: 'right', render: (n: number) => score(n) },
  ];
  return (
    <Table<SearchHit>
      data-testid="kb-fused-table"
      rowKey="chunk_id"
      size="small"
      columns={columns}
      dataSource={hits}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('knowledge.search.noHits') }}
    />
  );
}
