/** The words every file of the usage report says alike (CSV, HTML, PDF), in Chinese (default) and English. */
export interface ReportLabels {
  metric: Record<
    | 'requests'
    | 'pageViews'
    | 'users'
    | 'newUsers'
    | 'sessions'
    | 'cost'
    | 'errors'
    | 'errorRate'
    | 'cacheHitRate'
    | 'likes'
    | 'dislikes'
    | 'satisfaction'
    | 'share',
    string
  >;
  facts: Record<'timeZone' | 'workspace' | 'none' | 'rows' | 'generated', string>;
  /** Monday first. */
  weekdays: readonly string[];
}

const ZH: ReportLabels = {
  metric: {
    requests: '请求数',
    pageViews: '浏览量',
    users: '用户数',
    newUsers: '新用户',
    sessions: '会话数',
    cost: '费用（元）',
    errors: '错误数',
    errorRate: '错误率',
    cacheHitRate: '缓存命中率',
    likes: '点赞',
    dislikes: '点踩',
    satisfaction: '满意度（每千次回答点赞）',
    share: '占比',
  },
  facts: { timeZone: '时区', workspace: '工作空间', none: '无', rows: '数据行数', generated: '生成时间' },
  weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
};

const EN: ReportLabels = {
  metric: {
    requests: 'Requests',
    pageViews: 'Page views',
    users: 'Users',
    newUsers: 'New users',
    sessions: 'Sessions',
    cost: 'Cost (CNY)',
    errors: 'Errors',
    errorRate: 'Error rate',
    cacheHitRate: 'Cache hit rate',
    likes: 'Likes',
    dislikes: 'Dislikes',
    satisfaction: 'Satisfaction (likes per 1,000 answers)',
    share: 'Share',
  },
  facts: { timeZone: 'Time zone', workspace: 'Workspace', none: 'none', rows: 'Rows', generated: 'Generated' },
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** The shared words in `lang`. */
export function reportLabels(lang: 'zh' | 'en'): ReportLabels {
  return lang === 'en' ? EN : ZH;
}
