/** The app gallery: the workspace's custom apps, then the built-in library; use, clone, open in the studio, delete. */
import {
  CopyOutlined,
  DeleteOutlined,
  EditOutlined,
  ImportOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  useAppLibrary,
  useDeleteScenarioApp,
  useImportScenarioApp,
  useScenarioApps,
  type LibraryApp,
  type ScenarioApp,
} from '../../api/apps.ts';
import { useCurrentWorkspace } from '../../app/workspaces.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { CreateAppModal } from './CreateAppModal.tsx';
import { appPaths, bilingual } from './format.ts';

const MAX_YAML_BYTES = 256 * 1024;

function CustomCard({ app, canWrite, onDelete }: { app: ScenarioApp; canWrite: boolean; onDelete: (a: ScenarioApp) => void }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const published = Boolean(app.traffic?.length);
  const slug = app.slug!;
  return (
    <Card
      size="small"
      data-testid={`app-card-${slug}`}
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{app.name}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            app:{slug}
          </Typography.Text>
        </Space>
      }
      extra={published ? <Tag color="green">{t('apps.status.published')}</Tag> : <Tag>{t('apps.status.unpublished')}</Tag>}
      actions={[
        <Button
          key="use"
          type="link"
          size="small"
          icon={<PlayCircleOutlined />}
          onClick={() => void navigate(appPaths.use(slug))}
          data-testid={`app-use-${slug}`}
        >
          {t('apps.gallery.use')}
        </Button>,
        <Button
          key="studio"
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => void navigate(appPaths.studio(app.id))}
          data-testid={`app-studio-${slug}`}
        >
          {t('apps.gallery.studio')}
        </Button>,
        <Popconfirm
          key="delete"
          title={t('apps.delete.confirm', { name: app.name })}
          description={t('apps.delete.confirmHint')}
          okText={t('apps.delete.ok')}
          okButtonProps={{ danger: true, 'data-testid': 'app-delete-ok' }}
          cancelText={t('common.cancel')}
          onConfirm={() => onDelete(app)}
          disabled={!canWrite}
        >
          <Button type="link" size="small" danger icon={<DeleteOutlined />} disabled={!canWrite} data-testid={`app-delete-${slug}`}>
            {t('apps.delete.button')}
          </Button>
        </Popconfirm>,
      ]}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ minHeight: 44, marginBottom: 4 }}>
        {bilingual(app.description, lang) || t('apps.gallery.noDescription')}
      </Typography.Paragraph>
      <Space size={4} wrap>
        {app.source ? <Tag>{t('apps.gallery.from', { slug: app.source })}</Tag> : null}
        {app.latest_version ? <Tag>{t('apps.run.version', { v: app.latest_version })}</Tag> : null}
      </Space>
    </Card>
  );
}

function BuiltinCard({ lib, canWrite, onClone }: { lib: LibraryApp; canWrite: boolean; onClone: (l: LibraryApp) => void }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  return (
    <Card
      size="small"
      data-testid={`builtin-card-${lib.slug}`}
      title={
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{bilingual(lib.name, lang)}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            app:{lib.slug}
          </Typography.Text>
        </Space>
      }
      extra={<Tag color="blue">{t('apps.gallery.builtin')}</Tag>}
      actions={[
        <Button
          key="use"
          type="link"
          size="small"
          icon={<PlayCircleOutlined />}
          onClick={() => void navigate(appPaths.use(lib.slug))}
          data-testid={`builtin-use-${lib.slug}`}
        >
          {t('apps.gallery.use')}
        </Button>,
        <Button
          key="clone"
          type="link"
          size="small"
          icon={<CopyOutlined />}
          disabled={!canWrite}
          onClick={() => onClone(lib)}
          data-testid={`builtin-clone-${lib.slug}`}
        >
          {t('apps.gallery.clone')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ minHeight: 44, marginBottom: 0 }}>
        {bilingual(lib.description, lang)}
      </Typography.Paragraph>
    </Card>
  );
}

export default function AppsPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { workspaceId, setWorkspaceId, workspaces } = useCurrentWorkspace();
  const library = useAppLibrary();
  const apps = useScenarioApps(workspaceId);
  const remove = useDeleteScenarioApp();
  const importApp = useImportScenarioApp(workspaceId);
  const [creating, setCreating] = useState<{ from: LibraryApp | null } | null>(null);
  const role = workspaces.find((w) => w.id === workspaceId)?.role;
  const canWrite = role !== 'viewer';
  const taken = [...(library.data ?? []).map((l) => l.slug), ...(apps.data ?? []).map((a) => a.slug!)];

  const onDelete = async (app: ScenarioApp) => {
    try {
      await remove.mutateAsync(app.id);
      message.success(t('apps.delete.done', { name: app.name }));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const onImport = async (file: File) => {
    if (file.size > MAX_YAML_BYTES) return void message.error(t('apps.import.tooBig'));
    try {
      const app = await importApp.mutateAsync(await file.text());
      message.success(t('apps.import.done', { name: app.name }));
      void navigate(appPaths.studio(app.id));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  const grid = { xs: 24, sm: 12, lg: 8, xxl: 6 };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="apps-page">
      <Card
        title={
          <Space>
            {t('apps.gallery.mine')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {t('apps.gallery.subtitle')}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            {workspaces.length > 1 && (
              <Select
                value={workspaceId}
                onChange={setWorkspaceId}
                style={{ minWidth: 180 }}
                options={workspaces.map((w) => ({ value: w.id, label: w.name }))}
                data-testid="apps-workspace"
              />
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void apps.refetch()} loading={apps.isRefetching}>
              {t('common.refresh')}
            </Button>
            <Upload
              accept=".yaml,.yml"
              showUploadList={false}
              disabled={!canWrite}
              beforeUpload={(f) => {
                void onImport(f);
                return false;
              }}
            >
              <Button icon={<ImportOutlined />} disabled={!canWrite} loading={importApp.isPending} data-testid="apps-import">
                {t('apps.import.button')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!canWrite}
              onClick={() => setCreating({ from: null })}
              data-testid="apps-create"
            >
              {t('apps.create.button')}
            </Button>
          </Space>
        }
      >
        {apps.isError ? (
          <Alert type="error" showIcon title={t('common.error', { message: apps.error.message })} style={{ marginBottom: 16 }} />
        ) : null}
        {apps.isLoading ? (
          <Skeleton active />
        ) : apps.data?.length ? (
          <Row gutter={[16, 16]} data-testid="apps-mine">
            {apps.data.map((a) => (
              <Col key={a.id} {...grid}>
                <CustomCard app={a} canWrite={canWrite} onDelete={(x) => void onDelete(x)} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description={t('apps.gallery.noneYet')} data-testid="apps-mine-empty" />
        )}
      </Card>
      <Card title={t('apps.gallery.library')} data-testid="apps-library">
        {library.isError ? <Alert type="error" showIcon title={t('common.error', { message: library.error.message })} /> : null}
        {library.isLoading ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {(library.data ?? []).map((l) => (
              <Col key={l.slug} {...grid}>
                <BuiltinCard lib={l} canWrite={canWrite} onClone={(from) => setCreating({ from })} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <CreateAppModal
        open={creating !== null}
        from={creating?.from ?? null}
        workspaceId={workspaceId}
        takenSlugs={taken}
        onClose={() => setCreating(null)}
        onCreated={(app) => {
          setCreating(null);
          void navigate(appPaths.studio(app.id));
        }}
      />
    </Space>
  );
}
