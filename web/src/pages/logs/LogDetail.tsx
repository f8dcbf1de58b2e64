/** Drawer with one log row: timings, attempts, usage, cost, error and bodies. */
import { Alert, Descriptions, Drawer, Empty, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useLog, type LogAttempt, type LogDetail as Detail } from '../../api/logs.ts';
import { useT } from '../../i18n';
import { StatusTag } from './columns';
import { ComplianceInfo } from './ComplianceInfo';
import { fmtCny, fmtMs, fmtTime, prettyBody } from './format';

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

/** A failed try from `attempts_detail`, or the final successful one (`total`), which has no error. */
type Step = Omit<LogAttempt, 'error_type' | 'error_message'> & { error_type: string | null; error_message: string | null; total?: boolean };

const failed = (a: Step) => Boolean(a.error_type) || !a.status || a.status >= 400;

/**
 * The upstream tries in order: `attempts_detail` holds the failed ones; a request that then succeeded
 * adds its final attempt from the row itself (a request that failed ends on its last failed attempt).
 */
function Attempts({ d }: { d: Detail }) {
  const t = useT();
  const list: Step[] = [...(d.attempts_detail ?? [])];
  if (d.status < 400 && d.provider)
    list.push({
      provider: d.provider,
      model: d.upstream_model ?? '—',
      status: d.status,
      error_type: null,
      error_message: null,
      latency_ms: d.latency_ms,
      total: true,
    });
  const items = list.map((a, i) => {
    const prev = list[i - 1];
    const bad = failed(a);
    const last = i === list.length - 1;
    const kind = !prev ? null : prev.provider === a.provider && prev.model === a.model ? 'retry' : 'fallback';
    return {
      key: i,
      color: bad ? 'red' : 'green',
      content: (
        <div data-testid="log-detail-attempt" data-failed={bad} data-provider={a.provider} data-model={a.model}>
          <Space size={6} wrap>
            <Typography.Text strong>{t('logs.attempt.n', { n: i + 1 })}</Typography.Text>
            {kind ? <Tag color={kind === 'fallback' ? 'orange' : 'blue'}>{t(`logs.attempt.${kind}`)}</Tag> : null}
            <Typography.Text code>{`${a.provider} / ${a.model}`}</Typography.Text>
            {a.status ? <StatusTag status={a.status} /> : <Tag color="error">{t('logs.attempt.noResponse')}</Tag>}
            <Typography.Text type="secondary">
              {a.total ? t('logs.attempt.total', { ms: fmtMs(a.latency_ms) }) : fmtMs(a.latency_ms)}
            </Typography.Text>
            {last ? <Tag color={bad ? 'error' : 'success'}>{t(bad ? 'logs.attempt.finalFailed' : 'logs.attempt.final')}</Tag> : null}
          </Space>
          {a.error_type || a.error_message ? (
            <Typography.Paragraph type="danger" style={{ margin: '4px 0 0', fontSize: 12 }} ellipsis={{ rows: 3, expandable: true }}>
              {[a.error_type, a.error_message].filter(Boolean).join(': ')}
            </Typography.Paragraph>
          ) : null}
        </div>
      ),
    };
  });
  return (
    <div data-testid="log-detail-attempts">
      <Typography.Title level={5}>{t('logs.attempt.title')}</Typography.Title>
      <Timeline items={items} />
    </div>
  );
}

export function LogDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const q = useLog(id);
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
            {d.attempts_detail?.length ? <Attempts d={d} /> : null}
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
            <ComplianceInfo compliance={d.compliance} label={d.aigc_label} />
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
