import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCreateWorkspace, useWorkspaces, type Workspace } from '../../api/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import MembersDrawer from './MembersDrawer.tsx';

export default function WorkspacesTab() {
  const t = useT();
  const { message } = App.useApp();
  const creator = useCreateWorkspace();
  const workspaces = useWorkspaces();
  const [creating, setCreating] = useState(false);
  const [members, setMembers] = useState<Workspace | null>(null);
  const [form] = Form.useForm<{ name: string }>();

  const create = async () => {
    const { name } = await form.validateFields();
    try {
      await creator.mutateAsync({ name: name.trim() });
      message.success(t('workspaces.created', { name }));
      form.resetFields();
      setCreating(false);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="workspace-create">
          {t('workspaces.create')}
        </Button>
      </div>
      <Table<Workspace>
        rowKey="id"
        loading={workspaces.isLoading}
        dataSource={workspaces.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: 'ID',
            dataIndex: 'id',
            render: (id: string) => (
              <Typography.Text code copyable>
                {id}
              </Typography.Text>
            ),
          },
          {
            title: t('workspaces.myRole'),
            dataIndex: 'role',
            render: (r: Workspace['role']) => (r ? <Tag>{t(`common.role.${r}`)}</Tag> : '—'),
          },
          { title: t('common.createdAt'), dataIndex: 'created_at', render: (v: string) => new Date(v).toLocaleString() },
          {
            title: t('common.actions'),
            render: (_, w) => (
              <Button type="link" size="small" onClick={() => setMembers(w)} data-testid={`workspace-members-${w.id}`}>
                {t('workspaces.members.manage')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('workspaces.create')}
        onOk={create}
        okButtonProps={{ loading: creator.isPending }}
        onCancel={() => setCreating(false)}
        okText={t('common.create')}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input placeholder={t('workspaces.namePlaceholder')} maxLength={200} data-testid="workspace-name" />
          </Form.Item>
        </Form>
      </Modal>
      <MembersDrawer workspace={members} onClose={() => setMembers(null)} />
    </>
  );
}
