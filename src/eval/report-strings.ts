import type { RunStatus } from './eval-types.js';
import type { SuiteType } from './suite.js';

/** The languages of the 含金量 report and the CLI table. */
export type ReportLang = 'zh' | 'en';

/** The words of the reports (CSV headers, HTML, the CLI table), one set per language. */
export interface ReportStrings {
  htmlLang: string;
  title(suite: string): string;
  typeNames: Record<SuiteType, string>;
  statusNames: Record<RunStatus, string>;
  /** What `score` means for each suite type (the column and the scatter's y axis). */
  scoreNames: Record<SuiteType, string>;
  yes: string;
  no: string;
  pass: string;
  fail: string;
  col: {
    model: string;
    accuracy: string;
    score: string;
    items: string;
    done: string;
    errors: string;
    errorRate: string;
    costCny: string;
    costUsd: string;
    costPer1kCny: string;
    costPer1kUsd: string;
    p50: string;
    p95: string;
    tokensPerS: string;
    pareto: string;
    promptTokens: string;
    completionTokens: string;
    exactMatch: string;
    f1: string;
    rougeL: string;
    judgeScore: string;
    kind: string;
    id: string;
    name: string;
    subject: string;
    group: string;
    refusalRate: string;
    shouldRefuseItems: string;
    falseRefusalRate: string;
    shouldNotRefuseItems: string;
    unclear: string;
    minRefusalRate: string;
    maxFalseRefusalRate: string;
    minQualifiedRate: string;
    verdict: string;
    failedChecks: string;
    risk: string;
    qualifiedRate: string;
    threshold: string;
    check: string;
    value: string;
  };
  facts: {
    heading: string;
    suite: string;
    type: string;
    dataset: string;
    models: string;
    status: string;
    items: string;
    itemsValue(done: number, total: number, errors: number): string;
    created: string;
    started: string;
    finished: string;
    generated: string;
    timeZone: string;
    usdCny: string;
    runId: string;
    runError: string;
  };
  leaderboardHeading: string;
  bestNote: string;
  scatter: {
    heading: string;
    xAxis: string;
    logScale: string;
    free: string;
    front: string;
    onFront: string;
    notPlotted: string;
    noScore: string;
    noPrice: string;
    empty: string;
    caption: string;
  };
  groupsHeading: string;
  subjectsHeading: string;
  safety: {
    heading: string;
    refusalCheck(items: number): string;
    falseRefusalCheck(items: number): string;
    riskCheck(risk: string, items: number): string;
    atLeast(rate: string): string;
    atMost(rate: string): string;
    unclearNote(n: number): string;
    summary: string;
    none: string;
  };
  errorsHeading: string;
  noErrors: string;
  errorsNote(errors: number, done: number): string;
  footer(generated: string): string;
}

const en: ReportStrings = {
  htmlLang: 'en',
  title: (suite) => `Value-for-money report: ${suite}`,
  typeNames: { mcq: 'Multiple choice', qa: 'QA (reference answers)', judge: 'LLM-as-judge', safety: 'Safety (filing self-assessment)' },
  statusNames: { queued: 'Queued', running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' },
  scoreNames: { mcq: 'Accuracy', qa: 'Exact match', judge: 'Judge score (0–1)', safety: 'Qualified rate' },
  yes: 'yes',
  no: 'no',
  pass: 'Pass',
  fail: 'Fail',
  col: {
    model: 'Model',
    accuracy: 'Accuracy',
    score: 'Score',
    items: 'Items',
    done: 'Done',
    errors: 'Errors',
    errorRate: 'Error rate',
    costCny: 'Cost (CNY)',
    costUsd: 'Cost (USD)',
    costPer1kCny: 'Cost per 1k items (CNY)',
    costPer1kUsd: 'Cost per 1k items (USD)',
    p50: 'p50 (ms)',
    p95: 'p95 (ms)',
    tokensPerS: 'Tokens/s',
    pareto: 'Pareto',
    promptTokens: 'Prompt tokens',
    completionTokens: 'Completion tokens',
    exactMatch: 'Exact match',
    f1: 'Char F1',
    rougeL: 'ROUGE-L',
    judgeScore: 'Judge score (raw)',
    kind: 'Kind',
    id: 'Id',
    name: 'Name',
    subject: 'Subject',
    group: 'Group',
    refusalRate: 'Refusal rate (should refuse)',
    shouldRefuseItems: 'Should-refuse items',
    falseRefusalRate: 'Refusal rate (should not refuse)',
    shouldNotRefuseItems: 'Should-not-refuse items',
    unclear: 'Unclear',
    minRefusalRate: 'Min refusal rate',
    maxFalseRefusalRate: 'Max false refusal rate',
    minQualifiedRate: 'Min qualified rate',
    verdict: 'Verdict',
    failedChecks: 'Failed checks',
    risk: 'Risk',
    qualifiedRate: 'Qualified rate',
    threshold: 'Threshold',
    check: 'Check',
    value: 'Value',
  },
  facts: {
    heading: 'Run',
    suite: 'Suite',
    type: 'Type',
    dataset: 'Dataset',
    models: 'Models',
    status: 'Status',
    items: 'Items',
    itemsValue: (done, total, errors) => `${done} of ${total} done, ${errors} failed`,
    created: 'Created',
    started: 'Started',
    finished: 'Finished',
    generated: 'Report generated',
    timeZone: 'Time zone',
    usdCny: 'USD → CNY rate',
    runId: 'Run id',
    runError: 'Run error',
  },
  leaderboardHeading: 'Leaderboard',
  bestNote: 'Highlighted: the best value of each column. ★ on the quality-vs-cost Pareto front.',
  scatter: {
    heading: 'Quality vs cost',
    xAxis: 'Cost per 1,000 items (CNY)',
    logScale: 'log scale',
    free: 'free',
    front: 'Pareto front',
    onFront: 'on the Pareto front',
    notPlotted: 'Not plotted',
    noScore: 'no score',
    noPrice: 'no cost per 1,000 items',
    empty: 'No model has both a score and a cost to plot.',
    caption: 'Up and to the left is better: a higher score for less money. The line joins the models no other beats on both.',
  },
  groupsHeading: 'Accuracy by subject group',
  subjectsHeading: 'Accuracy by subject',
  safety: {
    heading: 'Safety and filing self-assessment',
    refusalCheck: (n) => `Refusal rate on should-refuse questions (${n} items)`,
    falseRefusalCheck: (n) => `Refusal rate on should-not-refuse questions (${n} items)`,
    riskCheck: (risk, n) => `Qualified rate, risk ${risk} (${n} items)`,
    atLeast: (rate) => `≥ ${rate}`,
    atMost: (rate) => `≤ ${rate}`,
    unclearNote: (n) => `${n} replies the refusal classifier could not decide.`,
    summary: 'Verdict',
    none: 'No safety results.',
  },
  errorsHeading: 'Errors',
  noErrors: 'No item failed.',
  errorsNote: (errors, done) => `${errors} of ${done} finished items failed for good (no score).`,
  footer: (generated) => `Generated by baimo at ${generated}. Standalone file: no scripts, no external resources.`,
};

const zh: ReportStrings = {
  htmlLang: 'zh-CN',
  title: (suite) => `含金量报告：${suite}`,
  typeNames: { mcq: '选择题', qa: '问答（参考答案）', judge: '裁判模型评分', safety: '安全评估（备案自评估）' },
  statusNames: { queued: '排队中', running: '运行中', completed: '已完成', failed: '失败', cancelled: '已取消' },
  scoreNames: { mcq: '准确率', qa: '精确匹配', judge: '裁判得分（0–1）', safety: '合格率' },
  yes: '是',
  no: '否',
  pass: '合格',
  fail: '不合格',
  col: {
    model: '模型',
    accuracy: '准确率',
    score: '得分',
    items: '题数',
    done: '已完成',
    errors: '错误',
    errorRate: '错误率',
    costCny: '成本（元）',
    costUsd: '成本（美元）',
    costPer1kCny: '每千题成本（元）',
    costPer1kUsd: '每千题成本（美元）',
    p50: 'p50（毫秒）',
    p95: 'p95（毫秒）',
    tokensPerS: '每秒 token',
    pareto: '帕累托前沿',
    promptTokens: '输入 token',
    completionTokens: '输出 token',
    exactMatch: '精确匹配',
    f1: '字符 F1',
    rougeL: 'ROUGE-L',
    judgeScore: '裁判原始得分',
    kind: '类别',
    id: '标识',
    name: '名称',
    subject: '科目',
    group: '分组',
    refusalRate: '应拒答拒答率',
    shouldRefuseItems: '应拒答题数',
    falseRefusalRate: '非拒答拒答率',
    shouldNotRefuseItems: '非拒答题数',
    unclear: '无法判定',
    minRefusalRate: '应拒答拒答率下限',
    maxFalseRefusalRate: '非拒答拒答率上限',
    minQualifiedRate: '合格率下限',
    verdict: '结论',
    failedChecks: '未通过项',
    risk: '风险',
    qualifiedRate: '合格率',
    threshold: '阈值',
    check: '检查项',
    value: '结果',
  },
  facts: {
    heading: '运行信息',
    suite: '评测套件',
    type: '类型',
    dataset: '数据集',
    models: '模型',
    status: '状态',
    items: '题目',
    itemsValue: (done, total, errors) => `已完成 ${done} / ${total}，失败 ${errors}`,
    created: '创建时间',
    started: '开始时间',
    finished: '结束时间',
    generated: '报告生成时间',
    timeZone: '时区',
    usdCny: '美元兑人民币汇率',
    runId: '运行编号',
    runError: '运行错误',
  },
  leaderboardHeading: '排行榜',
  bestNote: '高亮：每列最优值。★ 表示位于质量—成本帕累托前沿。',
  scatter: {
    heading: '质量与成本',
    xAxis: '每千题成本（元）',
    logScale: '对数刻度',
    free: '免费',
    front: '帕累托前沿',
    onFront: '位于帕累托前沿',
    notPlotted: '未绘制',
    noScore: '无得分',
    noPrice: '无每千题成本',
    empty: '没有同时具备得分和成本的模型可绘制。',
    caption: '越靠左上越好：花更少的钱得更高的分。折线连接在质量和成本上都没有被其他模型超越的模型。',
  },
  groupsHeading: '分组准确率',
  subjectsHeading: '分科目准确率',
  safety: {
    heading: '安全评估与备案自评估',
    refusalCheck: (n) => `应拒答题拒答率（${n} 题）`,
    falseRefusalCheck: (n) => `非拒答题拒答率（${n} 题）`,
    riskCheck: (risk, n) => `风险 ${risk} 生成内容合格率（${n} 题）`,
    atLeast: (rate) => `≥ ${rate}`,
    atMost: (rate) => `≤ ${rate}`,
    unclearNote: (n) => `拒答分类器无法判定的回复：${n} 条。`,
    summary: '结论',
    none: '没有安全评估结果。',
  },
  errorsHeading: '错误汇总',
  noErrors: '没有失败的题目。',
  errorsNote: (errors, done) => `已完成的 ${done} 题中有 ${errors} 题最终失败（不计分）。`,
  footer: (generated) => `由 baimo 生成于 ${generated}。独立文件：不含脚本，不引用外部资源。`,
};

/** The report's words in `lang`. */
export function reportStrings(lang: ReportLang): ReportStrings {
  return lang === 'zh' ? zh : en;
}
