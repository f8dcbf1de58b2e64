/** A base's settings: description, embedding model (until the first chunk), chunking, retrieval defaults, user dictionary, stopwords. */
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import {
  RETRIEVAL_MODES,
  useUpdateKnowledgeBase,
  type KnowledgeBase,
  type KnowledgeBasePatch,
  type RetrievalMode,
} from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { linesToWords, wordsToLines } from './format.ts';
import { ModelPicker } from './ModelPicker.tsx';
import { overlapRule, wordsRule } from './rules.ts';

interface Values {
  description: string;
  embedding_model: string;
  chunk_tokens: number;
  overlap_tokens?: number | null;
  mode: RetrievalMode;
  top_k: number;
  keyword_weight: number;
  vector_weight: number;
  rrf_k: number;
  score_threshold: number;
  rerank_model?: string | null;
  user_words: string;
  stopwords: string;
}

const valuesOf = (kb: KnowledgeBase): Values => ({
  description: kb.description,
  embedding_model: kb.embedding_model,
  chunk_tokens: kb.chunking.chunk_tokens,
  overlap_tokens: kb.chunking.overlap_tokens ?? null,
  ...kb.retrieval,
  user_words: wordsToLines(kb.user_words),
  stopwords: wordsToLines(kb.stopwords),
});

export function SettingsTab({ workspaceId, kb, canWrite }: { workspaceId: string; kb: KnowledgeBase; canWrite: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateKnowledgeBase(workspaceId, kb.name);
  const locked = kb.chunk_count > 0;

  const save = async () => {
    const v = await form.validateFields();
    const rerank = v.rerank_model?.trim();
    const code = kb.chunking.max_code_tokens;
    const body: KnowledgeBasePatch = {
      description: v.description.trim(),
      ...(locked || v.embedding_model.trim() === kb.embedding_model ? {} : { embedding_model: v.embedding_model.trim() }),
      // The whole chunking object is replaced: an emptied overlap goes back to its default, and a code
      // limit below the new chunk size is dropped (the server refuses it).
      chunking: {
        chunk_tokens: v.chunk_tokens,
        ...(v.overlap_tokens !== null && v.overlap_tokens !== undefined ? { overlap_tokens: v.overlap_tokens } : {}),
        ...(code !== undefined && code >= v.chunk_tokens ? { max_code_tokens: code } : {}),
      },
      retrieval: {
        mode: v.mode,
        top_k: v.top_k,
        keyword_weight: v.keyword_weight,
        vector_weight: v.vector_weight,
        rrf_k: v.rrf_k,
        score_threshold: v.score_threshold,
        rerank_model: rerank ? rerank : null,
      },
      user_words: linesToWords(v.user_words),
      stopwords: linesToWords(v.stopwords),
    };
    try {
      await update.mutateAsync(body);
      message.success(t('knowledge.settings.saved'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={valuesOf(kb)}
      disabled={!canWrite}
      data-testid="kb-settings"
      style={{ maxWidth: 960 }}
    >
      <Card size="small" title={t('knowledge.settings.general')} style={{ marginBottom: 16 }}>
        <Form.Item name="description" label={t('knowledge.field.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="embedding_model"
          label={t('knowledge.field.embedding')}
          extra={locked ? t('knowledge.settings.embeddingLocked') : t('knowledge.field.embeddingHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 256 }]}
        >
          {locked ? <Input disabled /> : <ModelPicker />}
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="chunk_tokens" label={t('knowledge.field.chunkTokens')} extra={t('knowledge.settings.chunkingHint')}>
              <InputNumber min={50} max={4000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="overlap_tokens"
              label={t('knowledge.field.overlapTokens')}
              extra={t('knowledge.field.overlapHint')}
              dependencies={['chunk_tokens']}
              rules={[overlapRule(t, 'chunk_tokens')]}
            >
              <InputNumber min={0} max={1999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('knowledge.settings.retrieval')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('knowledge.settings.retrievalHint')}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="mode" label={t('knowledge.retrieval.mode')}>
              <Select
                data-testid="kb-settings-mode"
                options={RETRIEVAL_MODES.map((m) => ({ value: m, label: t(`knowledge.mode.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="top_k" label={t('knowledge.retrieval.topK')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber data-testid="kb-settings-topk" min={1} max={50} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="score_threshold" label={t('knowledge.retrieval.threshold')} extra={t('knowledge.retrieval.thresholdHint')}>
              <InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="keyword_weight"
              label={t('knowledge.retrieval.keywordWeight')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber min={0} max={10} step={0.1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="vector_weight"
              label={t('knowledge.retrieval.vectorWeight')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber min={0} max={10} step={0.1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="rrf_k"
              label={t('knowledge.retrieval.rrfK')}
              extra={t('knowledge.retrieval.rrfKHint')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="rerank_model"
          label={t('knowledge.retrieval.rerank')}
          extra={t('knowledge.retrieval.rerankHint')}
          rules={[{ max: 256 }]}
        >
          <ModelPicker allowClear placeholder={t('knowledge.retrieval.noRerank')} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('knowledge.settings.words')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="user_words"
              label={t('knowledge.field.userWords')}
              extra={t('knowledge.settings.wordsHint')}
              rules={[wordsRule(t)]}
            >
              <Input.TextArea data-testid="kb-settings-user-words" autoSize={{ minRows: 6, maxRows: 16 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="stopwords"
              label={t('knowledge.field.stopwords')}
              extra={t('knowledge.field.stopwordsHint')}
              rules={[wordsRule(t)]}
            >
              <Input.TextArea data-testid="kb-settings-stopwords" autoSize={{ minRows: 6, maxRows: 16 }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Button type="primary" onClick={() => void save()} loading={update.isPending} data-testid="kb-settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
