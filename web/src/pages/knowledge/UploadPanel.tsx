/**
 * Adding documents: files dropped or picked (several at once, each uploaded on its own request with
 * its progress), and URLs (one per line) the server fetches.
 */
import { InboxOutlined, LinkOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { uploadDocument, useAddUrls, useDocumentsChanged, type KnowledgeBase } from '../../api/knowledge.ts';
import { useT } from '../../i18n/index.ts';

/** The formats ingestion extracts (src/knowledge/extract/). */
export const ACCEPT = '.txt,.md,.markdown,.html,.htm,.pdf,.docx';
/** URLs one add call may name (KB_LIMITS.documentsPerAdd). */
const MAX_URLS = 200;

function AddUrlModal({ open, workspaceId, kb, onClose }: { open: boolean; workspaceId: string; kb: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ urls: string }>();
  const add = useAddUrls(workspaceId, kb);
  const urlsOf = (text: string | undefined) => [...new Set((text ?? '').split(/\s+/).filter(Boolean))];

  const submit = async () => {
    const { urls } = await form.validateFields();
    try {
      const added = await add.mutateAsync(urlsOf(urls));
      message.success(t('knowledge.url.added', { n: added.data.length }));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('knowledge.url.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('knowledge.url.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'kb-url-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="urls"
          label={t('knowledge.url.label')}
          extra={t('knowledge.url.hint')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: async (_, text: string | undefined) => {
                const urls = urlsOf(text);
                if (urls.length > MAX_URLS) throw new Error(t('knowledge.url.tooMany', { n: MAX_URLS }));
                const bad = urls.find((u) => !/^https?:\/\/[^\s/]+/i.test(u) || u.length > 1024);
                if (bad) throw new Error(t('knowledge.url.invalid', { url: bad }));
              },
            },
          ]}
        >
          <Input.TextArea
            data-testid="kb-url-input"
            autoSize={{ minRows: 3, maxRows: 10 }}
            placeholder="https://example.com/handbook.html"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function UploadPanel({ workspaceId, kb, disabled }: { workspaceId: string; kb: KnowledgeBase; disabled: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const changed = useDocumentsChanged(workspaceId, kb.name);
  const [addingUrl, setAddingUrl] = useState(false);

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const controller = new AbortController();
    const f = file as File;
    uploadDocument(workspaceId, kb.name, f, {
      signal: controller.signal,
      onProgress: (fraction) => onProgress?.({ percent: Math.round(fraction * 100) }),
    })
      .then((res) => {
        onSuccess?.(res);
        void changed();
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError') return;
        message.error(t('knowledge.upload.failed', { name: f.name, message: e.message }));
        onError?.(e);
      });
    return { abort: () => controller.abort() };
  };

  return (
    <div style={{ marginBottom: 16 }}>
      <Upload.Dragger
        data-testid="kb-upload"
        multiple
        accept={ACCEPT}
        disabled={disabled}
        customRequest={customRequest}
        showUploadList={{ showRemoveIcon: true }}
        style={{ padding: 8 }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('knowledge.upload.drop')}</p>
        <p className="ant-upload-hint">{t('knowledge.upload.hint')}</p>
      </Upload.Dragger>
      <Flex justify="space-between" align="center" style={{ marginTop: 8 }} wrap gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('knowledge.upload.formats')}
        </Typography.Text>
        <Button icon={<LinkOutlined />} onClick={() => setAddingUrl(true)} disabled={disabled} data-testid="kb-add-url">
          {t('knowledge.url.button')}
        </Button>
      </Flex>
      <AddUrlModal open={addingUrl} workspaceId={workspaceId} kb={kb.name} onClose={() => setAddingUrl(false)} />
    </div>
  );
}
