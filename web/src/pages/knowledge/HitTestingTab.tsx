/**
 * Hit testing: one query run as BM25, vector and hybrid search at once, the three rankings side by
 * side, then the fused list with each method's rank. top_k, the fusion weights and the threshold start
 * at the base's defaults and apply to this test only.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { useHitTest, type KnowledgeBase, type RetrievalMode, type SearchInput } from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { FusedTable, HitColumn } from './HitColumn.tsx';

interface Values {
  query: string;
  top_k: number;
  keyword_weight: number;
  vector_weight: number;
  score_threshold: number;
  rerank: boolean;
}

const COLUMNS: readonly RetrievalMode[] = ['keyword', 'vector', 'hybrid'];
/** Characters of a query (KB_LIMITS.query). */
const MAX_QUERY = 4000;

export function HitTestingTab({ workspaceId, kb }: { workspaceId: string; kb: KnowledgeBase }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const test = useHitTest(workspaceId, kb.name);
  const r = kb.retrieval;

  const run = async () => {
    const v = await form.validateFields();
    const body: Omit<SearchInput, 'mode'> = {
      query: v.query.trim(),
      top_k: v.top_k,
      keyword_weight: v.keyword_weight,
      vector_weight: v.vector_weight,
      score_threshold: v.score_threshold,
      ...(r.rerank_model && !v.rerank ? { rerank: false as const } : {}),
    };
    test.mutate(body);
  };

  return (
    <div data-testid="kb-search">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            query: '',
            top_k: r.top_k,
            keyword_weight: r.keyword_weight,
            vector_weight: r.vector_weight,
            score_threshold: r.score_threshold,
            rerank: Boolean(r.rerank_model),
          }}
        >
          <Form.Item
            name="query"
            rules={[{ required: true, whitespace: true, message: t('knowledge.search.queryRequired') }, { max: MAX_QUERY }]}
          >
            <Input.Search
              data-testid="kb-search-query"
              placeholder={t('knowledge.search.placeholder')}
              enterButton={
                <Button type="primary" icon={<SearchOutlined />} loading={test.isPending} data-testid="kb-search-run">
                  {t('knowledge.search.run')}
                </Button>
              }
              maxLength={MAX_QUERY}
              onSearch={() => void run()}
              size="large"
            />
          </Form.Item>
          <Flex gap={16} wrap align="end">
            <Form.Item name="top_k" label={t('knowledge.retrieval.topK')} style={{ marginBottom: 0 }}>
              <InputNumber data-testid="kb-search-topk" min={1} max={50} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="keyword_weight" label={t('knowledge.retrieval.keywordWeight')} style={{ marginBottom: 0 }}>
              <InputNumber data-testid="kb-search-kw" min={0} max={10} step={0.1} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="vector_weight" label={t('knowledge.retrieval.vectorWeight')} style={{ marginBottom: 0 }}>
              <InputNumber data-testid="kb-search-vw" min={0} max={10} step={0.1} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="score_threshold" label={t('knowledge.retrieval.threshold')} style={{ marginBottom: 0 }}>
              <InputNumber min={0} max={1} step={0.05} style={{ width: 120 }} />
            </Form.Item>
            {r.rerank_model ? (
              <Form.Item
                name="rerank"
                valuePropName="checked"
                label={t('knowledge.search.rerankWith', { model: r.rerank_model })}
                style={{ marginBottom: 0 }}
              >
                <Switch />
              </Form.Item>
            ) : null}
          </Flex>
        </Form>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
          {t('knowledge.search.hint')}
        </Typography.Paragraph>
      </Card>
      {test.isError ? <Alert type="error" showIcon title={t('common.error', { message: test.error.message })} /> : null}
      {test.data ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {COLUMNS.map((mode) => (
              <Col key={mode} xs={24} lg={8}>
                <HitColumn mode={mode} ranking={test.data[mode]} t={t} />
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('knowledge.search.fusedTitle')}>
            {test.data.hybrid.error ? (
              <Alert type="error" showIcon title={test.data.hybrid.error.message} />
            ) : (
              <FusedTable hits={test.data.hybrid.result.data} t={t} />
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
