import type { RollupDimension } from './analytics-store.js';
import { reportLabels, type ReportLabels } from './report-labels.js';

/** The languages of the usage report (HTML, PDF): zh (zh-CN, the default) and en. */
export type UsageReportLang = 'zh' | 'en';

/** The sections of the report, in order: each is a `<section data-section="…">`. */
export const REPORT_SECTIONS = ['summary', 'who', 'what', 'when', 'how-much', 'models'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The words of the usage report, one set per language. */
export interface UsageReportStrings {
  htmlLang: string;
  title: string;
  subtitle(from: string, to: string, zone: string): string;
  sections: Record<ReportSection, string>;
  intro: Record<ReportSection, string>;
  facts: ReportLabels['facts'] & { heading: string; period: string; allWorkspaces: string; filters: string; grain: string };
  /** Under every chart and table: its period, zone, filters and row count. */
  caption(period: string, zone: string, filters: string, rows: string): string;
  metric: ReportLabels['metric'] & {
    turns: string;
    dwell: string;
    tokens: string;
    inputTokens: string;
    outputTokens: string;
    costPerSession: string;
    latency: string;
    p50: string;
    p95: string;
    p99: string;
    ttft: string;
    tps: string;
  };
  dims: Record<RollupDimension, string>;
  directApi: string;
  noValue: string;
  empty: string;
  topThree: string;
  topThreeNone: string;
  segmentsHeading: string;
  workspacesHeading: string;
  keysHeading: string;
  scenariosHeading: string;
  topics: {
    heading: string;
    top: string;
    cloud: string;
    segments: string;
    shift: string;
    bucket: string;
    classifiedCol: string;
    off: string;
    classified(n: string, rate: string): string;
    classifierCost(cost: string): string;
  };
  minuteOfDay: { heading: string; peak(time: string, n: string): string; axis: string };
  heatmap: { heading: string; days: readonly string[]; hour: string };
  series: { heading: string; grains: Record<string, string>; title(grain: string, metric: string): string };
  latencyHeading: string;
  qualityHeading: string;
  byModelHeading: string;
  byProviderHeading: string;
  holdHeading: string;
  holdNote: string;
  dwellChart: string;
  duration(seconds: number | null): string;
  footer(generated: string): string;
}

const zhLabels = reportLabels('zh');
const enLabels = reportLabels('en');

const pad = (n: number) => String(n).padStart(2, '0');

/** Seconds as `1 h 02 min`, `12 min 30 s`, `45 s` (or the zh words); a dash for none. */
function duration(seconds: number | null, u: { h: string; m: string; s: string; sep: string }): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  if (h > 0) return `${h}${u.sep}${u.h}${u.sep}${pad(m)}${u.sep}${u.m}`;
  if (m > 0) return `${m}${u.sep}${u.m}${u.sep}${pad(s)}${u.sep}${u.s}`;
  return `${s}${u.sep}${u.s}`;
}

const zh: UsageReportStrings = {
  htmlLang: 'zh-CN',
  title: '大模型使用报告',
  subtitle: (from, to, zone) => `统计周期 ${from} 至 ${to}（${zone}）`,
  sections: {
    summary: '概览',
    who: '谁在用',
    what: '用来做什么',
    when: '什么时候用',
    'how-much': '用了多少',
    models: '哪个模型最留人',
  },
  intro: {
    summary: '周期内的总量：请求、浏览、用户、会话、停留时长、令牌与费用。',
    who: '用户与新用户，按行业、地区、用户群体与工作空间分布。',
    what: '调用来自哪些场景（应用），以及各模型用户的兴趣分布。',
    when: '一天中每一分钟的活跃度、星期 × 小时热力图与趋势。',
    'how-much': '令牌、费用（人民币）、延迟分位数、首字延迟、错误率、缓存命中率与满意度。',
    models: '像流量研究那样比较模型：浏览量、会话、平均停留时长与费用。',
  },
  facts: {
    ...zhLabels.facts,
    heading: '报告信息',
    period: '统计周期',
    allWorkspaces: '全部工作空间',
    filters: '筛选条件',
    grain: '趋势粒度',
  },
  caption: (period, zone, filters, rows) => `${period} · ${zone} · 筛选：${filters} · 基于 ${rows} 行数据`,
  metric: {
    ...zhLabels.metric,
    turns: '每会话轮次',
    dwell: '平均停留时长',
    tokens: '令牌数',
    inputTokens: '输入令牌',
    outputTokens: '输出令牌',
    costPerSession: '每会话费用（元）',
    latency: '延迟',
    p50: 'P50（毫秒）',
    p95: 'P95（毫秒）',
    p99: 'P99（毫秒）',
    ttft: '首字延迟',
    tps: '输出速度（令牌/秒）',
  },
  dims: {
    model: '模型',
    provider: '服务商',
    app: '应用',
    scenario: '场景',
    key: 'API 密钥',
    workspace: '工作空间',
    industry: '行业',
    region: '地区',
    user_group: '用户群体',
  },
  directApi: '直接 API 调用',
  noValue: '（未标注）',
  empty: '本周期内没有数据。',
  topThree: '前三大场景',
  topThreeNone: '暂无场景数据',
  segmentsHeading: '用户分布',
  workspacesHeading: '按工作空间',
  keysHeading: '按 API 密钥',
  scenariosHeading: '场景分布',
  topics: {
    heading: '兴趣云',
    top: '主要任务',
    cloud: '各模型用户的兴趣云',
    segments: '各用户群体的兴趣',
    shift: '兴趣随时间的变化',
    bucket: '时段',
    classifiedCol: '已分类',
    off: '未开启话题分类（analytics.topics.enabled），本周期也没有已分类的请求。',
    classified: (n, rate) => `已分类 ${n} 条请求（抽样率 ${rate}）`,
    classifierCost: (cost) => `分类本身的费用：${cost}（单独记账，不计入上面的用量）`,
  },
  minuteOfDay: {
    heading: '一天中每一分钟的活跃度（24 小时 × 60 分钟）',
    peak: (time, n) => `高峰 ${time}：${n} 次请求`,
    axis: '当地时间',
  },
  heatmap: { heading: '星期 × 小时热力图', days: zhLabels.weekdays, hour: '时' },
  series: {
    heading: '趋势',
    grains: { minute: '按分钟', hour: '按小时', day: '按天', week: '按周', month: '按月' },
    title: (grain, metric) => `趋势（${grain}）· ${metric}`,
  },
  latencyHeading: '延迟与速度',
  qualityHeading: '质量',
  byModelHeading: '按模型',
  byProviderHeading: '按服务商',
  holdHeading: '模型对比',
  holdNote: '按平均停留时长排序（会话最后一次活动 − 第一次活动）；停留越长，模型越留得住用户。',
  dwellChart: '各模型的平均停留时长',
  duration: (s) => duration(s, { h: '小时', m: '分', s: '秒', sep: '' }),
  footer: (generated) => `由 baimo 生成于 ${generated}`,
};

const en: UsageReportStrings = {
  htmlLang: 'en',
  title: 'Model usage report',
  subtitle: (from, to, zone) => `Period ${from} to ${to} (${zone})`,
  sections: {
    summary: 'Summary',
    who: 'Who uses it',
    what: 'What for',
    when: 'When',
    'how-much': 'How much',
    models: 'Which model holds users longest',
  },
  intro: {
    summary: 'Totals of the period: requests, page views, users, sessions, dwell time, tokens and cost.',
    who: 'Users and new users, by industry, region, user group and workspace.',
    what: 'Which scenarios (apps) the calls came from, and what each model’s users ask about.',
    when: 'Activity at every minute of the day, the day-of-week × hour heatmap, and the trend.',
    'how-much': 'Tokens, cost (CNY), latency percentiles, time to first token, error and cache-hit rates, satisfaction.',
    models: 'Models compared like a traffic study: page views, sessions, average dwell time and cost.',
  },
  facts: {
    ...enLabels.facts,
    heading: 'About this report',
    period: 'Period',
    allWorkspaces: 'All workspaces',
    filters: 'Filters',
    grain: 'Trend grain',
  },
  caption: (period, zone, filters, rows) => `${period} · ${zone} · filters: ${filters} · from ${rows} rows`,
  metric: {
    ...enLabels.metric,
    turns: 'Turns per session',
    dwell: 'Average dwell time',
    tokens: 'Tokens',
    inputTokens: 'Input tokens',
    outputTokens: 'Output tokens',
    costPerSession: 'Cost per session (CNY)',
    latency: 'Latency',
    p50: 'p50 (ms)',
    p95: 'p95 (ms)',
    p99: 'p99 (ms)',
    ttft: 'Time to first token',
    tps: 'Output speed (tokens/s)',
  },
  dims: {
    model: 'Model',
    provider: 'Provider',
    app: 'App',
    scenario: 'Scenario',
    key: 'API key',
    workspace: 'Workspace',
    industry: 'Industry',
    region: 'Region',
    user_group: 'User group',
  },
  directApi: 'Direct API',
  noValue: '(not set)',
  empty: 'No data in this period.',
  topThree: 'Top three scenarios',
  topThreeNone: 'No scenarios yet',
  segmentsHeading: 'Segments',
  workspacesHeading: 'By workspace',
  keysHeading: 'By API key',
  scenariosHeading: 'Scenarios',
  topics: {
    heading: 'Interest cloud',
    top: 'Top tasks',
    cloud: 'Interest cloud per model',
    segments: 'Interests per segment',
    shift: 'How interests shift over time',
    bucket: 'Period',
    classifiedCol: 'Classified',
    off: 'Topic classification is off (analytics.topics.enabled) and nothing was classified in this period.',
    classified: (n, rate) => `${n} requests classified (sample rate ${rate})`,
    classifierCost: (cost) => `What classifying cost: ${cost} (logged apart, not in the usage above)`,
  },
  minuteOfDay: {
    heading: 'Activity at every minute of the day (24 h × 60 min)',
    peak: (time, n) => `Peak ${time}: ${n} requests`,
    axis: 'Local time',
  },
  heatmap: { heading: 'Day of week × hour', days: enLabels.weekdays, hour: 'h' },
  series: {
    heading: 'Over time',
    grains: { minute: 'by minute', hour: 'by hour', day: 'by day', week: 'by week', month: 'by month' },
    title: (grain, metric) => `Over time (${grain}) · ${metric}`,
  },
  latencyHeading: 'Latency and speed',
  qualityHeading: 'Quality',
  byModelHeading: 'By model',
  byProviderHeading: 'By provider',
  holdHeading: 'Model comparison',
  holdNote: 'Sorted by average dwell time (last − first activity of a session): the longer, the better a model holds its users.',
  dwellChart: 'Average dwell time per model',
  duration: (s) => duration(s, { h: 'h', m: 'min', s: 's', sep: ' ' }),
  footer: (generated) => `Generated by baimo at ${generated}`,
};

/** The report's words in `lang`. */
export function usageReportStrings(lang: UsageReportLang): UsageReportStrings {
  return lang === 'en' ? en : zh;
}
