/** Drawer with one log row: timings, attempts, usage, cost, error and bodies. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
import { useT } from '../../i18n';
import { StatusTag } from './columns';
import { fmtCny, fmtMs, fmtTime, prettyBody } from './format';
import type { LogDetail as Detail } from './types';

function Body({ title, body, testId }: { title: string; body: string | null; testId: string }) {
  if (!body) return null;
  return (
    <div>
      <Typography.Title level={5} copyable={{ text: body }}>
        {title}
      </Typography.Title>
      <pre
        data-testid={testId}
        style={{
          maxHeight: 360,
          overflow: 'auto',
          background: '#f6f8fa',
          padding: 12,
          borderRadius: 6,
          fontSize: 12,
          margin: 0,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
        }}
      >
        {prettyBody(body)}
      </pre>
    </div>
  );
}

export function LogDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['logs', 'detail', id],
    queryFn: () => api<Detail>('GET', `/api/logs/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
  const d = q.data;
  const yes = (b: boolean) => (b ? t('logs.yes') : t('logs.no'));
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={720} title={t('logs.detail.title')} destroyOnHidden>
      <div data-testid="log-detail">
        {q.isLoading ? <Skeleton active /> : null}
        {q.isError ? <Alert type="error" showIcon title={q.error instanceof Error ? q.error.message : String(q.error)} /> : null}
        {d ? (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {d.error_message ? (
              <Alert
                data-testid="log-detail-error"
                type="error"
                showIcon
                title={d.error_type ?? t('logs.detail.error')}
                description={d.error_message}
              />
            ) : null}
            <Descriptions size="small" column={2} bordered title={t('logs.detail.request')}>
              <Descriptions.Item label={t('logs.detail.id')} span={2}>
                <Typography.Text copyable>{d.id}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('logs.col.time')}>{fmtTime(d.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.status')}>
                <StatusTag status={d.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.endpoint')}>{d.endpoint}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.stream')}>{yes(d.stream)}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.model')}>{d.model}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.upstream')}>
                {d.provider ? `${d.provider} / ${d.upstream_model ?? '—'}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.attempts')}>{d.attempts}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.finish')}>{d.finish_reason ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.workspace')}>{d.workspace_id ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.key')}>{d.key_id ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.app')}>{d.app_id ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.user')}>{d.user_id ?? '—'}</Descriptions.Item>
              {d.session_id ? (
                <Descriptions.Item label={t('logs.detail.session')} span={2}>
                  {d.session_id}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Descriptions size="small" column={2} bordered title={t('logs.detail.timings')}>
              <Descriptions.Item label={t('logs.col.latency')}>{fmtMs(d.latency_ms)}</Descriptions.Item>
              <Descriptions.Item label={t('logs.col.ttft')}>{fmtMs(d.ttft_ms)}</Descriptions.Item>
            </Descriptions>
            <Descriptions size="small" column={2} bordered title={t('logs.detail.usage')}>
              <Descriptions.Item label={t('logs.detail.prompt')}>{d.prompt_tokens.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.completion')}>{d.completion_tokens.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.cached')}>{d.cached_tokens.toLocaleString()}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.estimated')}>
                {d.estimated ? <Tag color="warning">{t('logs.detail.estimatedYes')}</Tag> : t('logs.detail.estimatedNo')}
              </Descriptions.Item>
              <Descriptions.Item label={t('logs.col.cost')}>{fmtCny(d.cost_cny)}</Descriptions.Item>
              <Descriptions.Item label={t('logs.detail.costOriginal')}>
                {d.currency ? `${d.cost.toFixed(6)} ${d.currency}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('logs.col.cache')}>{yes(d.cache_hit)}</Descriptions.Item>
            </Descriptions>
            {d.request_body || d.response_body ? (
              <>
                <Body title={t('logs.detail.requestBody')} body={d.request_body} testId="log-detail-request-body" />
                <Body title={t('logs.detail.responseBody')} body={d.response_body} testId="log-detail-response-body" />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logs.detail.noBodies')} />
            )}
          </Space>
        ) : null}
      </div>
    </Drawer>
  );
}
