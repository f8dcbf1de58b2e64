/** Outcome of POST /api/providers/{name}/test: ok, latency and models, or the error. */
import { Alert, Space, Tag, Typography } from 'antd';
import { useT } from '../../i18n';
import type { ProviderTestResult } from '../../api/models.ts';

const MAX_MODELS = 12;

export function TestResult({ result, error, testId }: { result?: ProviderTestResult; error?: string; testId: string }) {
  const t = useT();
  if (error) return <Alert data-testid={testId} data-ok="false" type="error" showIcon title={t('models.test.failed')} description={error} />;
  if (!result) return null;
  if (!result.ok) {
    return (
      <Alert
        data-testid={testId}
        data-ok="false"
        type="error"
        showIcon
        title={t('models.test.failedIn', { ms: Math.round(result.latency_ms) })}
        description={
          <>
            {result.error?.message ?? t('models.test.unknownError')}
            {result.error?.code ? <Typography.Text type="secondary"> ({result.error.code})</Typography.Text> : null}
          </>
        }
      />
    );
  }
  const models = result.models ?? [];
  return (
    <Alert
      data-testid={testId}
      data-ok="true"
      type="success"
      showIcon
      title={t('models.test.ok', { ms: Math.round(result.latency_ms) })}
      description={
        models.length ? (
          <Space size={[4, 4]} wrap>
            <Typography.Text type="secondary">{t('models.test.models', { n: models.length })}</Typography.Text>
            {models.slice(0, MAX_MODELS).map((m) => (
              <Tag key={m}>{m}</Tag>
            ))}
            {models.length > MAX_MODELS ? <Tag>+{models.length - MAX_MODELS}</Tag> : null}
          </Space>
        ) : undefined
      }
    />
  );
}
