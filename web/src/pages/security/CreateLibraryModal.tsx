/** Creates a moderation library, optionally with pasted terms (`term<TAB>risk` per line). */
import { Alert, App, Form, Input, Modal, Radio, Switch } from 'antd';
import { useCreateLibrary } from '../../api/moderation.ts';
import { useT } from '../../i18n';
import { errorText } from './hooks';
import { RiskSelect } from './RiskSelect';
import { errorLines, lineCount, withDefaultRisk } from './termsText';

interface Values {
  name: string;
  description?: string;
  enabled: boolean;
  scope: 'workspace' | 'instance';
  risk?: string;
  text?: string;
}

interface Props {
  open: boolean;
  workspaceId: string;
  /** Instance administrators may create instance-wide libraries. */
  isAdmin: boolean;
  onClose: () => void;
}

export function CreateLibraryModal({ open, workspaceId, isAdmin, onClose }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const text = Form.useWatch('text', form) ?? '';
  const create = useCreateLibrary();

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return; // The fields show what is wrong.
    }
    try {
      const lib = await create.mutateAsync({
        workspace_id: v.scope === 'instance' ? null : workspaceId,
        name: v.name.trim(),
        description: v.description?.trim() || undefined,
        enabled: v.enabled,
        text: v.text?.trim() ? withDefaultRisk(v.text, v.risk) : undefined,
      });
      const errors = errorLines(lib.errors);
      message.success(t('security.lib.created', { name: lib.name, n: lib.term_count ?? lib.added ?? 0 }));
      if (errors.length) message.warning(t('security.lib.lineErrors', { n: errors.length, first: errors[0]! }));
      form.resetFields();
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal
      open={open}
      title={t('security.lib.createTitle')}
      width={640}
      okText={t('common.create')}
      onOk={() => void submit()}
      okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'library-create-submit' } as Record<string, string>) }}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" initialValues={{ enabled: true, scope: 'workspace' }} requiredMark="optional">
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="library-name" />
        </Form.Item>
        <Form.Item name="description" label={t('security.lib.description')}>
          <Input maxLength={500} data-testid="library-description" />
        </Form.Item>
        {isAdmin ? (
          <Form.Item name="scope" label={t('security.lib.scope')}>
            <Radio.Group
              options={(['workspace', 'instance'] as const).map((s) => ({
                value: s,
                label: <span data-testid={`library-scope-${s}`}>{t(`security.lib.scope.${s}`)}</span>,
              }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item name="enabled" label={t('security.lib.enabled')} valuePropName="checked">
          <Switch data-testid="library-enabled" />
        </Form.Item>
        <Form.Item name="risk" label={t('security.lib.defaultRisk')} extra={t('security.lib.defaultRiskHint')}>
          <RiskSelect testId="library-default-risk" />
        </Form.Item>
        <Form.Item name="text" label={t('security.lib.terms')} extra={t('security.lib.termsHint', { n: lineCount(text) })}>
          <Input.TextArea
            rows={8}
            placeholder={'示例词一\tA.1.1\n示例词二\tA.2.3'}
            style={{ fontFamily: 'monospace' }}
            data-testid="library-text"
          />
        </Form.Item>
      </Form>
      {create.isError ? <Alert type="error" showIcon title={errorText(create.error)} data-testid="library-create-error" /> : null}
    </Modal>
  );
}
