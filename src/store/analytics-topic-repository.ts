import type { Kysely, Transaction } from 'kysely';
import { chunked } from './chunked.js';
import { TOPIC_DIMENSIONS } from './analytics-topic-migration.js';
import {
  topicDb,
  type AnalyticsTopicRollupTable,
  type TopicCacheRecord,
  type TopicDatabase,
  type TopicLabelRecord,
  type TopicUsageDelta,
} from './analytics-topic-schema.js';
import type { Database } from './schema.js';

export type { TopicCacheRecord, TopicDimensions, TopicLabelRecord, TopicUsageDelta } from './analytics-topic-schema.js';

const HOUR_MS = 3_600_000;
/** Rows per multi-row statement (well under SQLite's bound-parameter limit). */
const ROWS_PER_STATEMENT = 200;
/** What a scrubbed job's input becomes: the texts are gone, the job says so. */
export const SCRUBBED_INPUT = '{"scrubbed":true}';

/** One batch's outcome, written at once (see {@link AnalyticsTopicRepository.record}). */
export interface TopicBatchRecord {
  labels: readonly TopicLabelRecord[];
  cache: readonly TopicCacheRecord[];
  usage: readonly TopicUsageDelta[];
  /** The job whose input held the batch's texts: scrubbed in the same transaction. */
  scrubJobId?: string;
}

/** Label vectors as stored: per taxonomy version and embedding model. */
export interface StoredLabelVectors {
  dimensions: number;
  ids: string[];
  vectors: Float64Array[];
}

const str = (v: string | null): string => v ?? '';

/**
 * The writes of topic classification (and the small reads the classifying job needs): classified
 * requests, the hourly topic rollup, the prompt-hash cache, label vectors and the classifier's usage.
 * A batch is written in one transaction with the scrub of its job's input, so a request counts once
 * and no text outlives its job.
 */
export class AnalyticsTopicRepository {
  private readonly db: Kysely<TopicDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = topicDb(db);
  }

  /** Cached classifications of these prompt hashes. */
  async cached(hashes: readonly string[]): Promise<Map<string, TopicCacheRecord>> {
    const out = new Map<string, TopicCacheRecord>();
    for (const part of chunked([...new Set(hashes)], 500)) {
      if (part.length === 0) continue;
      const rows = await this.db
        .selectFrom('analytics_topic_cache')
        .select(['prompt_hash', 'taxonomy_hash', 'label', 'score', 'via'])
        .where('prompt_hash', 'in', part)
        .execute();
      for (const r of rows)
        out.set(r.prompt_hash, {
          hash: r.prompt_hash,
          taxonomyHash: r.taxonomy_hash,
          label: r.label,
          score: Number(r.score),
          via: r.via === 'zero_shot' ? 'zero_shot' : 'embedding',
        });
    }
    return out;
  }

  /** Which of these requests have a label already. */
  async labelled(requestIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunked([...new Set(requestIds)], 500)) {
      if (part.length === 0) continue;
      const rows = await this.db.selectFrom('analytics_topic_labels').select('request_id').where('request_id', 'in', part).execute();
      for (const r of rows) out.add(r.request_id);
    }
    return out;
  }

  /**
   * Writes a batch in one transaction: the cache entries (first writer wins), the label rows (a request
   * already labelled is left alone), the rollup counts of the rows that were new, the usage, and the
   * scrub of the job's input. Returns how many requests were newly labelled.
   */
  async record(batch: TopicBatchRecord, now = Date.now()): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      // Rows in a fixed order: replicas writing at once wait on each other, never deadlock.
      const cache = [...batch.cache].sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
      for (const part of chunked(cache, ROWS_PER_STATEMENT)) {
        if (part.length === 0) continue;
        await trx
          .insertInto('analytics_topic_cache')
          .values(
            part.map((c) => ({
              prompt_hash: c.hash,
              taxonomy_hash: c.taxonomyHash,
              label: c.label,
              score: c.score,
              via: c.via,
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.column('prompt_hash').doNothing())
          .execute();
      }
      const fresh: TopicLabelRecord[] = [];
      const byId = new Map(batch.labels.map((l) => [l.requestId, l]));
      const ids = [...byId.keys()].sort();
      for (const part of chunked(
        ids.map((id) => byId.get(id)!),
        ROWS_PER_STATEMENT,
      )) {
        if (part.length === 0) continue;
        const inserted = await trx
          .insertInto('analytics_topic_labels')
          .values(
            part.map((l) => ({
              request_id: l.requestId,
              created_at: l.createdAt,
              workspace_id: l.workspaceId,
              model: l.model,
              scenario: l.scenario,
              app_id: str(l.appId),
              key_id: str(l.keyId),
              provider: str(l.provider),
              industry: str(l.industry),
              region: str(l.region),
              user_group: str(l.userGroup),
              label: l.label,
              via: l.via,
            })),
          )
          .onConflict((oc) => oc.column('request_id').doNothing())
          .returning('request_id')
          .execute();
        for (const r of inserted) fresh.push(byId.get(r.request_id)!);
      }
      await addRollup(trx, fresh);
      await addUsage(trx, batch.usage);
      if (batch.scrubJobId) await trx.updateTable('jobs').set({ input: SCRUBBED_INPUT }).where('id', '=', batch.scrubJobId).execute();
      return fresh.length;
    });
  }

  /** Adds usage without labels (a batch whose calls failed). */
  async addUsage(usage: readonly TopicUsageDelta[]): Promise<void> {
    await addUsage(this.db, usage);
  }

  /** Replaces a job's input with {@link SCRUBBED_INPUT}. */
  async scrubJob(id: string): Promise<void> {
    await this.db.updateTable('jobs').set({ input: SCRUBBED_INPUT }).where('id', '=', id).execute();
  }

  /** Scrubs the inputs of finished jobs of type `name` on `queue` (failed or cancelled ones keep theirs otherwise); returns how many. */
  async scrubFinishedJobs(queue: string, name: string): Promise<number> {
    const r = await this.db
      .updateTable('jobs')
      .set({ input: SCRUBBED_INPUT })
      .where('queue', '=', queue)
      .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
      .where('name', '=', name)
      .where('input', '<>', SCRUBBED_INPUT)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Jobs of type `name` (on `queue`) waiting to run, counted up to `cap`. */
  async queuedJobs(queue: string, name: string, cap = 1_000): Promise<number> {
    const rows = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', queue)
      .where('status', '=', 'queued')
      .where('name', '=', name)
      .limit(cap)
      .execute();
    return rows.length;
  }

  /** Drops cached classifications and label vectors made under another taxonomy than `taxonomyHash`. */
  async pruneOtherTaxonomies(taxonomyHash: string): Promise<number> {
    const r = await this.db.deleteFrom('analytics_topic_cache').where('taxonomy_hash', '<>', taxonomyHash).executeTakeFirst();
    await this.db.deleteFrom('analytics_topic_vectors').where('taxonomy_hash', '<>', taxonomyHash).execute();
    return Number(r.numDeletedRows);
  }

  /** Deletes up to `limit` per-request label rows of requests made before `before` (the rollup stays). */
  async purgeLabelsBefore(before: number, limit: number): Promise<number> {
    const old = this.db.selectFrom('analytics_topic_labels').select('request_id').where('created_at', '<', before).limit(limit);
    const r = await this.db.deleteFrom('analytics_topic_labels').where('request_id', 'in', old).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async loadVectors(taxonomyHash: string, model: string): Promise<StoredLabelVectors | undefined> {
    const row = await this.db
      .selectFrom('analytics_topic_vectors')
      .select(['dimensions', 'ids', 'vectors'])
      .where('taxonomy_hash', '=', taxonomyHash)
      .where('model', '=', model)
      .executeTakeFirst();
    if (!row) return undefined;
    const ids = JSON.parse(row.ids) as string[];
    const dims = Number(row.dimensions);
    const buf = Buffer.from(row.vectors, 'base64');
    if (buf.length !== ids.length * dims * 8) return undefined;
    const vectors = ids.map((_, i) => {
      const v = new Float64Array(dims);
      for (let k = 0; k < dims; k++) v[k] = buf.readDoubleLE((i * dims + k) * 8);
      return v;
    });
    return { dimensions: dims, ids, vectors };
  }

  async deleteVectors(taxonomyHash: string, model: string): Promise<void> {
    await this.db.deleteFrom('analytics_topic_vectors').where('taxonomy_hash', '=', taxonomyHash).where('model', '=', model).execute();
  }

  async saveVectors(taxonomyHash: string, model: string, v: StoredLabelVectors, now = Date.now()): Promise<void> {
    const buf = Buffer.alloc(v.ids.length * v.dimensions * 8);
    v.vectors.forEach((vec, i) => vec.forEach((x, k) => buf.writeDoubleLE(x, (i * v.dimensions + k) * 8)));
    await this.db
      .insertInto('analytics_topic_vectors')
      .values({
        taxonomy_hash: taxonomyHash,
        model,
        dimensions: v.dimensions,
        ids: JSON.stringify(v.ids),
        vectors: buf.toString('base64'),
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['taxonomy_hash', 'model']).doNothing())
      .execute();
  }
}

type Writer = Kysely<TopicDatabase> | Transaction<TopicDatabase>;

/** Adds one count per new label row to its (UTC hour, dimensions, label) rollup row. */
async function addRollup(db: Writer, rows: readonly TopicLabelRecord[]): Promise<void> {
  const sums = new Map<string, AnalyticsTopicRollupTable>();
  for (const l of rows) {
    const r: AnalyticsTopicRollupTable = {
      hour: l.createdAt - (((l.createdAt % HOUR_MS) + HOUR_MS) % HOUR_MS),
      workspace_id: l.workspaceId,
      model: l.model,
      scenario: l.scenario,
      app_id: str(l.appId),
      key_id: str(l.keyId),
      provider: str(l.provider),
      industry: str(l.industry),
      region: str(l.region),
      user_group: str(l.userGroup),
      label: l.label,
      requests: 1,
    };
    const k = JSON.stringify([r.hour, ...TOPIC_DIMENSIONS.map((d) => r[d]), r.label]);
    const seen = sums.get(k);
    if (seen) seen.requests++;
    else sums.set(k, r);
  }
  const keys = [...sums.keys()].sort();
  for (const part of chunked(
    keys.map((k) => sums.get(k)!),
    ROWS_PER_STATEMENT,
  )) {
    if (part.length === 0) continue;
    await db
      .insertInto('analytics_topic_rollup')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['hour', ...TOPIC_DIMENSIONS, 'label'])
          .doUpdateSet((eb) => ({ requests: eb('analytics_topic_rollup.requests', '+', eb.ref('excluded.requests')) })),
      )
      .execute();
  }
}

async function addUsage(db: Writer, usage: readonly TopicUsageDelta[]): Promise<void> {
  const sums = new Map<string, TopicUsageDelta>();
  for (const u of usage) {
    const k = `${u.hour}\0${u.workspaceId}`;
    const s = sums.get(k);
    if (!s) sums.set(k, { ...u });
    else
      for (const f of ['classified', 'cacheHits', 'failed', 'embedCalls', 'embeddedTexts', 'zeroShotCalls', 'costCny'] as const)
        s[f] += u[f];
  }
  for (const k of [...sums.keys()].sort()) {
    const u = sums.get(k)!;
    await db
      .insertInto('analytics_topic_usage')
      .values({
        hour: u.hour,
        workspace_id: u.workspaceId,
        classified: u.classified,
        cache_hits: u.cacheHits,
        failed: u.failed,
        embed_calls: u.embedCalls,
        embedded_texts: u.embeddedTexts,
        zero_shot_calls: u.zeroShotCalls,
        cost_cny: u.costCny,
      })
      .onConflict((oc) =>
        oc.columns(['hour', 'workspace_id']).doUpdateSet((eb) => ({
          classified: eb('analytics_topic_usage.classified', '+', eb.ref('excluded.classified')),
          cache_hits: eb('analytics_topic_usage.cache_hits', '+', eb.ref('excluded.cache_hits')),
          failed: eb('analytics_topic_usage.failed', '+', eb.ref('excluded.failed')),
          embed_calls: eb('analytics_topic_usage.embed_calls', '+', eb.ref('excluded.embed_calls')),
          embedded_texts: eb('analytics_topic_usage.embedded_texts', '+', eb.ref('excluded.embedded_texts')),
          zero_shot_calls: eb('analytics_topic_usage.zero_shot_calls', '+', eb.ref('excluded.zero_shot_calls')),
          cost_cny: eb('analytics_topic_usage.cost_cny', '+', eb.ref('excluded.cost_cny')),
        })),
      )
      .execute();
  }
}
