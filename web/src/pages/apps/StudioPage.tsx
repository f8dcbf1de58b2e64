/**
 * The app studio: edit the draft (basics, variables, prompts with variable detection, output, knowledge,
 * long inputs), try it with the generated form, compare two versions, publish, roll back, split traffic,
 * and the API snippets; links to the end-user page and to the app's security policies.
 */
import {
  ArrowLeftOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  ExportOutlined,
  SafetyCertificateOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Col, ConfigProvider, Flex, Popconfirm, Result, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  exportScenarioApp,
  useAppLibrary,
  useAppVersions,
  useCreateDraft,
  usePublish,
  useSaveDraft,
  useScenarioApp,
  useUpdateScenarioApp,
  type AppSpec,
} from '../../api/apps.ts';
import { ApiError } from '../../api/client.ts';
import { saveBlob } from '../../api/save-blob.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { ApiSnippets } from './ApiSnippets.tsx';
import { BasicsCard } from './BasicsCard.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { appPaths, draftOf, normalizeSpec, samplesOf } from './format.ts';
import { OutputCard } from './OutputCard.tsx';
import { PromptsCard } from './PromptsCard.tsx';
import { RunPanel } from './RunPanel.tsx';
import { SourcesCard } from './SourcesCard.tsx';
import { specProblems, variableUse } from './spec-problems.ts';
import { VariablesTable } from './VariablesTable.tsx';
import { VersionsTab } from './VersionsTab.tsx';

const TABS = ['edit', 'compare', 'versions', 'api'] as const;
type Tab = (typeof TABS)[number];

/** The spec being edited: where it came from (`version:status`), and whether it changed since. */
interface Editing {
  from: string;
  spec: AppSpec;
  dirty: boolean;
}

export default function AppStudioPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { appId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'edit';
  const app = useScenarioApp(appId);
  const versions = useAppVersions(appId);
  const library = useAppLibrary();
  const { workspaces, setWorkspaceId } = useCurrentWorkspace();
  const saveDraft = useSaveDraft(appId);
  const createDraft = useCreateDraft(appId);
  const publish = usePublish(appId);
  const rename = useUpdateScenarioApp(appId);
  const [edit, setEdit] = useState<Editing | null>(null);
  const [schemaError, setSchemaError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const list = versions.data ?? [];
  const draft = draftOf(list);
  const base = draft ?? list[0];
  const baseKey = base ? `${base.version}:${base.status}` : '';
  // A version loaded (or changed on the server): edit it, unless the user has changes of their own.
  if (base && (!edit || (edit.from !== baseKey && !edit.dirty))) setEdit({ from: baseKey, spec: base.spec, dirty: false });

  const dirty = edit?.dirty ?? false;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const back = (
    <Link to={appPaths.gallery} data-testid="studio-back">
      <ArrowLeftOutlined /> {t('apps.studio.back')}
    </Link>
  );
  if (app.isLoading || versions.isLoading) return <Skeleton active />;
  if (app.isError || !app.data || !app.data.slug) {
    const missing = !app.data?.slug || (app.error instanceof ApiError && app.error.status === 404);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('apps.notFound') : t('common.error', { message: app.error?.message ?? '' })}
        extra={back}
      />
    );
  }
  const a = app.data;
  const slug = a.slug!;
  const role = workspaces.find((w) => w.id === a.workspace_id)?.role;
  const canWrite = role !== 'viewer';
  const lib = library.data?.find((l) => l.slug === a.source);
  const samples = samplesOf(lib, lang);
  const spec = edit?.spec;
  const problems = spec ? specProblems(spec, t, schemaError) : [];
  const busy = saveDraft.isPending || createDraft.isPending || publish.isPending;

  const change = (patch: Partial<AppSpec>) => setEdit((e) => (e ? { ...e, spec: { ...e.spec, ...patch }, dirty: true } : e));

  /** Saves the edited spec as the draft (a new draft when there is none); its version, or null. */
  const save = async (): Promise<number | null> => {
    if (!edit) return null;
    if (problems.length) {
      message.error(t('apps.studio.fixProblems'));
      return null;
    }
    setServerError(null);
    const body = normalizeSpec(edit.spec);
    try {
      const v = draft ? await saveDraft.mutateAsync({ version: draft.version, spec: body }) : await createDraft.mutateAsync({ spec: body });
      // The gallery and the end-user page show the app's own name and description: they follow the draft's.
      if (body.name !== a.name || body.description !== (a.description ?? ''))
        await rename.mutateAsync({ name: body.name, description: body.description });
      setEdit((e) => (e ? { ...e, from: `${v.version}:draft`, dirty: e.spec !== edit.spec } : e));
      return v.version;
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setServerError(e.message);
      else message.error(t('common.error', { message: (e as Error).message }));
      return null;
    }
  };
  /** The version a try runs: the saved draft (saving it when it changed), else the newest version. */
  const prepare = async (): Promise<number | null> => (dirty || (!draft && !base) ? save() : (draft ?? base)!.version);
  const onSave = async () => {
    const v = await save();
    if (v !== null) message.success(t('apps.studio.saved', { v }));
  };
  const onPublish = async () => {
    const v = dirty ? await save() : (draft?.version ?? null);
    if (v === null) return;
    try {
      await publish.mutateAsync({ version: v });
      message.success(t('apps.publish.done', { v }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const onExport = async () => {
    try {
      const yaml = await exportScenarioApp(a.id);
      saveBlob(new Blob([yaml], { type: 'application/yaml' }), `${slug}.yaml`);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const openPolicies = () => {
    setWorkspaceId(a.workspace_id);
    void navigate(`/security?${new URLSearchParams({ tab: 'policies', scope: 'app', scope_id: a.id })}`);
  };

  const published = a.traffic?.length
    ? a.traffic.map((x) => `v${x.version}${a.traffic!.length > 1 ? ` ${x.weight}%` : ''}`).join(' · ')
    : null;
  const { unused } = spec ? variableUse(spec) : { unused: [] as string[] };

  return (
    <div data-testid="studio-page">
      <Flex justify="space-between" align="start" wrap gap={12} style={{ marginBottom: 12 }}>
        <Space orientation="vertical" size={4}>
          {back}
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="studio-title">
              {a.name}
            </Typography.Title>
            <Typography.Text code>app:{slug}</Typography.Text>
            {a.source ? <Tag>{t('apps.gallery.from', { slug: a.source })}</Tag> : null}
            {published ? (
              <Tag color="green" data-testid="studio-serving">
                {t('apps.studio.serving', { versions: published })}
              </Tag>
            ) : (
              <Tag data-testid="studio-serving">{t('apps.status.unpublished')}</Tag>
            )}
            {draft ? <Tag color="gold">{t('apps.studio.draft', { v: draft.version })}</Tag> : null}
            {dirty ? (
              <Tag color="orange" data-testid="studio-dirty">
                {t('apps.studio.unsaved')}
              </Tag>
            ) : null}
          </Space>
        </Space>
        <Space wrap>
          <Button
            icon={<ExportOutlined />}
            onClick={() => window.open(appPaths.use(slug), '_blank', 'noopener')}
            data-testid="studio-open-use"
          >
            {t('apps.studio.openUse')}
          </Button>
          <Button icon={<SafetyCertificateOutlined />} onClick={openPolicies} data-testid="studio-policies">
            {t('apps.studio.policies')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void onExport()} data-testid="studio-export">
            {t('apps.studio.export')}
          </Button>
          <Button
            icon={<SaveOutlined />}
            onClick={() => void onSave()}
            loading={saveDraft.isPending || createDraft.isPending}
            disabled={!canWrite || !dirty}
            data-testid="studio-save"
          >
            {t('apps.studio.save')}
          </Button>
          <Popconfirm
            title={t('apps.publish.confirm', { v: dirty || !draft ? '…' : draft.version })}
            description={t('apps.publish.confirmHint')}
            okText={t('apps.publish.button')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'studio-publish-ok' }}
            onConfirm={() => onPublish()}
            disabled={!canWrite || (!dirty && !draft)}
          >
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              loading={publish.isPending}
              disabled={!canWrite || (!dirty && !draft)}
              data-testid="studio-publish"
            >
              {t('apps.publish.button')}
            </Button>
          </Popconfirm>
        </Space>
      </Flex>
      {!canWrite ? <Alert type="info" showIcon title={t('apps.studio.readOnly')} style={{ marginBottom: 12 }} /> : null}
      {serverError ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setServerError(null)}
          title={serverError}
          style={{ marginBottom: 12 }}
          data-testid="studio-server-error"
        />
      ) : null}
      {problems.length && dirty ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="studio-problems"
          title={t('apps.studio.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          {
            key: 'edit',
            label: <span data-testid="studio-tab-edit">{t('apps.studio.tab.edit')}</span>,
            children: spec ? (
              <Row gutter={16}>
                <Col xs={24} xl={15}>
                  <ConfigProvider componentDisabled={!canWrite}>
                    <Space key={edit!.from} orientation="vertical" size={16} style={{ width: '100%' }}>
                      <BasicsCard spec={spec} onChange={change} disabled={!canWrite} />
                      <VariablesTable
                        variables={spec.variables ?? []}
                        onChange={(variables) => change({ variables })}
                        unused={unused}
                        disabled={!canWrite}
                      />
                      <PromptsCard spec={spec} onChange={change} disabled={!canWrite} />
                      <OutputCard spec={spec} onChange={change} onSchemaError={setSchemaError} disabled={!canWrite} />
                      <SourcesCard spec={spec} workspaceId={a.workspace_id} onChange={change} disabled={!canWrite} />
                    </Space>
                  </ConfigProvider>
                </Col>
                <Col xs={24} xl={9}>
                  <div style={{ position: 'sticky', top: 16 }}>
                    <RunPanel appId={a.id} spec={spec} samples={samples} prepare={prepare} busy={busy} />
                  </div>
                </Col>
              </Row>
            ) : (
              <Skeleton active />
            ),
          },
          {
            key: 'compare',
            label: <span data-testid="studio-tab-compare">{t('apps.studio.tab.compare')}</span>,
            children: <ComparePanel appId={a.id} versions={list} samples={samples} />,
          },
          {
            key: 'versions',
            label: <span data-testid="studio-tab-versions">{t('apps.studio.tab.versions')}</span>,
            children: <VersionsTab app={a} versions={list} canWrite={canWrite} />,
          },
          {
            key: 'api',
            label: <span data-testid="studio-tab-api">{t('apps.studio.tab.api')}</span>,
            children: <ApiSnippets slug={slug} spec={base?.spec ?? spec ?? { name: a.name, prompts: {} }} samples={samples} />,
          },
        ]}
      />
    </div>
  );
}
