/**
 * An app's end-user page (`/apps/:slug/use`): a clean page with the form generated from the published
 * version's variables and the streamed answer. Opening it counts a page view, and the first open in a
 * browser session a session (`POST /api/apps/:appId/page-events`, which also records usage analytics'
 * page view). Built-ins run without a row: their page views go to usage analytics only. `?workspace=`
 * picks the workspace (else the current one). Runs go out with the console session: the app by id in its
 * workspace, a built-in through the workspace's library. Answers can be liked or disliked.
 */
import { GlobalOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Layout, Result, Skeleton, Space, Typography, theme } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { sendPageEvent, useAppLibrary, useAppVersions, useScenarioApps, type AppSpec } from '../../api/apps.ts';
import { browserSessionId, trackPageView, uuid } from '../../api/page-views.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { Answer } from './Answer.tsx';
import { AppForm } from './AppForm.tsx';
import { appPaths, bilingual, samplesOf, servingVersion } from './format.ts';
import { useAppRun } from './useAppRun.ts';

const SESSION_PREFIX = 'baimo.appSession.';

/** This browser session's id (the tab's analytics session) for an app's page, and whether this is its first open of the app. */
function pageSession(appId: string): { id: string; fresh: boolean } {
  const id = browserSessionId();
  try {
    if (sessionStorage.getItem(SESSION_PREFIX + appId) === id) return { id, fresh: false };
    sessionStorage.setItem(SESSION_PREFIX + appId, id);
  } catch {
    // Not remembered: counted as a new session.
  }
  return { id, fresh: true };
}

/**
 * Counts the page once per mount: a view, and a session when this browser session had none yet (a
 * built-in, which has no app row, only as usage analytics' page view).
 */
function usePageEvents(appId: string | undefined, builtin: string | undefined, workspaceId: string) {
  const counted = useRef<string | null>(null);
  useEffect(() => {
    const what = appId ?? (builtin ? `builtin:${builtin}` : null);
    if (!what || counted.current === what) return;
    counted.current = what;
    if (!appId) return trackPageView(`/apps/${builtin}/use`, { workspaceId, app: builtin });
    const s = pageSession(appId);
    void (async () => {
      if (s.fresh) await sendPageEvent(appId, 'session', s.id);
      await sendPageEvent(appId, 'view', s.id, uuid());
    })();
  }, [appId, builtin, workspaceId]);
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
  usePageEvents(custom?.id, builtin?.slug, workspaceId);

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
          <Answer run={run.state} format={spec.output?.format ?? 'text'} testId="use-answer" feedback />
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
