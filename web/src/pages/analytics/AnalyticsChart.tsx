/**
 * The Analytics pages' ECharts entry: the overview's pieces (lines, bars) plus the heatmap and its
 * visual map, registered here so that only this lazily loaded page pays for them. Clicks on a data
 * item reach `onItemClick` (the drill-down); `data-rendered` is true once ECharts has drawn the current option.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, HeatmapChart, LineChart, type BarSeriesOption, type HeatmapSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo, useState, type HTMLAttributes } from 'react';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, CanvasRenderer]);

export type AnalyticsChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

/** What a click on a data item reports (the fields of ECharts' event the pages use). */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
  name: string;
}

export function AnalyticsChart({
  option,
  height = 260,
  testId,
  onItemClick,
  attrs,
}: {
  option: AnalyticsChartOption;
  height?: number;
  testId: string;
  onItemClick?: (e: ChartClick) => void;
  /** Extra `data-*` attributes of the wrapper (what the chart shows, for tests and tools). */
  attrs?: Record<`data-${string}`, string | number>;
}) {
  // The option ECharts last finished drawing (animations included): `data-rendered` is true only for the current one.
  const [finishedFor, setFinishedFor] = useState<AnalyticsChartOption | null>(null);
  const rendered = finishedFor === option;
  const onEvents = useMemo(
    () => ({
      finished: () => setFinishedFor(option),
      ...(onItemClick
        ? {
            click: (e: { componentType?: string; dataIndex?: number; seriesIndex?: number; name?: string }) => {
              if (e.componentType === 'series' && typeof e.dataIndex === 'number')
                onItemClick({ dataIndex: e.dataIndex, seriesIndex: e.seriesIndex ?? 0, name: e.name ?? '' });
            },
          }
        : {}),
    }),
    [option, onItemClick],
  );
  const wrapper: HTMLAttributes<HTMLDivElement> & Record<string, unknown> = {
    'data-testid': testId,
    'data-rendered': rendered ? 'true' : 'false',
    ...attrs,
  };
  return (
    <div {...wrapper} style={onItemClick ? { cursor: 'pointer' } : undefined}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge lazyUpdate onEvents={onEvents} style={{ height, width: '100%' }} />
    </div>
  );
}
