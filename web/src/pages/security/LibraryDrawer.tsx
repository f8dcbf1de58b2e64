/** One library's terms: search, cursor paging, add pasted terms, delete the selected ones. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAddTerms, useDeleteTerms, useLibraryTerms, type Library, type LibraryTerm } from '../../api/moderation.ts';
import { useT } from '../../i18n';
import { errorText } from './hooks';
import { RiskSelect } from './RiskSelect';
import { RiskTag } from './RiskTag';
import { errorLines, lineCount, withDefaultRisk } from './termsText';

export function LibraryDrawer({ library, editable, onClose }: { library: Library | null; editable: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const id = library?.id ?? null;
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [risk, setRisk] = useState<string | undefined>();
  const terms = useLibraryTerms(id, q);
  const rows = useMemo<LibraryTerm[]>(() => terms.data?.pages.flatMap((p) => p.data) ?? [], [terms.data]);

  // Another library: start from an empty search, selection and text (React's "adjust state on a prop change").
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setQ('');
    setSelected([]);
    setText('');
  }

  const add = useAddTerms(id);
  const remove = useDeleteTerms(id);
  const onAdd = () =>
    add.mutate(
      { text: withDefaultRisk(text, risk) },
      {
        onSuccess: (r) => {
          const errors = errorLines(r.errors);
          message.success(t('security.lib.added', { added: r.added, skipped: r.skipped }));
          if (errors.length) message.warning(t('security.lib.lineErrors', { n: errors.length, first: errors[0]! }));
          setText('');
        },
      },
    );
  const onRemove = () =>
    remove.mutate(selected, {
      onSuccess: (_r, list) => {
        message.success(t('security.lib.deletedTerms', { n: list.length }));
        setSelected([]);
      },
      onError: (e) => message.error(t('common.error', { message: errorText(e) })),
    });

  return (
    <Drawer
      open={Boolean(library)}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={library ? t('security.lib.drawerTitle', { name: library.name, n: library.term_count }) : ''}
    >
      <div data-testid="library-drawer">
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {!editable ? <Alert type="info" showIcon title={t('security.lib.readOnly')} /> : null}
          <Input.TextArea
            disabled={!editable}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('security.lib.addPlaceholder')}
            style={{ fontFamily: 'monospace' }}
            data-testid="library-add-text"
          />
          <Flex gap={8} wrap align="center">
            <RiskSelect value={risk} onChange={setRisk} testId="library-add-risk" />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!editable || !text.trim()}
              loading={add.isPending}
              onClick={onAdd}
              data-testid="library-add"
            >
              {lineCount(text) ? t('security.lib.add', { n: lineCount(text) }) : t('security.lib.addNone')}
            </Button>
          </Flex>
          {add.isError ? <Alert type="error" showIcon title={errorText(add.error)} /> : null}
          <Flex justify="space-between" gap={8} wrap>
            <Input.Search
              allowClear
              placeholder={t('security.lib.search')}
              onSearch={(v) => setQ(v.trim())}
              style={{ maxWidth: 300 }}
              data-testid="library-search"
            />
            <Popconfirm
              title={t('security.lib.deleteTermsConfirm', { n: selected.length })}
              onConfirm={onRemove}
              disabled={!editable || !selected.length}
            >
              <Button
                danger
                icon={<DeleteOutlined />}
                disabled={!editable || !selected.length}
                loading={remove.isPending}
                data-testid="library-delete-terms"
              >
                {t('security.lib.deleteTerms', { n: selected.length })}
              </Button>
            </Popconfirm>
          </Flex>
          {terms.isError ? <Alert type="error" showIcon title={errorText(terms.error)} /> : null}
          <Table<LibraryTerm>
            data-testid="library-terms"
            size="small"
            rowKey="term"
            loading={terms.isLoading}
            dataSource={rows}
            pagination={false}
            rowSelection={editable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
            columns={[
              { title: t('security.lib.term'), dataIndex: 'term', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
              { title: t('security.lib.risk'), dataIndex: 'risk', width: 320, render: (r: string) => <RiskTag risk={r} /> },
            ]}
            locale={{ emptyText: q ? t('security.lib.noMatch') : t('security.lib.noTerms') }}
          />
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary" data-testid="library-terms-count">
              {t('security.lib.loaded', { n: rows.length })}
            </Typography.Text>
            {terms.hasNextPage ? (
              <Button onClick={() => void terms.fetchNextPage()} loading={terms.isFetchingNextPage} data-testid="library-terms-more">
                {t('security.loadMore')}
              </Button>
            ) : null}
          </Flex>
        </Space>
      </div>
    </Drawer>
  );
}
