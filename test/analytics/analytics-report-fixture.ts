import type { AnalyticsFigures, AnalyticsGroup, AnalyticsReport, SeriesPoint } from '../../src/analytics/analytics-report.js';

/** Names from users, as hostile as they come: markup, quotes, an ampersand, a script. */
export const HOSTILE = `<script>alert("x")</script>&'"<img src=x onerror=alert(1)>`;

/** Figures of a group with `requests` requests (the rest derived so they look plausible). */
export function figures(requests: number, extra: Partial<AnalyticsFigures> = {}): AnalyticsFigures {
  const sessions = Math.max(1, Math.round(requests / 3));
  return {
    requests,
    page_views: requests + 2,
    sessions,
    users: Math.max(1, Math.round(sessions / 2)),
    new_users: Math.round(sessions / 4),
    turns_per_session: requests / sessions,
    avg_dwell_seconds: 90 + requests,
    tokens: requests * 300,
    input_tokens: requests * 200,
    output_tokens: requests * 100,
    cost: requests * 0.0123,
    latency_ms: { p50: 420, p95: 1300, p99: 2100 },
    error_rate: 0.02,
    cache_hit_rate: 0.1,
    satisfaction: 120,
    errors: Math.round(requests * 0.02),
    cache_hits: Math.round(requests * 0.1),
    likes: Math.round(requests * 0.12),
    dislikes: Math.round(requests * 0.01),
    ttft_ms: { p50: 180, p95: 600, p99: 900 },
    tokens_per_second: 35.5,
    ...extra,
  };
}

export function group(key: string, requests: number, extra: Partial<AnalyticsGroup> = {}): AnalyticsGroup {
  return { key, ...figures(requests), ...extra };
}

function series(): SeriesPoint[] {
  return Array.from({ length: 7 }, (_, i) => ({
    t: `2026-12-0${i + 1}T00:00:00+08:00`,
    requests: 10 + i * 3,
    page_views: 12 + i * 3,
    users: 3 + i,
    new_users: 1,
    sessions: 4 + i,
    avg_dwell_seconds: 100 + i,
    tokens: 3000 + i * 900,
    cost: 0.12 + i * 0.04,
    errors: i % 2,
    latency_p95_ms: 1200,
  }));
}

/** A report of a week with every table filled, topics on, and user-given names that need escaping. */
export function sampleReport(overrides: Partial<AnalyticsReport> = {}): AnalyticsReport {
  const minute = Array.from({ length: 1440 }, (_, i) =>
    i >= 540 && i < 1080 ? ((i * 7) % 3) + (i === 600 ? 9 : 0) : i % 97 === 0 ? 1 : 0,
  );
  const total = minute.reduce((a, b) => a + b, 0);
  const heatmap = Array.from({ length: 7 }, (_, d) =>
    Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 5 + d : h % 5 === 0 ? 1 : 0)),
  );
  return {
    period: { from: '2026-11-30T16:00:00.000Z', to: '2026-12-07T16:00:00.000Z', time_zone: 'Asia/Shanghai' },
    workspace: null,
    filters: {},
    rows: total + 40,
    generated_at: '2026-12-08T02:00:00.000Z',
    totals: figures(total),
    by_scenario: [group('summarize', 120), group('direct_api', 80), group('translate', 40), group(HOSTILE, 5)],
    by_model: [
      group('qwen-max', 140, { avg_dwell_seconds: 300 }),
      group('deepseek-chat', 90, { avg_dwell_seconds: 420 }),
      group(HOSTILE, 15),
    ],
    by_provider: [group('dashscope', 140), group('deepseek', 105)],
    by_app: [group('app_1', 120, { name: '摘要助手' }), group('direct_api', 80)],
    by_key: [group('key_1', 200, { name: '客服机器人' }), group('key_2', 45, { name: HOSTILE })],
    by_workspace: [group('default', 200, { name: 'Default' }), group('ws_2', 45, { name: '研发部' })],
    by_segment: {
      industry: [group('教育', 100), group('IT/互联网', 90), group('', 55)],
      region: [group('华东', 150), group(HOSTILE, 95)],
      user_group: [group('教师', 80)],
    },
    minute_of_day: minute,
    heatmap,
    series: { grain: 'day', points: series() },
    topics: {
      classified: 60,
      sample_rate: 0.5,
      labels: [
        { id: 'knowledge_qa', zh: '知识问答', en: 'Knowledge Q&A' },
        { id: 'writing', zh: '文本创作', en: 'Writing' },
        { id: 'code', zh: '代码', en: 'Code' },
      ],
      top: [
        { label: 'knowledge_qa', count: 30, share: 0.5 },
        { label: 'writing', count: 20, share: 1 / 3 },
        { label: 'code', count: 10, share: 1 / 6 },
      ],
      by_model: [
        {
          group: 'qwen-max',
          total: 40,
          shares: [
            { label: 'knowledge_qa', count: 25, share: 0.625 },
            { label: 'writing', count: 15, share: 0.375 },
          ],
        },
        { group: HOSTILE, total: 20, shares: [{ label: 'code', count: 20, share: 1 }] },
      ],
      by_segment: {
        industry: [{ group: '教育', total: 10, shares: [{ label: 'writing', count: 10, share: 1 }] }],
        region: [],
        user_group: [],
      },
      over_time: [
        { group: '2026-12-01T00:00:00+08:00', total: 0, shares: [] },
        {
          group: '2026-12-02T00:00:00+08:00',
          total: 12,
          shares: [
            { label: 'code', count: 8, share: 2 / 3 },
            { label: 'writing', count: 4, share: 1 / 3 },
          ],
        },
      ],
      classifier_cost: 0.0042,
    },
    ...overrides,
  };
}
