/**
 * Who uses it and through what: the scenario distribution (a bar opens its logs), the segment
 * distributions (industry, region, user group; a bar filters the page to that segment), and the apps
 * and keys (a row opens their logs).
 */
import { Card, Col, Row, Table, type TableColumnsType } from 'antd';
import { useCallback, useMemo, type HTMLAttributes } from 'react';
import type { AnalyticsGroup, AnalyticsReport } from '../../api/analytics.ts';
import { useT } from '../../i18n/index.ts';
import { DIRECT_API, SEGMENT_KEYS, type SegmentKey } from './analytics-view.ts';
import { fmtCny, fmtCompact, fmtDuration, fmtInt } from './format.ts';
import { GroupBars } from './GroupBars.tsx';

function GroupTable({
  rows,
  testId,
  title,
  onRow,
}: {
  rows: readonly AnalyticsGroup[];
  testId: string;
  title: string;
  onRow: (g: AnalyticsGroup) => void;
}) {
  const t = useT();
  const columns: TableColumnsType<AnalyticsGroup> = [
    { title, key: 'name', ellipsis: true, render: (_: unknown, g) => g.name ?? (g.key || t('analytics.none')) },
    { title: t('analytics.col.requests'), dataIndex: 'requests', align: 'right', width: 90, render: (v: number) => fmtInt(v) },
    { title: t('analytics.col.users'), dataIndex: 'users', align: 'right', width: 80, render: (v: number) => fmtInt(v) },
    { title: t('analytics.col.sessions'), dataIndex: 'sessions', align: 'right', width: 80, render: (v: number) => fmtInt(v) },
    {
      title: t('analytics.col.dwell'),
      dataIndex: 'avg_dwell_seconds',
      align: 'right',
      width: 110,
      render: (v: number | null) => fmtDuration(v),
    },
    { title: t('analytics.col.tokens'), dataIndex: 'tokens', align: 'right', width: 90, render: (v: number) => fmtCompact(v) },
    { title: t('analytics.col.cost'), dataIndex: 'cost', align: 'right', width: 100, render: (v: number) => fmtCny(v) },
  ];
  return (
    <Table<AnalyticsGroup>
      data-testid={testId}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
      onRow={(g) =>
        ({
          onClick: () => g.key && onRow(g),
          style: { cursor: g.key ? 'pointer' : undefined },
          'data-testid': `${testId}-row`,
        }) as HTMLAttributes<HTMLElement>
      }
      locale={{ emptyText: t('analytics.empty') }}
    />
  );
}

export function ScenariosTab({
  report,
  onDrill,
  onSegment,
}: {
  report: AnalyticsReport;
  onDrill: (target: { scenario?: string; app?: string; key?: string }) => void;
  onSegment: (attribute: SegmentKey, value: string) => void;
}) {
  const t = useT();
  const scenarioName = useCallback((g: AnalyticsGroup) => (g.key === DIRECT_API ? t('analytics.directApi') : (g.name ?? g.key)), [t]);
  const plain = useCallback((g: AnalyticsGroup) => g.name ?? (g.key || t('analytics.none')), [t]);
  const segments = useMemo(() => SEGMENT_KEYS.map((k) => ({ key: k, rows: report.by_segment[k] })), [report.by_segment]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.scenarios.title')} extra={t('analytics.drillHint')}>
          <GroupBars
            rows={report.by_scenario}
            testId="analytics-chart-scenarios"
            nameOf={scenarioName}
            onGroup={(g) => onDrill({ scenario: g.key })}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.segments.title')} extra={t('analytics.segments.hint')}>
          <Row gutter={[12, 12]}>
            {segments.map((s) => (
              <Col key={s.key} xs={24}>
                <div style={{ fontWeight: 500, marginBottom: 4 }}>{t(`analytics.segment.${s.key}`)}</div>
                <GroupBars
                  rows={s.rows.filter((g) => g.key !== '')}
                  testId={`analytics-chart-segment-${s.key}`}
                  nameOf={plain}
                  onGroup={(g) => onSegment(s.key, g.key)}
                />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.apps.title')} extra={t('analytics.drillHint')}>
          <GroupTable
            rows={report.by_app}
            testId="analytics-apps-table"
            title={t('analytics.col.app')}
            onRow={(g) => onDrill({ app: g.key })}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('analytics.keys.title')} extra={t('analytics.drillHint')}>
          <GroupTable
            rows={report.by_key}
            testId="analytics-keys-table"
            title={t('analytics.col.key')}
            onRow={(g) => onDrill({ key: g.key })}
          />
        </Card>
      </Col>
    </Row>
  );
}
