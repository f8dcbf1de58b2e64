/**
 * An app's end-user page (`/apps/:slug/use`): a clean page with the form generated from the published
 * version's variables and the streamed answer. Opening it counts a page view, and the first open in a
 * browser session a session (`POST /api/apps/:appId/page-events`). Built-ins run without a row, so
 * they are not counted. `?workspace=` picks the workspace (else the current one). Runs go out with the
 * console session: the app by id in its workspace, a built-in through the workspace's library.
 */
import { GlobalOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Layout, Result, Skeleton, Space, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { sendPageEvent, useAppLibrary, useAppVersions, useScenarioApps, type AppSpec } from '../../api/apps.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { Answer } from './Answer.tsx';
import { AppForm } from './AppForm.tsx';
import { appPaths, bilingual, randomId, samplesOf, servingVersion } from './format.ts';
import { useAppRun } from './useAppRun.ts';

const SESSION_PREFIX = 'baimo.appSession.';

/** This browser session's id for an app's page: created (and reported as new) on the first open. */
function pageSession(appId: string): { id: string; fresh: boolean } {
  try {
    const known = sessionStorage.getItem(SESSION_PREFIX + appId);
    if (known) return { id: known, fresh: false };
    const id = randomId();
    sessionStorage.setItem(SESSION_PREFIX + appId, id);
    return { id, fresh: true };
  } catch {
    return { id: randomId(), fresh: true };
  }
}

/** Counts the page once per mount: a view, and a session when this browser session had none yet. */
function usePageEvents(appId: string | undefined) {
  const counted = useRef<string | null>(null);
  useEffect(() => {
    if (!appId || counted.current === appId) return;
    counted.current = appId;
    const s = pageSession(appId);
    void (async () => {
      if (s.fresh) await sendPageEvent(appId, 'session', s.id);
      await sendPageEvent(appId, 'view', s.id);
    })();
  }, [appId]);
}

export default function AppUsePage() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { token } = theme.useToken();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const current = useCurrentWorkspace();
  const workspaceId = params.get('workspace') ?? current.workspaceId;
  const apps = useScenarioApps(workspaceId);
  const library = useAppLibrary();
  const custom = apps.data?.find((a) => a.slug === slug);
  const builtin = custom ? undefined : library.data?.find((l) => l.slug === slug);
  const versions = useAppVersions(custom?.id);
  const run = useAppRun();
  usePageEvents(custom?.id);

  const serving = custom ? servingVersion(custom, versions.data ?? []) : undefined;
  const spec: AppSpec | undefined = custom ? serving?.spec : builtin?.spec;
  const name = custom ? custom.name : builtin ? bilingual(builtin.name, lang) : slug;
  const description = custom
    ? bilingual(custom.description ?? spec?.description, lang)
    : builtin
      ? bilingual(builtin.description, lang)
      : '';

  const loading = apps.isLoading || library.isLoading || (custom && versions.isLoading);
  let body;
  if (loading) body = <Skeleton active />;
  else if (!custom && !builtin)
    body = (
      <Result status="404" title={t('apps.use.notFound', { slug })} extra={<Link to={appPaths.gallery}>{t('apps.studio.back')}</Link>} />
    );
  else if (!spec) body = <Result status="info" title={t('apps.use.unpublished')} data-testid="use-unpublished" />;
  else
    body = (
      <>
        <AppForm
          variables={spec.variables ?? []}
          initial={builtin ? samplesOf(builtin, lang) : undefined}
          running={run.state.running}
          onRun={(inputs) => void run.run({ target: custom ? { appId: custom.id } : { workspaceId, slug }, inputs })}
          onStop={run.stop}
          testId="use"
        />
        <div style={{ marginTop: 24 }}>
          <Answer run={run.state} format={spec.output?.format ?? 'text'} testId="use-answer" />
        </div>
      </>
    );

  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }} data-testid="use-page">
      <Layout.Content style={{ maxWidth: 880, width: '100%', margin: '0 auto', padding: '32px 16px' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} align="start">
          <Space orientation="vertical" size={4}>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="use-title">
              {name}
            </Typography.Title>
            {description ? <Typography.Text type="secondary">{description}</Typography.Text> : null}
          </Space>
          <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')} data-testid="use-lang">
            {lang === 'zh-CN' ? 'English' : '中文'}
          </Button>
        </Space>
        {apps.isError ? (
          <Alert type="error" showIcon title={t('common.error', { message: apps.error.message })} style={{ marginBottom: 16 }} />
        ) : null}
        <Card>{body}</Card>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
          {t('apps.use.poweredBy')}
        </Typography.Paragraph>
      </Layout.Content>
    </Layout>
  );
}
