/**
 * MCQ accuracy per subject group and per subject as heat-coloured grids: a row per group (or subject),
 * a column per model, each cell its accuracy (and item count on hover).
 */
import { Empty, Segmented, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { GroupScore, ModelResult } from '../../api/eval.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { fmtPct, heat } from './format.ts';

interface Row {
  id: string;
  name: string;
  cells: Record<string, GroupScore | undefined>;
}

function grid(results: readonly ModelResult[], kind: 'groups' | 'subjects', zh: boolean): Row[] {
  const rows = new Map<string, Row>();
  for (const r of results)
    for (const g of r[kind] ?? []) {
      let row = rows.get(g.id);
      if (!row) {
        row = { id: g.id, name: g.name ? (zh ? g.name.zh : g.name.en) : g.id, cells: {} };
        rows.set(g.id, row);
      }
      row.cells[r.model] = g;
    }
  return [...rows.values()];
}

export function SubjectScores({ results }: { results: readonly ModelResult[] }) {
  const t = useT();
  const { lang } = useLang();
  const [kind, setKind] = useState<'groups' | 'subjects'>('groups');
  const rows = useMemo(() => grid(results, kind, lang === 'zh-CN'), [results, kind, lang]);
  const columns: TableColumnsType<Row> = [
    {
      title: kind === 'groups' ? t('eval.subjects.group') : t('eval.subjects.subject'),
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      render: (name: string, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{name}</Typography.Text>
          {name !== r.id ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.id}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...results.map((m) => ({
      title: m.model,
      key: m.model,
      align: 'center' as const,
      width: 120,
      onCell: (r: Row) => ({ style: { background: heat(r.cells[m.model]?.score) } }),
      render: (_: unknown, r: Row) => {
        const g = r.cells[m.model];
        return g ? (
          <Tooltip title={t('eval.subjects.items', { n: g.items })}>
            <span data-testid={`eval-subject-${r.id}-${m.model}`}>{fmtPct(g.score)}</span>
          </Tooltip>
        ) : (
          '—'
        );
      },
    })),
  ];
  return (
    <div data-testid="eval-subjects">
      <Segmented
        value={kind}
        onChange={(v) => setKind(v as 'groups' | 'subjects')}
        options={[
          { value: 'groups', label: t('eval.subjects.byGroup') },
          { value: 'subjects', label: t('eval.subjects.bySubject') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {rows.length ? (
        <Table<Row>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={rows}
          pagination={rows.length > 30 ? { pageSize: 30 } : false}
          scroll={{ x: 220 + results.length * 120 }}
        />
      ) : (
        <Empty description={t('eval.subjects.empty')} />
      )}
    </div>
  );
}
