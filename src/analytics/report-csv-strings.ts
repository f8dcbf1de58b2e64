import { reportLabels, type ReportLabels } from './report-labels.js';

/** The words of the usage report's CSV, in Chinese (default) and English. */
export interface ReportCsvStrings {
  title: string;
  facts: ReportLabels['facts'] & { from: string; to: string; all: string; filters: string };
  section: {
    totals: string;
    scenario: string;
    model: string;
    provider: string;
    app: string;
    key: string;
    workspace: string;
    industry: string;
    region: string;
    userGroup: string;
    series: string;
    minuteOfDay: string;
    heatmap: string;
    topics: string;
    topicsByModel: string;
    topicsOverTime: string;
  };
  col: ReportLabels['metric'] &
    Record<
      | 'key'
      | 'name'
      | 'turns'
      | 'dwell'
      | 'tokens'
      | 'inputTokens'
      | 'outputTokens'
      | 'p50'
      | 'p95'
      | 'p99'
      | 'ttftP50'
      | 'ttftP95'
      | 'tps'
      | 't'
      | 'minute'
      | 'day'
      | 'label'
      | 'count'
      | 'group'
      | 'classified'
      | 'sampleRate'
      | 'classifierCost',
      string
    >;
  days: readonly string[];
}

const zhLabels = reportLabels('zh');
const enLabels = reportLabels('en');

const ZH: ReportCsvStrings = {
  title: '使用分析报告',
  facts: {
    ...zhLabels.facts,
    from: '开始',
    to: '结束（不含）',
    all: '全部',
    filters: '筛选',
  },
  section: {
    totals: '总览',
    scenario: '按场景',
    model: '按模型',
    provider: '按供应商',
    app: '按应用',
    key: '按密钥',
    workspace: '按工作空间',
    industry: '按行业',
    region: '按地区',
    userGroup: '按用户群',
    series: '时间序列',
    minuteOfDay: '24 小时 × 60 分钟活跃度',
    heatmap: '星期 × 小时热力图',
    topics: '主要用途',
    topicsByModel: '各模型的用途',
    topicsOverTime: '用途随时间变化',
  },
  col: {
    ...zhLabels.metric,
    key: '分组',
    name: '名称',
    turns: '每会话轮数',
    dwell: '平均停留（秒）',
    tokens: 'Tokens',
    inputTokens: '输入 Tokens',
    outputTokens: '输出 Tokens',
    p50: '延迟 P50（毫秒）',
    p95: '延迟 P95（毫秒）',
    p99: '延迟 P99（毫秒）',
    ttftP50: '首字 P50（毫秒）',
    ttftP95: '首字 P95（毫秒）',
    tps: 'Tokens/秒',
    t: '时间',
    minute: '时刻',
    day: '星期',
    label: '用途',
    count: '次数',
    group: '分组',
    classified: '已分类请求',
    sampleRate: '抽样率',
    classifierCost: '分类费用（元）',
  },
  days: zhLabels.weekdays,
};

const EN: ReportCsvStrings = {
  title: 'Usage report',
  facts: {
    ...enLabels.facts,
    from: 'From',
    to: 'To (exclusive)',
    all: 'all',
    filters: 'Filters',
  },
  section: {
    totals: 'Totals',
    scenario: 'By scenario',
    model: 'By model',
    provider: 'By provider',
    app: 'By app',
    key: 'By key',
    workspace: 'By workspace',
    industry: 'By industry',
    region: 'By region',
    userGroup: 'By user group',
    series: 'Series',
    minuteOfDay: 'Activity by minute of day (24 h × 60 min)',
    heatmap: 'Day of week × hour',
    topics: 'Top uses',
    topicsByModel: 'Uses per model',
    topicsOverTime: 'Uses over time',
  },
  col: {
    ...enLabels.metric,
    key: 'Group',
    name: 'Name',
    turns: 'Turns per session',
    dwell: 'Avg dwell (s)',
    tokens: 'Tokens',
    inputTokens: 'Input tokens',
    outputTokens: 'Output tokens',
    p50: 'Latency p50 (ms)',
    p95: 'Latency p95 (ms)',
    p99: 'Latency p99 (ms)',
    ttftP50: 'TTFT p50 (ms)',
    ttftP95: 'TTFT p95 (ms)',
    tps: 'Tokens/s',
    t: 'Time',
    minute: 'Minute',
    day: 'Day',
    label: 'Use',
    count: 'Count',
    group: 'Group',
    classified: 'Classified requests',
    sampleRate: 'Sample rate',
    classifierCost: 'Classifier cost (CNY)',
  },
  days: enLabels.weekdays,
};

/** The CSV's words in `lang`. */
export function reportCsvStrings(lang: 'zh' | 'en'): ReportCsvStrings {
  return lang === 'en' ? EN : ZH;
}
