import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Role } from '../../api/auth.ts';
import { ROLES, useCreateUser, usePatchUser, useUsers, useWorkspaces, type User, type UserPatch } from '../../api/workspaces.ts';
import { useT } from '../../i18n/index.ts';

interface NewUser {
  email: string;
  name: string;
  password: string;
  is_admin: boolean;
  workspace?: string;
  role: Role;
}

export default function UsersTab() {
  const t = useT();
  const { message } = App.useApp();
  const users = useUsers();
  const creator = useCreateUser();
  const patcher = usePatchUser();
  const workspaces = useWorkspaces();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<NewUser>();
  const fail = (e: unknown) => message.error(t('common.error', { message: (e as Error).message }));

  const create = async () => {
    const v = await form.validateFields();
    try {
      await creator.mutateAsync({
        email: v.email.trim(),
        name: v.name.trim(),
        password: v.password,
        is_admin: v.is_admin,
        workspaces: v.workspace ? [{ id: v.workspace, role: v.role }] : undefined,
      });
      message.success(t('workspaces.users.created', { email: v.email }));
      form.resetFields();
      setCreating(false);
    } catch (e) {
      fail(e);
    }
  };

  const patch = async (u: User, body: UserPatch) => {
    try {
      await patcher.mutateAsync({ userId: u.id, body });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
          {t('workspaces.users.create')}
        </Button>
      </div>
      <Table<User>
        rowKey="id"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('workspaces.users.name'), dataIndex: 'name' },
          { title: t('workspaces.users.email'), dataIndex: 'email' },
          {
            title: t('workspaces.users.instanceAdmin'),
            dataIndex: 'is_admin',
            render: (v: boolean, u) => <Switch size="small" checked={v} onChange={(is_admin) => void patch(u, { is_admin })} />,
          },
          {
            title: t('workspaces.users.status'),
            dataIndex: 'disabled',
            render: (d: boolean, u) => (
              <Switch
                size="small"
                checked={!d}
                checkedChildren={t('workspaces.users.enabled')}
                unCheckedChildren={t('workspaces.users.disabled')}
                onChange={(on) => void patch(u, { disabled: !on })}
              />
            ),
          },
          { title: t('common.createdAt'), dataIndex: 'created_at', render: (v: string) => new Date(v).toLocaleString() },
          { title: '', dataIndex: 'id', render: (id: string) => <Tag>{id}</Tag> },
        ]}
      />
      <Modal
        open={creating}
        title={t('workspaces.users.create')}
        onOk={create}
        okButtonProps={{ loading: creator.isPending }}
        onCancel={() => setCreating(false)}
        okText={t('common.create')}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ is_admin: false, role: 'member' }}>
          <Form.Item
            name="email"
            label={t('workspaces.users.email')}
            rules={[{ required: true, type: 'email', message: t('workspaces.users.emailInvalid') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('workspaces.users.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('workspaces.users.password')}
            rules={[{ required: true, min: 8, message: t('workspaces.users.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="is_admin"
            label={t('workspaces.users.instanceAdmin')}
            valuePropName="checked"
            extra={t('workspaces.users.instanceAdminHint')}
          >
            <Switch />
          </Form.Item>
          <Form.Item label={t('workspaces.users.initialWorkspace')}>
            <Form.Item name="workspace" noStyle>
              <Select
                allowClear
                style={{ width: '65%' }}
                placeholder={t('workspaces.users.noWorkspace')}
                options={(workspaces.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
              />
            </Form.Item>
            <Form.Item name="role" noStyle>
              <Select
                style={{ width: '33%', marginInlineStart: '2%' }}
                options={ROLES.map((r) => ({ value: r, label: t(`common.role.${r}`) }))}
              />
            </Form.Item>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
