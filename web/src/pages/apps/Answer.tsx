/** An app's answer as it streams: Markdown rendered, JSON pretty-printed once it parses, text as is; progress and errors. */
import { LoadingOutlined } from '@ant-design/icons';
import { Alert, Empty, Progress, Space, Tag, Typography } from 'antd';
import type { OutputFormat } from '../../api/apps.ts';
import { ApiError } from '../../api/client.ts';
import FeedbackButtons from '../../app/FeedbackButtons.tsx';
import { useT } from '../../i18n/index.ts';
import { Markdown } from './Markdown.tsx';
import type { AppRunState } from './useAppRun.ts';

/** JSON text pretty-printed, or null while it does not parse (still streaming, or not JSON). */
export function prettyJson(text: string): string | null {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  if (!body) return null;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}

/** An error of a run, with each bad input of a 400 `invalid_inputs` named. */
function errorMessage(e: Error): string {
  return e instanceof ApiError && e.code ? `${e.message} (${e.code})` : e.message;
}

/** `feedback`: like / dislike buttons under a finished answer (the end-user page). */
export function Answer({ run, format, testId, feedback }: { run: AppRunState; format: OutputFormat; testId: string; feedback?: boolean }) {
  const t = useT();
  const { text, running, error, progress } = run;
  const json = format === 'json' && !running ? prettyJson(text) : null;
  return (
    <div data-testid={testId} data-state={running ? 'running' : error ? 'error' : text ? 'done' : 'idle'}>
      {progress && progress.total > 0 && running ? (
        <div data-testid={`${testId}-progress`} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            {t('apps.run.progress', { phase: t(`apps.run.phase.${progress.phase}`), done: progress.done, total: progress.total })}
          </Typography.Text>
          <Progress percent={Math.round((progress.done / progress.total) * 100)} size="small" />
        </div>
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 8 }} data-testid={`${testId}-error`} />
      ) : null}
      {!text && !running && !error ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('apps.run.empty')} /> : null}
      {!text && running ? (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('apps.run.waiting')}
        </Typography.Text>
      ) : null}
      {text ? (
        <div data-testid={`${testId}-text`}>
          {json !== null ? (
            <pre style={{ background: '#f6f8fa', padding: 12, borderRadius: 6, overflowX: 'auto', margin: 0 }} data-format="json">
              {json}
            </pre>
          ) : format === 'markdown' ? (
            <Markdown text={text} />
          ) : (
            <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', lineHeight: 1.7 }}>{text}</div>
          )}
          {running ? <LoadingOutlined style={{ marginInlineStart: 4 }} /> : null}
        </div>
      ) : null}
      {!running && (run.version !== null || run.latencyMs !== null) ? (
        <Space size={4} wrap style={{ marginTop: 8 }}>
          {run.version !== null ? <Tag data-testid={`${testId}-version`}>{t('apps.run.version', { v: run.version })}</Tag> : null}
          {run.latencyMs !== null ? <Tag>{t('apps.run.latency', { ms: Math.round(run.latencyMs) })}</Tag> : null}
          {run.usage ? <Tag>{t('apps.run.tokens', { n: run.usage.total_tokens })}</Tag> : null}
          {feedback && text && !error ? (
            <FeedbackButtons key={run.requestId} requestId={run.requestId} testId={`${testId}-feedback`} />
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}
