import { AnalyticsService, type NameLookup } from '../analytics/analytics-service.js';
import type { AnalyticsReader, AnalyticsWriter } from '../analytics/analytics-store.js';
import type { ReportTopicSource } from '../analytics/report-topics.js';
import type { AppService } from '../apps/app-service.js';
import type { BaimoConfig } from '../config/schema.js';
import type { KeyRepository } from '../store/key-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import type { TenancyRepository } from '../store/tenancy-repository.js';
import { AnalyticsRepository } from '../store/analytics-repository.js';
import type { JobQueue } from '../jobs/job-types.js';
import { createAnalyticsReportServices, type AnalyticsReportServices } from './analytics-report-services.js';
import { registerAnalyticsRebuildJob } from './analytics-store-wiring.js';

/** Usage analytics (issue 20): the report service over the rollups and the writes of page views, feedback and end users. */
export interface AnalyticsServices extends AnalyticsReportServices {
  /** Usage reports (`report`, `series`) from the rollups, in any zone and grain. */
  analytics: AnalyticsService;
  /**
   * The analytics store: the rollups' reads (AnalyticsReader), page views, feedback and end users'
   * segment attributes (AnalyticsWriter), and `rebuild(from, to)`.
   */
  analyticsStore: AnalyticsRepository & AnalyticsReader & AnalyticsWriter;
}

export interface AnalyticsServiceDeps {
  config: BaimoConfig;
  database: OpenedDatabase;
  keys: KeyRepository;
  tenancy: TenancyRepository;
  apps: Pick<AppService, 'row'>;
  /** Where `analytics.rebuild` and `analytics.report` are registered. */
  jobs: JobQueue;
  /** Topic counts and their settings (topic classification); absent: reports have no topics. */
  topics?: ReportTopicSource | null;
}

/** Names of the ids that have one, looked up one by one (a report names at most `limit` of each). */
function namesOf(get: (id: string) => Promise<{ name: string } | undefined>): NameLookup {
  return async (ids) => {
    const out = new Map<string, string>();
    await Promise.all(
      ids.map(async (id) => {
        const row = await get(id).catch(() => undefined);
        if (row?.name) out.set(id, row.name);
      }),
    );
    return out;
  };
}

/**
 * Builds usage analytics on the runtime's parts: the store's reads and writes on the configured
 * database (SQLite or PostgreSQL; day rollups in the instance's `timezone`, sessions split by
 * `analytics.session_gap_minutes`), the report service naming apps, keys and workspaces, the
 * `analytics.rebuild` job, and report files (`analytics.report` jobs: HTML, CSV, JSON, PDF).
 */
export function createAnalyticsServices(d: AnalyticsServiceDeps): AnalyticsServices {
  const { config, database } = d;
  const analyticsStore = new AnalyticsRepository(database, {
    timeZone: config.timezone,
    sessionGapMs: config.analytics.session_gap_minutes * 60_000,
  });
  const analytics = new AnalyticsService({
    reader: analyticsStore,
    timeZone: config.timezone,
    topics: d.topics ?? null,
    names: {
      app: namesOf((id) => d.apps.row(id)),
      key: namesOf((id) => d.keys.get(id)),
      workspace: namesOf((id) => d.tenancy.workspace(id)),
    },
  });
  registerAnalyticsRebuildJob(d.jobs, {
    store: analyticsStore,
    timeZone: config.timezone,
    retentionDays: config.retention.request_logs_days,
  });
  const files = createAnalyticsReportServices({ config, database, tenancy: d.tenancy, jobs: d.jobs, report: (o) => analytics.report(o) });
  return { analytics, analyticsStore, ...files };
}
