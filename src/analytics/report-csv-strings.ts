/** The words of the usage report's CSV, in Chinese (default) and English. */
export interface ReportCsvStrings {
  title: string;
  facts: {
    from: string;
    to: string;
    timeZone: string;
    workspace: string;
    all: string;
    filters: string;
    none: string;
    rows: string;
    generated: string;
  };
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
  col: Record<
    | 'key'
    | 'name'
    | 'requests'
    | 'pageViews'
    | 'users'
    | 'newUsers'
    | 'sessions'
    | 'turns'
    | 'dwell'
    | 'tokens'
    | 'inputTokens'
    | 'outputTokens'
    | 'cost'
    | 'p50'
    | 'p95'
    | 'p99'
    | 'ttftP50'
    | 'ttftP95'
    | 'tps'
    | 'errors'
    | 'errorRate'
    | 'cacheHitRate'
    | 'likes'
    | 'dislikes'
    | 'satisfaction'
    | 't'
    | 'minute'
    | 'day'
    | 'label'
    | 'count'
    | 'share'
    | 'group'
    | 'classified'
    | 'sampleRate'
    | 'classifierCost',
    string
  >;
  days: string[];
}

const ZH: ReportCsvStrings = {
  title: '使用分析报告',
  facts: {
    from: '开始',
    to: '结束（不含）',
    timeZone: '时区',
    workspace: '工作空间',
    all: '全部',
    filters: '筛选',
    none: '无',
    rows: '数据行数',
    generated: '生成时间',
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
    key: '分组',
    name: '名称',
    requests: '请求数',
    pageViews: '浏览量',
    users: '用户数',
    newUsers: '新用户',
    sessions: '会话数',
    turns: '每会话轮数',
    dwell: '平均停留（秒）',
    tokens: 'Tokens',
    inputTokens: '输入 Tokens',
    outputTokens: '输出 Tokens',
    cost: '费用（元）',
    p50: '延迟 P50（毫秒）',
    p95: '延迟 P95（毫秒）',
    p99: '延迟 P99（毫秒）',
    ttftP50: '首字 P50（毫秒）',
    ttftP95: '首字 P95（毫秒）',
    tps: 'Tokens/秒',
    errors: '错误数',
    errorRate: '错误率',
    cacheHitRate: '缓存命中率',
    likes: '点赞',
    dislikes: '点踩',
    satisfaction: '满意度（每千次回答点赞）',
    t: '时间',
    minute: '时刻',
    day: '星期',
    label: '用途',
    count: '次数',
    share: '占比',
    group: '分组',
    classified: '已分类请求',
    sampleRate: '抽样率',
    classifierCost: '分类费用（元）',
  },
  days: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
};

const EN: ReportCsvStrings = {
  title: 'Usage report',
  facts: {
    from: 'From',
    to: 'To (exclusive)',
    timeZone: 'Time zone',
    workspace: 'Workspace',
    all: 'all',
    filters: 'Filters',
    none: 'none',
    rows: 'Rows',
    generated: 'Generated',
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
    key: 'Group',
    name: 'Name',
    requests: 'Requests',
    pageViews: 'Page views',
    users: 'Users',
    newUsers: 'New users',
    sessions: 'Sessions',
    turns: 'Turns per session',
    dwell: 'Avg dwell (s)',
    tokens: 'Tokens',
    inputTokens: 'Input tokens',
    outputTokens: 'Output tokens',
    cost: 'Cost (CNY)',
    p50: 'Latency p50 (ms)',
    p95: 'Latency p95 (ms)',
    p99: 'Latency p99 (ms)',
    ttftP50: 'TTFT p50 (ms)',
    ttftP95: 'TTFT p95 (ms)',
    tps: 'Tokens/s',
    errors: 'Errors',
    errorRate: 'Error rate',
    cacheHitRate: 'Cache hit rate',
    likes: 'Likes',
    dislikes: 'Dislikes',
    satisfaction: 'Satisfaction (likes per 1,000 answers)',
    t: 'Time',
    minute: 'Minute',
    day: 'Day',
    label: 'Use',
    count: 'Count',
    share: 'Share',
    group: 'Group',
    classified: 'Classified requests',
    sampleRate: 'Sample rate',
    classifierCost: 'Classifier cost (CNY)',
  },
  days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** The CSV's words in `lang`. */
export function reportCsvStrings(lang: 'zh' | 'en'): ReportCsvStrings {
  return lang === 'en' ? EN : ZH;
}
