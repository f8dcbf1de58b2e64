/**
 * Analytics (用量分析): who uses which model for what, when, and how long they stay. Filters and the
 * tab live in the URL (a view can be shared); charts and rows drill down to the request logs; the
 * report's tables download as CSV.
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Skeleton, Space, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { downloadAnalyticsCsv, useAnalyticsReport, type AnalyticsReport } from '../../api/analytics.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { ActivityCharts } from './ActivityCharts.tsx';
import type { SegmentKey, Tab } from './analytics-view.ts';
import { bucketRange, drillPath, type DrillTarget } from './drill.ts';
import { fmtInt } from './format.ts';
import { FiltersBar } from './FiltersBar.tsx';
import { KpiCards } from './KpiCards.tsx';
import { ModelComparison } from './ModelComparison.tsx';
import { ReportDownload } from './ReportDownload.tsx';
import { ScenariosTab } from './ScenariosTab.tsx';
import { SeriesCharts } from './SeriesCharts.tsx';
import { TaxonomyTab } from './TaxonomyTab.tsx';
import { TopicsTab } from './TopicsTab.tsx';
import { useAnalyticsView } from './useAnalyticsView.ts';

export default function AnalyticsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { view, update, zone, period, query, learnZone, isAdmin } = useAnalyticsView();
  const q = useAnalyticsReport(query);
  const report = q.data;
  const [exporting, setExporting] = useState(false);

  // A view without a zone is read in the instance's: the report says which that is.
  useEffect(() => {
    if (report) learnZone(report.period.time_zone);
  }, [report, learnZone]);

  const drill = useCallback(
    (target: DrillTarget) => {
      if (report) navigate(drillPath({ period: report.period, workspace: view.workspace, filters: view.filters }, target));
    },
    [report, navigate, view.workspace, view.filters],
  );
  const onBucket = useCallback(
    (i: number) => {
      const range = report && bucketRange(report.series.points, i, report.period.to);
      if (range) drill(range);
    },
    [report, drill],
  );
  const onModel = useCallback((model: string) => drill({ model }), [drill]);
  const onSegment = useCallback(
    (attribute: SegmentKey, value: string) =>
      update({ filters: { ...view.filters, industry: undefined, region: undefined, user_group: undefined, [attribute]: value } }),
    [update, view.filters],
  );

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadAnalyticsCsv(query, lang === 'zh-CN' ? 'zh' : 'en', `baimo-analytics-${period.fromDate}-${period.toDate}.csv`);
    } catch (e) {
      message.error(t('common.error', { message: (e as Error).message }));
    } finally {
      setExporting(false);
    }
  };

  const tab = (key: Tab, label: string, render: (r: AnalyticsReport) => ReactNode) => ({
    key,
    label: <span data-testid={`analytics-tab-${key}`}>{label}</span>,
    children: report ? render(report) : <Skeleton active paragraph={{ rows: 8 }} />,
  });
  const tabs = [
    tab('overview', t('analytics.tab.overview'), (r) => (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <KpiCards totals={r.totals} />
        {r.totals.requests === 0 && r.totals.page_views === 0 ? (
          <Empty description={t('analytics.emptyPeriod')} data-testid="analytics-empty" />
        ) : null}
        <SeriesCharts report={r} grain={view.grain} days={period.days} onGrain={(grain) => update({ grain })} onBucket={onBucket} />
        <ActivityCharts report={r} />
      </Space>
    )),
    tab('models', t('analytics.tab.models'), (r) => <ModelComparison rows={r.by_model} onModel={onModel} />),
    tab('scenarios', t('analytics.tab.scenarios'), (r) => <ScenariosTab report={r} onDrill={drill} onSegment={onSegment} />),
    tab('topics', t('analytics.tab.topics'), (r) => <TopicsTab report={r} days={period.days} onModel={onModel} />),
    ...(isAdmin
      ? [
          {
            key: 'taxonomy',
            label: <span data-testid="analytics-tab-taxonomy">{t('analytics.tab.taxonomy')}</span>,
            children: <TaxonomyTab workspaceId={view.workspace} />,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="analytics-page">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('analytics.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('analytics.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} loading={q.isFetching} data-testid="analytics-refresh">
            {t('analytics.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} loading={exporting} data-testid="analytics-export-csv">
            {t('analytics.exportCsv')}
          </Button>
          <ReportDownload query={query} />
        </Space>
      </Flex>
      <Card size="small" style={{ marginBottom: 12 }}>
        <FiltersBar view={view} update={update} report={report} zone={zone} period={period} isAdmin={isAdmin} />
      </Card>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 12 }} data-testid="analytics-period">
        {t('analytics.period', {
          from: period.fromDate,
          to: period.toDate,
          zone: report?.period.time_zone ?? zone,
          rows: report ? fmtInt(report.rows) : '…',
        })}
      </Typography.Text>
      {q.isError ? (
        <Alert
          type="error"
          showIcon
          data-testid="analytics-error"
          title={t('analytics.loadError')}
          description={q.error instanceof Error ? q.error.message : String(q.error)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Tabs activeKey={view.tab} onChange={(k) => update({ tab: k as Tab })} items={tabs} destroyOnHidden />
    </div>
  );
}
