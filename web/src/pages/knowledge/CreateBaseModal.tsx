/** Creates a knowledge base: name, description, embedding model, chunk size / overlap, user dictionary and stopwords. */
import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useCreateKnowledgeBase, type KnowledgeBase, type KnowledgeBaseInput } from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';
import { KB_NAME, linesToWords } from './format.ts';
import { ModelPicker } from './ModelPicker.tsx';
import { overlapRule, wordsRule } from './rules.ts';

interface Values {
  name: string;
  description?: string;
  embedding_model: string;
  chunk_tokens?: number | null;
  overlap_tokens?: number | null;
  user_words?: string;
  stopwords?: string;
}

export function CreateBaseModal({
  open,
  workspaceId,
  onClose,
  onCreated,
}: {
  open: boolean;
  workspaceId: string;
  onClose: () => void;
  onCreated: (kb: KnowledgeBase) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateKnowledgeBase(workspaceId);

  const submit = async () => {
    const v = await form.validateFields();
    const body: KnowledgeBaseInput = {
      name: v.name.trim(),
      description: v.description?.trim() ?? '',
      embedding_model: v.embedding_model.trim(),
      chunking: {
        ...(v.chunk_tokens ? { chunk_tokens: v.chunk_tokens } : {}),
        ...(v.overlap_tokens !== null && v.overlap_tokens !== undefined ? { overlap_tokens: v.overlap_tokens } : {}),
      },
      user_words: linesToWords(v.user_words),
      stopwords: linesToWords(v.stopwords),
    };
    try {
      const kb = await create.mutateAsync(body);
      message.success(t('knowledge.create.done', { name: kb.name }));
      form.resetFields();
      onCreated(kb);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('knowledge.create.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'kb-create-submit' }}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional" preserve={false}>
        <Form.Item
          name="name"
          label={t('knowledge.field.name')}
          extra={t('knowledge.field.nameHint')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: KB_NAME, message: t('knowledge.field.nameInvalid') },
          ]}
        >
          <Input data-testid="kb-create-name" autoComplete="off" placeholder="handbook" maxLength={64} />
        </Form.Item>
        <Form.Item name="description" label={t('knowledge.field.description')} rules={[{ max: 2000 }]}>
          <Input.TextArea data-testid="kb-create-description" autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="embedding_model"
          label={t('knowledge.field.embedding')}
          extra={t('knowledge.field.embeddingHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 256 }]}
        >
          <ModelPicker data-testid="kb-create-embedding" placeholder="text-embedding-v3" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="chunk_tokens" label={t('knowledge.field.chunkTokens')} extra={t('knowledge.field.chunkTokensHint')}>
              <InputNumber data-testid="kb-create-chunk" min={50} max={4000} precision={0} placeholder="400" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="overlap_tokens"
              label={t('knowledge.field.overlapTokens')}
              extra={t('knowledge.field.overlapHint')}
              dependencies={['chunk_tokens']}
              rules={[overlapRule(t, 'chunk_tokens')]}
            >
              <InputNumber data-testid="kb-create-overlap" min={0} max={1999} precision={0} placeholder="50" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="user_words"
          label={t('knowledge.field.userWords')}
          extra={t('knowledge.field.userWordsHint')}
          rules={[wordsRule(t)]}
        >
          <Input.TextArea data-testid="kb-create-user-words" autoSize={{ minRows: 3, maxRows: 8 }} placeholder={'上海交通大学\n文心一言'} />
        </Form.Item>
        <Form.Item
          name="stopwords"
          label={t('knowledge.field.stopwords')}
          extra={t('knowledge.field.stopwordsHint')}
          rules={[wordsRule(t)]}
        >
          <Input.TextArea data-testid="kb-create-stopwords" autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
