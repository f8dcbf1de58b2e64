/**
 * What people use each model for (the traffic studies' interest cloud): the top tasks, the interests
 * of each model's and each segment's audience as 100 % stacked bars, and how interests shift over the
 * period. Shown when topic classification has labelled requests in the period.
 */
import { Card, Col, Empty, Row, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { AnalyticsReport, ReportTopics } from '../../api/analytics.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { AnalyticsChart, type AnalyticsChartOption } from './AnalyticsChart.tsx';
import { SEGMENT_KEYS, type SegmentKey } from './analytics-view.ts';
import { bucketLabel, fmtCny, fmtInt } from './format.ts';

type GroupShares = ReportTopics['by_model'][number];

const PALETTE = ['#1677ff', '#13c2c2', '#52c41a', '#fadb14', '#fa8c16', '#f5222d', '#eb2f96', '#722ed1', '#2f54eb', '#a0d911'];
/** Labels drawn in their own colour; the rest are summed into one grey "more" band. */
const TOP_LABELS = 8;
const pct = (share: number) => Math.round(share * 1000) / 10;

/** 100 % stacked bars of label shares per group (a model or a segment value), first group on top. */
function stackedOption(groups: readonly GroupShares[], labels: readonly string[], nameOf: (id: string) => string, more: string) {
  const rest = (g: GroupShares) => g.shares.filter((s) => !labels.includes(s.label)).reduce((a, s) => a + s.share, 0);
  return {
    color: [...PALETTE.slice(0, labels.length), '#bfbfbf'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)}%` },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: groups.map((g) => g.group || '—'), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      ...labels.map((id) => ({
        name: nameOf(id),
        type: 'bar' as const,
        stack: 'share',
        barMaxWidth: 22,
        data: groups.map((g) => pct(g.shares.find((s) => s.label === id)?.share ?? 0)),
      })),
      { name: more, type: 'bar' as const, stack: 'share', barMaxWidth: 22, data: groups.map((g) => pct(rest(g))) },
    ],
  } as AnalyticsChartOption;
}

export function TopicsTab({ report, days, onModel }: { report: AnalyticsReport; days: number; onModel: (model: string) => void }) {
  const t = useT();
  const { lang } = useLang();
  const topics = report.topics;
  const [segment, setSegment] = useState<SegmentKey>('industry');
  const charts = useMemo(() => {
    if (!topics) return null;
    const names = new Map(topics.labels.map((l) => [l.id, lang === 'zh-CN' ? l.zh : l.en]));
    const nameOf = (id: string) => names.get(id) ?? id;
    const labels = topics.top.slice(0, TOP_LABELS).map((s) => s.label);
    const more = t('analytics.topics.more');
    const top: AnalyticsChartOption = {
      color: ['#722ed1'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: topics.top.map((s) => nameOf(s.label)) },
      series: [
        {
          name: t('analytics.topics.share'),
          type: 'bar',
          data: topics.top.map((s) => pct(s.share)),
          barMaxWidth: 20,
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    } as AnalyticsChartOption;
    const shift: AnalyticsChartOption = {
      color: [...PALETTE.slice(0, labels.length)],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}%` },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: topics.over_time.map((g) => bucketLabel(g.group, report.series.grain, days <= 1)),
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: labels.map((id) => ({
        name: nameOf(id),
        type: 'line',
        stack: 'share',
        areaStyle: {},
        showSymbol: false,
        data: topics.over_time.map((g) => pct(g.shares.find((s) => s.label === id)?.share ?? 0)),
      })),
    } as AnalyticsChartOption;
    return {
      top,
      shift,
      byModel: stackedOption(topics.by_model, labels, nameOf, more),
      bySegment: stackedOption(topics.by_segment[segment], labels, nameOf, more),
    };
  }, [topics, lang, t, segment, report.series.grain, days]);

  if (!topics || !charts)
    return <Empty data-testid="analytics-topics-off" description={t('analytics.topics.off')} style={{ padding: 32 }} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="analytics-topics">
      <Typography.Text type="secondary" data-testid="analytics-topics-summary">
        {t('analytics.topics.summary', {
          n: fmtInt(topics.classified),
          rate: `${Math.round(topics.sample_rate * 1000) / 10}%`,
          cost: fmtCny(topics.classifier_cost),
        })}
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('analytics.topics.topTitle')}>
            <AnalyticsChart option={charts.top} height={Math.max(160, 24 + topics.top.length * 28)} testId="analytics-chart-topics-top" />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('analytics.topics.byModelTitle')} extra={t('analytics.drillHint')}>
            <AnalyticsChart
              option={charts.byModel}
              height={Math.max(160, 60 + topics.by_model.length * 34)}
              testId="analytics-chart-topics-models"
              onItemClick={(e) => topics.by_model[e.dataIndex]?.group && onModel(topics.by_model[e.dataIndex]!.group)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={t('analytics.topics.bySegmentTitle')}
            extra={
              <Segmented<SegmentKey>
                size="small"
                value={segment}
                onChange={setSegment}
                options={SEGMENT_KEYS.map((k) => ({ value: k, label: t(`analytics.segment.${k}`) }))}
              />
            }
          >
            {topics.by_segment[segment].length ? (
              <AnalyticsChart
                option={charts.bySegment}
                height={Math.max(160, 60 + topics.by_segment[segment].length * 34)}
                testId="analytics-chart-topics-segments"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.empty')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('analytics.topics.shiftTitle')}>
            <AnalyticsChart option={charts.shift} height={260} testId="analytics-chart-topics-shift" />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
