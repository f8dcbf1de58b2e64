/**
 * The Analytics filters: period (presets or custom days), time zone, workspace (every workspace for
 * administrators), model, app, scenario, key and segment. Everything is written to the URL by `update`;
 * the pickers offer the groups of the current report.
 */
import { UndoOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import type { AnalyticsGroup, AnalyticsReport } from '../../api/analytics.ts';
import { useWorkspaces } from '../../api/workspaces.ts';
import { useT } from '../../i18n/index.ts';
import { DIRECT_API, MAX_DAYS, RANGE_PRESETS, SEGMENT_KEYS, type AnalyticsView, type FilterKey, type Filters } from './analytics-view.ts';

/** Every zone the browser knows (the instance's first); a short list where the browser cannot say. */
const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Kolkata', 'Europe/London', 'America/New_York', 'UTC'];
  }
})();

type Option = { value: string; label: string };

/** The options of a group picker: the report's groups, and the current value even when the report has no row for it. */
function groupOptions(rows: readonly AnalyticsGroup[], current: string | undefined, label: (g: AnalyticsGroup) => string): Option[] {
  const opts = rows.filter((g) => g.key !== '').map((g) => ({ value: g.key, label: label(g) }));
  if (current && !opts.some((o) => o.value === current)) opts.unshift({ value: current, label: current });
  return opts;
}

export function FiltersBar({
  view,
  update,
  report,
  zone,
  period,
  isAdmin,
}: {
  view: AnalyticsView;
  update: (patch: Partial<AnalyticsView>) => void;
  report: AnalyticsReport | undefined;
  zone: string;
  period: { fromDate: string; toDate: string };
  isAdmin: boolean;
}) {
  const t = useT();
  const workspaces = useWorkspaces();
  const f = view.filters;
  const setFilter = (k: FilterKey, v: string | undefined) => update({ filters: { ...f, [k]: v || undefined } });
  const named = (g: AnalyticsGroup) => (g.name ? `${g.name} (${g.key})` : g.key);

  const options = useMemo(() => {
    const r = report;
    const segment: Option[] = SEGMENT_KEYS.flatMap((k) =>
      (r?.by_segment[k] ?? [])
        .filter((g) => g.key !== '')
        .map((g) => ({ value: `${k}=${g.key}`, label: `${t(`analytics.segment.${k}`)}: ${g.key}` })),
    );
    const currentSegment = SEGMENT_KEYS.find((k) => f[k]);
    if (currentSegment && !segment.some((o) => o.value === `${currentSegment}=${f[currentSegment]}`))
      segment.unshift({
        value: `${currentSegment}=${f[currentSegment]}`,
        label: `${t(`analytics.segment.${currentSegment}`)}: ${f[currentSegment]}`,
      });
    return {
      model: groupOptions(r?.by_model ?? [], f.model, (g) => g.key),
      app: groupOptions(r?.by_app ?? [], f.app, named),
      scenario: groupOptions(r?.by_scenario ?? [], f.scenario, (g) => (g.key === DIRECT_API ? t('analytics.directApi') : named(g))),
      key: groupOptions(r?.by_key ?? [], f.key, named),
      segment,
      segmentValue: currentSegment ? `${currentSegment}=${f[currentSegment]}` : undefined,
    };
  }, [report, f, t]);

  const setSegment = (v: string | undefined) => {
    const next: Filters = { ...f, industry: undefined, region: undefined, user_group: undefined };
    const at = v ? v.indexOf('=') : -1;
    if (v && at > 0) next[v.slice(0, at) as FilterKey] = v.slice(at + 1);
    update({ filters: next });
  };

  const picker = (k: 'model' | 'app' | 'scenario' | 'key', width: number) => (
    <Select
      data-testid={`analytics-filter-${k}`}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t(`analytics.filter.${k}`)}
      style={{ width }}
      value={f[k]}
      onChange={(v?: string) => setFilter(k, v)}
      options={options[k]}
    />
  );

  return (
    <Flex wrap gap={8} align="center" data-testid="analytics-filters">
      <Segmented<string>
        data-testid="analytics-range"
        value={view.range}
        onChange={(v) =>
          update(v === 'custom' ? { range: 'custom', from: period.fromDate, to: period.toDate } : { range: v as AnalyticsView['range'] })
        }
        options={RANGE_PRESETS.map((r) => ({
          value: r,
          label: <span data-testid={`analytics-range-${r}`}>{t(`analytics.range.${r}`)}</span>,
        }))}
      />
      {view.range === 'custom' ? (
        <DatePicker.RangePicker
          data-testid="analytics-custom-range"
          allowClear={false}
          value={[dayjs(period.fromDate), dayjs(period.toDate)]}
          disabledDate={(d, info) => Boolean(info.from && Math.abs(d.diff(info.from, 'day')) >= MAX_DAYS)}
          onChange={(v) => {
            if (v?.[0] && v[1]) update({ range: 'custom', from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
          }}
        />
      ) : null}
      <Select
        data-testid="analytics-tz"
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        value={view.tz ?? ''}
        onChange={(v: string) => update({ tz: v || undefined })}
        options={[{ value: '', label: t('analytics.tz.instance', { zone }) }, ...ZONES.map((z) => ({ value: z, label: z }))]}
      />
      {isAdmin || (workspaces.data?.length ?? 0) > 1 ? (
        <Select
          data-testid="analytics-workspace"
          allowClear={isAdmin}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
          placeholder={t('analytics.filter.allWorkspaces')}
          value={view.workspace}
          onChange={(v?: string) => update({ workspace: v || undefined, filters: { ...f, app: undefined, key: undefined } })}
          loading={workspaces.isLoading}
          options={(workspaces.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
        />
      ) : null}
      {picker('model', 160)}
      {picker('scenario', 160)}
      {picker('app', 160)}
      {picker('key', 160)}
      <Select
        data-testid="analytics-filter-segment"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('analytics.filter.segment')}
        style={{ width: 190 }}
        value={options.segmentValue}
        onChange={(v?: string) => setSegment(v)}
        options={options.segment}
      />
      <Button icon={<UndoOutlined />} data-testid="analytics-reset" onClick={() => update({ filters: {} })}>
        {t('analytics.filter.reset')}
      </Button>
    </Flex>
  );
}
