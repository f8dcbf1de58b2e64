/**
 * Attaches a base to a model alias managed in the console: its name joins the alias's `knowledge`
 * list, and every answer of that alias is grounded in the base (with citations). Aliases defined in
 * baimo.yaml are changed there.
 */
import { App, Button, Flex, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useAliasKnowledge, type KnowledgeBase } from '../../api/knowledge.ts';
import { useAliases, type Alias } from '../../api/models.ts';
import { useT } from '../../i18n/index.ts';

/** Knowledge bases one alias may name (KB_LIMITS.basesPerRequest). */
const MAX_BASES = 8;

export function AttachAliasModal({ open, kb, onClose }: { open: boolean; kb: KnowledgeBase; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const aliases = useAliases();
  const change = useAliasKnowledge();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const all = aliases.data ?? [];
  const attached = all.filter((a) => a.knowledge?.includes(kb.name));
  const candidates = all.filter((a) => !a.knowledge?.includes(kb.name));

  const apply = async (alias: Alias, attach: boolean) => {
    try {
      await change.mutateAsync({ alias, kb: kb.name, attach });
      message.success(t(attach ? 'knowledge.attach.done' : 'knowledge.attach.detached', { alias: alias.name, name: kb.name }));
      if (attach) setPicked(undefined);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    }
  };
  const pickedAlias = candidates.find((a) => a.name === picked);

  return (
    <Modal open={open} title={t('knowledge.attach.title', { name: kb.name })} onCancel={onClose} footer={null} width={640} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('knowledge.attach.hint')}</Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 16 }}>
        <Select
          data-testid="kb-attach-alias"
          style={{ flex: 1 }}
          value={picked}
          onChange={setPicked}
          loading={aliases.isLoading}
          placeholder={t('knowledge.attach.pick')}
          showSearch={{ optionFilterProp: 'label' }}
          options={candidates.map((a) => ({
            value: a.name,
            label: a.name,
            disabled: a.source === 'file' || (a.knowledge?.length ?? 0) >= MAX_BASES,
            title: a.source === 'file' ? t('knowledge.attach.fileAlias') : undefined,
          }))}
        />
        <Button
          type="primary"
          disabled={!pickedAlias}
          loading={change.isPending && change.variables?.attach === true}
          onClick={() => pickedAlias && void apply(pickedAlias, true)}
          data-testid="kb-attach-submit"
        >
          {t('knowledge.attach.submit')}
        </Button>
      </Flex>
      <Typography.Text strong>{t('knowledge.attach.current')}</Typography.Text>
      <Table<Alias>
        data-testid="kb-attached-aliases"
        rowKey="name"
        size="small"
        style={{ marginTop: 8 }}
        dataSource={attached}
        pagination={false}
        locale={{ emptyText: t('knowledge.attach.none') }}
        columns={[
          { title: t('knowledge.attach.alias'), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: t('knowledge.attach.bases'),
            dataIndex: 'knowledge',
            render: (k: string[] | undefined) =>
              (k ?? []).map((b) => (
                <Tag key={b} color={b === kb.name ? 'blue' : undefined}>
                  {b}
                </Tag>
              )),
          },
          {
            title: '',
            key: 'detach',
            width: 110,
            render: (_: unknown, a) =>
              a.source === 'file' ? (
                <Tooltip title={t('knowledge.attach.fileAlias')}>
                  <Tag>baimo.yaml</Tag>
                </Tooltip>
              ) : (
                <Button size="small" danger onClick={() => void apply(a, false)} data-testid={`kb-detach-${a.name}`}>
                  {t('knowledge.attach.detach')}
                </Button>
              ),
          },
        ]}
      />
    </Modal>
  );
}
