/**
 * The topic taxonomy (instance administrators): the bilingual labels requests are classified against,
 * each with a description and example prompts, edited here and saved as a whole (prompts are then
 * classified afresh); and how classification is doing (settings, counters, its own cost).
 */
import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useSaveTaxonomy, useTaxonomy, useTopicsStatus, type TaxonomyLabel } from '../../api/analytics.ts';
import { useT } from '../../i18n/index.ts';
import { fmtCny, fmtInt } from './format.ts';

interface LabelValues {
  id: string;
  zh: string;
  en: string;
  description?: string;
  /** One example prompt per line. */
  examples?: string;
}

const toValues = (labels: readonly TaxonomyLabel[]): { labels: LabelValues[] } => ({
  labels: labels.map((l) => ({ ...l, examples: l.examples.join('\n') })),
});

const fromValues = (v: { labels?: LabelValues[] }): TaxonomyLabel[] =>
  (v.labels ?? []).map((l) => ({
    id: l.id.trim(),
    zh: l.zh.trim(),
    en: l.en.trim(),
    description: (l.description ?? '').trim(),
    examples: (l.examples ?? '')
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean),
  }));

function StatusCard({ workspaceId }: { workspaceId: string | undefined }) {
  const t = useT();
  const q = useTopicsStatus(workspaceId);
  const s = q.data;
  return (
    <Card size="small" title={t('analytics.taxonomy.statusTitle')} data-testid="analytics-topics-status">
      {!s ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Descriptions size="small" column={{ xs: 1, md: 3, xl: 4 }}>
          <Descriptions.Item label={t('analytics.taxonomy.enabled')}>
            <Tag color={s.enabled ? 'green' : 'default'}>{s.enabled ? t('common.yes') : t('common.no')}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.sampleRate')}>{`${Math.round(s.sample_rate * 1000) / 10}%`}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.embeddingModel')}>{s.embedding_model ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.zeroShotModel')}>{s.zero_shot_model ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.classified')}>{fmtInt(s.classified)}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.cacheHits')}>{fmtInt(s.cache_hits)}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.waiting')}>{fmtInt(s.buffered + s.queued_jobs)}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.dropped')}>{fmtInt(s.dropped + s.failed)}</Descriptions.Item>
          <Descriptions.Item label={t('analytics.taxonomy.cost')}>{fmtCny(s.classifier_cost)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

export function TaxonomyTab({ workspaceId }: { workspaceId: string | undefined }) {
  const t = useT();
  const { message } = App.useApp();
  const q = useTaxonomy();
  const save = useSaveTaxonomy();
  const [form] = Form.useForm<{ labels: LabelValues[] }>();
  const data = q.data;

  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data.taxonomy.labels));
  }, [data, form]);

  const submit = async (v: { labels?: LabelValues[] }) => {
    try {
      await save.mutateAsync({ labels: fromValues(v) });
      message.success(t('analytics.taxonomy.saved'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="analytics-taxonomy">
      <StatusCard workspaceId={workspaceId} />
      <Card
        size="small"
        title={
          <Space>
            {t('analytics.taxonomy.title')}
            {data ? <Tag data-testid="analytics-taxonomy-source">{t(`analytics.taxonomy.source.${data.source}`)}</Tag> : null}
          </Space>
        }
        extra={<Typography.Text type="secondary">{t('analytics.taxonomy.hint')}</Typography.Text>}
      >
        {q.isError ? <Alert type="error" showIcon title={(q.error as Error).message} /> : null}
        {!data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={toValues(data.taxonomy.labels)}>
            <Form.List name="labels">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Flex key={field.key} gap={8} align="start" wrap data-testid="analytics-taxonomy-label">
                      <Form.Item
                        name={[field.name, 'id']}
                        label={i === 0 ? t('analytics.taxonomy.id') : undefined}
                        rules={[{ required: true, pattern: /^[a-z](?:[a-z0-9_-]*[a-z0-9])?$/, max: 40 }]}
                        style={{ width: 130 }}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'zh']}
                        label={i === 0 ? t('analytics.taxonomy.zh') : undefined}
                        rules={[{ required: true, max: 60 }]}
                        style={{ width: 120 }}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'en']}
                        label={i === 0 ? t('analytics.taxonomy.en') : undefined}
                        rules={[{ required: true, max: 60 }]}
                        style={{ width: 150 }}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'description']}
                        label={i === 0 ? t('analytics.taxonomy.description') : undefined}
                        rules={[{ max: 500 }]}
                        style={{ flex: 1, minWidth: 200 }}
                      >
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'examples']}
                        label={i === 0 ? t('analytics.taxonomy.examples') : undefined}
                        style={{ flex: 2, minWidth: 260 }}
                      >
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        danger
                        type="text"
                        style={{ marginTop: i === 0 ? 30 : 0 }}
                        onClick={() => remove(field.name)}
                        aria-label={t('analytics.taxonomy.remove')}
                      />
                    </Flex>
                  ))}
                  <Space>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add({ id: '', zh: '', en: '', description: '', examples: '' })}
                      disabled={fields.length >= 100}
                    >
                      {t('analytics.taxonomy.add')}
                    </Button>
                    <Button icon={<UndoOutlined />} onClick={() => form.setFieldsValue(toValues(data.taxonomy.labels))}>
                      {t('analytics.taxonomy.revert')}
                    </Button>
                    <Button
                      type="primary"
                      htmlType="submit"
                      icon={<SaveOutlined />}
                      loading={save.isPending}
                      data-testid="analytics-taxonomy-save"
                    >
                      {t('common.save')}
                    </Button>
                  </Space>
                </>
              )}
            </Form.List>
          </Form>
        )}
      </Card>
    </Space>
  );
}
