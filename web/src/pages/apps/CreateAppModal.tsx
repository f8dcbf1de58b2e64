/** Creates a custom app: a clone of a built-in (`from`), or a blank one; the user picks its slug and name. */
import { App, Form, Input, Modal } from 'antd';
import { useCreateScenarioApp, type LibraryApp, type ScenarioApp } from '../../api/apps.ts';
import { ApiError } from '../../api/client.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { APP_SLUG, bilingual, blankSpec } from './format.ts';

interface Values {
  slug: string;
  name: string;
}

export function CreateAppModal({
  open,
  from,
  workspaceId,
  takenSlugs,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The built-in to clone; none: a blank app. */
  from: LibraryApp | null;
  workspaceId: string;
  /** Built-in slugs and the workspace's: refused before asking the server. */
  takenSlugs: string[];
  onClose: () => void;
  onCreated: (app: ScenarioApp) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateScenarioApp(workspaceId);
  const initial: Values = from ? { slug: `my-${from.slug}`.slice(0, 64), name: bilingual(from.name, lang) } : { slug: '', name: '' };

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const name = v.name.trim();
    try {
      const app = await create.mutateAsync(
        from ? { slug: v.slug, name, from_builtin: from.slug } : { slug: v.slug, name, spec: blankSpec(name) },
      );
      message.success(t('apps.create.done', { name }));
      onCreated(app);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) form.setFields([{ name: 'slug', errors: [t('apps.create.slugTaken')] }]);
      else message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <Modal
      open={open}
      title={from ? t('apps.create.cloneTitle', { name: bilingual(from.name, lang) }) : t('apps.create.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={from ? t('apps.create.clone') : t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'app-create-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item
          name="slug"
          label={t('apps.field.slug')}
          extra={t('apps.field.slugHint')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: APP_SLUG, message: t('apps.field.slugInvalid') },
            {
              validator: async (_, value: string | undefined) => {
                if (value && takenSlugs.includes(value)) throw new Error(t('apps.create.slugTaken'));
              },
            },
          ]}
        >
          <Input data-testid="app-create-slug" autoComplete="off" maxLength={64} placeholder="my-summarize" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('apps.field.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}
        >
          <Input data-testid="app-create-name" maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
