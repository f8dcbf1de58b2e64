import { App, Button, Drawer, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import type { Role } from '../../api/auth.ts';
import { ROLES, useMembers, useRemoveMember, useSetMemberRole, useUsers, type Member, type Workspace } from '../../api/workspaces.ts';
import { useT } from '../../i18n/index.ts';

/** Members of one workspace: add a user, change roles, remove. */
export default function MembersDrawer({ workspace, onClose }: { workspace: Workspace | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const id = workspace?.id ?? '';
  const members = useMembers(id, !!workspace);
  const users = useUsers(!!workspace);
  const setter = useSetMemberRole(id);
  const remover = useRemoveMember(id);
  const [adding, setAdding] = useState<{ userId?: string; role: Role }>({ role: 'member' });

  const setRole = async (userId: string, role: Role) => {
    try {
      await setter.mutateAsync({ userId, role });
      message.success(t('workspaces.members.saved'));
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const remove = async (userId: string) => {
    try {
      await remover.mutateAsync(userId);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const memberIds = new Set((members.data ?? []).map((m) => m.user_id));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`common.role.${r}`) }));

  return (
    <Drawer open={!!workspace} onClose={onClose} size={640} title={t('workspaces.members.title', { name: workspace?.name ?? '' })}>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: '60%' }}
          placeholder={t('workspaces.members.pickUser')}
          value={adding.userId}
          onChange={(userId: string) => setAdding((a) => ({ ...a, userId }))}
          options={(users.data ?? []).filter((u) => !memberIds.has(u.id)).map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` }))}
        />
        <Select
          style={{ width: '20%' }}
          value={adding.role}
          onChange={(role: Role) => setAdding((a) => ({ ...a, role }))}
          options={roleOptions}
        />
        <Button
          type="primary"
          style={{ width: '20%' }}
          disabled={!adding.userId}
          onClick={() => adding.userId && void setRole(adding.userId, adding.role).then(() => setAdding({ role: 'member' }))}
        >
          {t('workspaces.members.add')}
        </Button>
      </Space.Compact>
      <Table<Member>
        rowKey="user_id"
        size="small"
        loading={members.isLoading}
        dataSource={members.data ?? []}
        pagination={false}
        columns={[
          { title: t('workspaces.users.name'), dataIndex: 'name' },
          { title: t('workspaces.users.email'), dataIndex: 'email' },
          {
            title: t('workspaces.role'),
            dataIndex: 'role',
            width: 120,
            render: (role: Role, m) => (
              <Select
                size="small"
                value={role}
                style={{ width: 100 }}
                options={roleOptions}
                onChange={(r: Role) => void setRole(m.user_id, r)}
              />
            ),
          },
          {
            title: t('common.actions'),
            width: 80,
            render: (_, m) => (
              <Popconfirm
                title={t('workspaces.members.removeConfirm', { name: m.name })}
                onConfirm={() => remove(m.user_id)}
                okButtonProps={{ danger: true }}
              >
                <Button type="link" danger size="small">
                  {t('workspaces.members.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
