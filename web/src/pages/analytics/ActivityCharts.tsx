/** When people use it: requests at every minute of the day (1,440 buckets) and a day-of-week × hour heatmap. */
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import type { AnalyticsReport } from '../../api/analytics.ts';
import { useT, type TFunction } from '../../i18n/index.ts';
import { AnalyticsChart, type AnalyticsChartOption } from './AnalyticsChart.tsx';
import { fmtInt, minuteLabel } from './format.ts';

const MINUTES = Array.from({ length: 1440 }, (_, m) => minuteLabel(m));
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minuteOption(counts: readonly number[], t: TFunction): AnalyticsChartOption {
  return {
    color: ['#1677ff'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: MINUTES,
      // One label per hour, on the hour.
      axisLabel: { interval: (i: number) => i % 120 === 0 },
      axisTick: { interval: (i: number) => i % 60 === 0 },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [{ name: t('analytics.series.requests'), type: 'bar', data: [...counts], barCategoryGap: 0, large: true }],
  } as AnalyticsChartOption;
}

function heatmapOption(rows: readonly (readonly number[])[], t: TFunction): AnalyticsChartOption {
  const data: Array<[number, number, number]> = [];
  let max = 0;
  rows.forEach((hours, d) =>
    hours.forEach((n, h) => {
      data.push([h, d, n]);
      max = Math.max(max, n);
    }),
  );
  return {
    tooltip: {
      position: 'top',
      formatter: (p: unknown) => {
        const [h, d, n] = (p as { value: [number, number, number] }).value;
        return `${t(`analytics.weekday.${WEEKDAYS[d]!}`)} ${HOURS[h]}:00 · ${fmtInt(n)}`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: HOURS, splitArea: { show: true } },
    // Monday on top.
    yAxis: { type: 'category', data: WEEKDAYS.map((d) => t(`analytics.weekday.${d}`)), inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, max),
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f0f5ff', '#597ef7', '#10239e'] },
    },
    series: [
      { name: t('analytics.series.requests'), type: 'heatmap', data, emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } } },
    ],
  } as AnalyticsChartOption;
}

export function ActivityCharts({ report }: { report: AnalyticsReport }) {
  const t = useT();
  const minute = useMemo(() => minuteOption(report.minute_of_day, t), [report.minute_of_day, t]);
  const heat = useMemo(() => heatmapOption(report.heatmap, t), [report.heatmap, t]);
  const total = report.minute_of_day.reduce((a, b) => a + b, 0);
  const busiest = report.minute_of_day.reduce((best, n, m, all) => (n > all[best]! ? m : best), 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={14}>
        <Card
          size="small"
          title={t('analytics.activity.minuteTitle')}
          extra={
            total > 0 ? t('analytics.activity.busiest', { time: minuteLabel(busiest), n: fmtInt(report.minute_of_day[busiest]) }) : null
          }
        >
          <AnalyticsChart
            option={minute}
            height={260}
            testId="analytics-chart-minute"
            attrs={{ 'data-buckets': report.minute_of_day.length, 'data-total': total }}
          />
        </Card>
      </Col>
      <Col xs={24} xxl={10}>
        <Card size="small" title={t('analytics.activity.heatmapTitle')}>
          <AnalyticsChart
            option={heat}
            height={260}
            testId="analytics-chart-heatmap"
            attrs={{ 'data-total': report.heatmap.flat().reduce((a, b) => a + b, 0) }}
          />
        </Card>
      </Col>
    </Row>
  );
}
