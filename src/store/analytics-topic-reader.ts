import type { Kysely } from 'kysely';
import { AN } from './analytics-columns.js';
import { chunked } from './chunked.js';
import { topicDb, TOPIC_FILTER_COLUMNS, type TopicDatabase, type TopicFilterName } from './analytics-topic-schema.js';
import type { Database } from './schema.js';

const HOUR_MS = 3_600_000;

/** What a topic read covers: a workspace (all when undefined), a range `[from, to)`, exact-match filters. */
export interface TopicScope {
  workspaceId?: string;
  from: number;
  to: number;
  filters?: Readonly<Partial<Record<TopicFilterName, string>>>;
}

/** How topic counts are grouped: a dimension, or the UTC hour (its start in epoch ms, as text). */
export type TopicGroupBy = 'model' | 'industry' | 'region' | 'user_group' | 'hour';

/** What classifying did and cost, summed. */
export interface TopicUsageTotals {
  classified: number;
  cacheHits: number;
  failed: number;
  embedCalls: number;
  embeddedTexts: number;
  zeroShotCalls: number;
  costCny: number;
}

/** A logged request whose body was kept, for the backfill (`analytics.topics` over a range). */
export interface LoggedTopicRequest {
  id: string;
  createdAt: number;
  workspaceId: string | null;
  keyId: string | null;
  appId: string | null;
  appSlug: string | null;
  model: string;
  provider: string | null;
  userId: string | null;
  /** Segment attributes of the key and the app (the log row's `segments`). */
  segments: Readonly<Record<string, string>>;
  requestBody: string;
}

/** The string values of a `segments` column (JSON object); {} for none or text that is not one. */
function segmentsOf(text: string | null | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string' && k.length <= 20) out[k] = x.slice(0, 64);
    return out;
  } catch {
    return {};
  }
}

/** The hour that holds `t` (UTC). */
const hourOf = (t: number): number => t - (((t % HOUR_MS) + HOUR_MS) % HOUR_MS);

/**
 * The reads of topic classification: counts per label from the hourly rollup (the hour holding `from`
 * up to the hour before `to`: the rollup's grain is an hour), the classifier's cost and usage, and the
 * pages of logged request bodies a backfill classifies. Structurally the `TopicReader` of
 * src/analytics/analytics-report.ts.
 */
export class AnalyticsTopicReader {
  private readonly db: Kysely<TopicDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = topicDb(db);
  }

  async topicCounts(scope: TopicScope, groupBy?: TopicGroupBy): Promise<Array<{ label: string; group: string; count: number }>> {
    if (!(scope.to > scope.from)) return [];
    let q = this.db.selectFrom('analytics_topic_rollup').where('hour', '>=', hourOf(scope.from)).where('hour', '<', scope.to);
    if (scope.workspaceId !== undefined) q = q.where('workspace_id', '=', scope.workspaceId);
    for (const [name, value] of Object.entries(scope.filters ?? {}) as Array<[TopicFilterName, string | undefined]>) {
      const column = TOPIC_FILTER_COLUMNS[name];
      if (column && value !== undefined) q = q.where(column, '=', value);
    }
    if (!groupBy) {
      const rows = await q
        .select((eb) => ['label', eb.fn.sum<number | string>('requests').as('count')])
        .groupBy('label')
        .execute();
      return rows.map((r) => ({ label: r.label, group: '', count: Number(r.count) }));
    }
    const column = groupBy === 'hour' ? 'hour' : TOPIC_FILTER_COLUMNS[groupBy];
    const rows = await q
      .select((eb) => ['label', eb.ref(column).as('group'), eb.fn.sum<number | string>('requests').as('count')])
      .groupBy(['label', column])
      .execute();
    return rows.map((r) => ({ label: r.label, group: String(r.group), count: Number(r.count) }));
  }

  /** The classifier's own cost (CNY) in the hours of the range. */
  async classifierCost(scope: { workspaceId?: string; from: number; to: number }): Promise<number> {
    return (await this.usage(scope)).costCny;
  }

  /** What classifying did and cost in the hours of the range (all time when no range). */
  async usage(scope: { workspaceId?: string; from?: number; to?: number } = {}): Promise<TopicUsageTotals> {
    let q = this.db.selectFrom('analytics_topic_usage');
    if (scope.from !== undefined) q = q.where('hour', '>=', hourOf(scope.from));
    if (scope.to !== undefined) q = q.where('hour', '<', scope.to);
    if (scope.workspaceId !== undefined) q = q.where('workspace_id', '=', scope.workspaceId);
    const r = await q
      .select((eb) => [
        eb.fn.sum<number | string>('classified').as('classified'),
        eb.fn.sum<number | string>('cache_hits').as('cache_hits'),
        eb.fn.sum<number | string>('failed').as('failed'),
        eb.fn.sum<number | string>('embed_calls').as('embed_calls'),
        eb.fn.sum<number | string>('embedded_texts').as('embedded_texts'),
        eb.fn.sum<number | string>('zero_shot_calls').as('zero_shot_calls'),
        eb.fn.sum<number | string>('cost_cny').as('cost_cny'),
      ])
      .executeTakeFirst();
    const n = (v: number | string | null | undefined): number => Number(v ?? 0) || 0;
    return {
      classified: n(r?.classified),
      cacheHits: n(r?.cache_hits),
      failed: n(r?.failed),
      embedCalls: n(r?.embed_calls),
      embeddedTexts: n(r?.embedded_texts),
      zeroShotCalls: n(r?.zero_shot_calls),
      costCny: n(r?.cost_cny),
    };
  }

  /** The segment attributes (metadata) of these end users of a workspace, for those that have some. */
  async endUserSegments(workspaceId: string, endUsers: readonly string[]): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    const db = this.db as unknown as Kysely<Record<string, { workspace_id: string; end_user: string; metadata: string | null }>>;
    for (const part of chunked([...new Set(endUsers)], 500)) {
      if (part.length === 0) continue;
      const rows = await db
        .selectFrom(AN.endUsers)
        .select(['end_user', 'metadata'])
        .where('workspace_id', '=', workspaceId)
        .where('end_user', 'in', part)
        .where('metadata', 'is not', null)
        .execute();
      for (const r of rows) out.set(r.end_user, segmentsOf(r.metadata));
    }
    return out;
  }

  /**
   * Up to `limit` chat requests of the range whose body was logged, after `after` in (created_at, id)
   * order, of one workspace or all: what a backfill classifies.
   */
  async loggedRequests(
    range: { from: number; to: number; workspaceId?: string },
    after: { t: number; id: string } | undefined,
    limit: number,
  ): Promise<LoggedTopicRequest[]> {
    let q = this.db
      .selectFrom('request_logs')
      .select([
        'id',
        'created_at',
        'workspace_id',
        'key_id',
        'app_id',
        'app_slug',
        'model_requested',
        'provider',
        'user_id',
        'segments',
        'request_body',
      ])
      .where('created_at', '>=', range.from)
      .where('created_at', '<', range.to)
      .where('endpoint', '=', 'chat')
      .where('request_body', 'is not', null)
      // baimo's own calls (evaluation, the classifier itself) are not users' traffic.
      .where('origin', 'is', null);
    if (range.workspaceId !== undefined) q = q.where('workspace_id', '=', range.workspaceId);
    if (after)
      q = q.where((eb) => eb.or([eb('created_at', '>', after.t), eb.and([eb('created_at', '=', after.t), eb('id', '>', after.id)])]));
    const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      createdAt: Number(r.created_at),
      workspaceId: r.workspace_id,
      keyId: r.key_id,
      appId: r.app_id,
      appSlug: r.app_slug ?? null,
      model: r.model_requested,
      provider: r.provider,
      userId: r.user_id,
      segments: segmentsOf(r.segments),
      requestBody: r.request_body!,
    }));
  }
}
