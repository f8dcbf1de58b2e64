import { z } from 'zod';
import { FILTER_NAMES } from '../../analytics/analytics-store.js';
import { MAX_REPORT_FILTER_LENGTH } from '../../analytics/usage-report.js';
import { MAX_REPORT_LIMIT, SERIES_GRAINS } from '../../analytics/report-options.js';
import type { SeriesGrain } from '../../analytics/analytics-report.js';
import { LIMITS } from '../../core/limits.js';

const filter = (what: string) => z.string().min(1).max(MAX_REPORT_FILTER_LENGTH).optional().describe(what);

/** The query of `GET /api/analytics/report` and `/report.csv`: period, zone, workspace, grain, limit and the filters. */
export const reportQuery = z.object({
  from: z
    .string()
    .max(40)
    .optional()
    .describe('Start: YYYY-MM-DD (a day in tz), a local time YYYY-MM-DDTHH:MM, an ISO 8601 time or epoch ms; default six days before to'),
  to: z.string().max(40).optional().describe('End: YYYY-MM-DD (that day included), or a time (exclusive); default the end of today in tz'),
  tz: z.string().min(1).max(64).optional().describe('IANA time zone of dates, buckets and activity (default: the instance zone)'),
  workspace: z.string().min(1).max(LIMITS.id).optional().describe('The workspace; instance administrators may leave it out for all'),
  workspace_id: z.string().min(1).max(LIMITS.id).optional().describe('Same as workspace (the name the other /api routes use)'),
  grain: z
    .enum(SERIES_GRAINS as [SeriesGrain, ...SeriesGrain[]])
    .optional()
    .describe('Series buckets; default by the period (≤ 2 h minute, ≤ 3 d hour, ≤ 92 d day, ≤ 1 y week, else month)'),
  limit: z.coerce.number().int().min(1).max(MAX_REPORT_LIMIT).optional().describe('Rows per by_* table, most requests first (default 50)'),
  model: filter('Only this model (the name requested)'),
  provider: filter('Only this provider'),
  app: filter('Only this app id'),
  scenario: filter('Only this scenario (app slug), or direct_api for calls no app made'),
  key: filter('Only this key id'),
  industry: filter('Only this industry (segment from key, app or end-user metadata)'),
  region: filter('Only this region'),
  user_group: filter('Only this user group'),
}) satisfies z.ZodObject<Record<(typeof FILTER_NAMES)[number], z.ZodOptional<z.ZodString>>>;

const quantiles = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

const figures = {
  requests: z.number(),
  page_views: z.number().describe('Page views sent by pages, plus one per request no page made'),
  sessions: z.number().describe('Sessions that started in the period (explicit ids, or derived by the inactivity gap)'),
  users: z.number().describe('Distinct end users'),
  new_users: z.number().describe('End users whose first activity is in the period'),
  turns_per_session: z.number().nullable(),
  avg_dwell_seconds: z.number().nullable().describe('Last − first activity of the sessions with a request, averaged'),
  tokens: z.number(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cost: z.number().describe('CNY'),
  latency_ms: quantiles.describe('From mergeable sketches, ±1 %; null in by_key and by_segment (not kept per key or segment)'),
  ttft_ms: quantiles,
  tokens_per_second: z.number().nullable(),
  errors: z.number(),
  error_rate: z.number().nullable(),
  cache_hits: z.number(),
  cache_hit_rate: z.number().nullable(),
  likes: z.number(),
  dislikes: z.number(),
  satisfaction: z.number().nullable().describe('Likes per 1,000 answers'),
};

const group = z.object({
  key: z.string().describe('The group value (direct_api: calls no app made)'),
  name: z.string().optional().describe('The app, key or workspace name, when the key is its id'),
  ...figures,
});

const topicShare = z.object({ label: z.string(), count: z.number(), share: z.number() });
const topicGroup = z.object({ group: z.string(), total: z.number(), shares: z.array(topicShare) });

/** `AnalyticsReport` (src/analytics/analytics-report.ts) as the OpenAPI document shows it. */
export const analyticsReportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), time_zone: z.string() }),
  workspace: z.string().nullable(),
  filters: z.partialRecord(z.enum(FILTER_NAMES), z.string()).describe('The filters the report is narrowed by (a key sees its own)'),
  rows: z.number().describe('Request-log rows and page views the report comes from'),
  generated_at: z.string(),
  totals: z.object(figures),
  by_scenario: z.array(group),
  by_model: z.array(group),
  by_provider: z.array(group),
  by_app: z.array(group),
  by_key: z.array(group),
  by_workspace: z.array(group),
  by_segment: z.object({ industry: z.array(group), region: z.array(group), user_group: z.array(group) }),
  minute_of_day: z.array(z.number()).describe('1,440 request counts by local minute of the day'),
  heatmap: z.array(z.array(z.number())).describe('7 rows (Monday first) of 24 request counts by local hour'),
  series: z.object({
    grain: z.enum(SERIES_GRAINS as [SeriesGrain, ...SeriesGrain[]]),
    points: z.array(
      z.object({
        t: z.string().describe('Bucket start, ISO 8601 with the zone offset'),
        requests: z.number(),
        page_views: z.number(),
        users: z.number(),
        new_users: z.number(),
        sessions: z.number(),
        avg_dwell_seconds: z.number().nullable(),
        tokens: z.number(),
        cost: z.number(),
        errors: z.number(),
        latency_p95_ms: z.number().nullable(),
      }),
    ),
  }),
  topics: z
    .object({
      classified: z.number(),
      sample_rate: z.number(),
      labels: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string() })),
      top: z.array(topicShare),
      by_model: z.array(topicGroup),
      by_segment: z.object({ industry: z.array(topicGroup), region: z.array(topicGroup), user_group: z.array(topicGroup) }),
      over_time: z.array(topicGroup),
      classifier_cost: z.number(),
    })
    .nullable(),
});
