import { GatewayError } from '../core/errors.js';
import type {
  AnalyticsTopicRepository,
  StoredLabelVectors,
  TopicCacheRecord,
  TopicLabelRecord,
  TopicUsageDelta,
} from '../store/analytics-topic-repository.js';
import { DEFAULT_WORKSPACE_ID } from '../store/tenancy-repository.js';
import { DIRECT_API } from './analytics-event.js';
import { mergeSegments, type Segments } from './segments.js';
import { TopicBatchClassifier, type TopicResult, type ZeroShotModel } from './topic-batch-classifier.js';
import type { TopicItem } from './topic-capture.js';
import { workspaceCalls, type TopicCallDeps, type WorkspaceCalls } from './topic-calls.js';
import type { LabelVectors, TopicEmbedder } from './topic-classifier.js';
import { MemoryTopicCache, promptHash, type TopicCache, type TopicCacheEntry } from './topic-sampling.js';
import type { CurrentTaxonomy } from './topic-taxonomy-source.js';
import { normalizeTopicText } from './topic-text.js';

const HOUR_MS = 3_600_000;

export interface TopicRunnerDeps {
  repo: Pick<
    AnalyticsTopicRepository,
    'cached' | 'labelled' | 'record' | 'addUsage' | 'loadVectors' | 'saveVectors' | 'deleteVectors' | 'scrubJob'
  >;
  calls: TopicCallDeps;
  taxonomy(): Promise<CurrentTaxonomy>;
  /** `analytics.topics` as it is now. */
  models(): { embeddingModel: string; zeroShotModel?: string };
  /** End users' segment attributes (they win over the key's and the app's), when the store knows them. */
  endUserSegments?(workspaceId: string, endUsers: readonly string[]): Promise<ReadonlyMap<string, Segments>>;
  now?(): number;
}

/** What one run did. */
export interface TopicRunOutcome {
  classified: number;
  cacheHits: number;
  /** Requests that could not be classified for a reason a retry would not fix (the key disabled, the model unknown). */
  failed: number;
  /** Requests labelled before (a job run again). */
  skipped: number;
}

/** Whether a failed classifier call may succeed later: rate limits, timeouts, 5xx, an unreachable provider. */
export function isTransientTopicError(err: unknown): boolean {
  if (!(err instanceof GatewayError)) return !(err instanceof Error && err.name === 'TaxonomyError');
  if (err.status === 401 || err.status === 403 || err.status === 404) return false;
  return err.retryable || err.status === 408 || err.status === 429 || err.status >= 500;
}

/**
 * Classifies batches of captured requests and writes their labels: the requests of each workspace
 * with that workspace's classifier calls (see topic-calls.ts), the prompt-hash cache read from the
 * store first (a repeated prompt is never embedded again, across restarts) and the label vectors of
 * the taxonomy and embedding model loaded from it, one transaction per workspace. Requests labelled
 * before are skipped, so running a batch again changes nothing. A failure a retry may fix is thrown
 * (the job retries); any other marks the workspace's requests failed.
 */
export class TopicBatchRunner {
  /** Classifications by prompt hash, in front of the store's. */
  readonly memory = new MemoryTopicCache(10_000);
  private readonly vectors = new Map<string, LabelVectors>();

  constructor(private readonly deps: TopicRunnerDeps) {}

  async run(items: readonly TopicItem[], opts: { signal?: AbortSignal; scrubJobId?: string } = {}): Promise<TopicRunOutcome> {
    const out: TopicRunOutcome = { classified: 0, cacheHits: 0, failed: 0, skipped: 0 };
    const done = await this.deps.repo.labelled(items.map((i) => i.id));
    const groups = new Map<string, TopicItem[]>();
    for (const item of items) {
      if (done.has(item.id)) out.skipped++;
      else {
        const ws = item.workspace ?? '';
        const list = groups.get(ws);
        if (list) list.push(item);
        else groups.set(ws, [item]);
      }
    }
    const entries = [...groups];
    if (entries.length === 0) {
      if (opts.scrubJobId) await this.deps.repo.scrubJob(opts.scrubJobId);
      return out;
    }
    const taxonomy = await this.deps.taxonomy();
    for (let g = 0; g < entries.length; g++) {
      const [ws, list] = entries[g]!;
      const scrubJobId = g === entries.length - 1 ? opts.scrubJobId : undefined;
      const r = await this.workspace(ws, list, taxonomy, opts.signal);
      await this.deps.repo.record({ labels: r.labels, cache: r.cache, usage: [r.usage], scrubJobId });
      out.classified += r.usage.classified;
      out.cacheHits += r.usage.cacheHits;
      out.failed += r.usage.failed;
    }
    return out;
  }

  private async workspace(
    ws: string,
    items: TopicItem[],
    taxonomy: CurrentTaxonomy,
    signal: AbortSignal | undefined,
  ): Promise<{ labels: TopicLabelRecord[]; cache: TopicCacheRecord[]; usage: TopicUsageDelta }> {
    const now = this.deps.now?.() ?? Date.now();
    // Requests without a workspace (the admin token's) are classified, and paid for, in the default one.
    const payer = ws || DEFAULT_WORKSPACE_ID;
    const usage: TopicUsageDelta = {
      hour: now - (now % HOUR_MS),
      workspaceId: payer,
      classified: 0,
      cacheHits: 0,
      failed: 0,
      embedCalls: 0,
      embeddedTexts: 0,
      zeroShotCalls: 0,
      costCny: 0,
    };
    const { embeddingModel, zeroShotModel } = this.deps.models();
    // The key and the calls are made only when something is not cached.
    let calls: Promise<WorkspaceCalls> | undefined;
    const open = () => (calls ??= workspaceCalls(this.deps.calls, payer, { embeddingModel, zeroShotModel, signal }));
    const embedder: TopicEmbedder = { embed: async (texts) => (await open()).embedder.embed(texts) };
    const zeroShot: ZeroShotModel | undefined = zeroShotModel
      ? { complete: async (messages) => (await open()).zeroShot!.complete(messages) }
      : undefined;
    // No embedding model configured: nothing can be classified until one is.
    if (!embeddingModel) return { labels: [], cache: [], usage: { ...usage, failed: items.length } };
    const texts = items.map((i) => normalizeTopicText(i.text));
    const cache = new BatchCache(this.memory, taxonomy.hash);
    await this.prefetch(texts.map((t) => promptHash(t, taxonomy.hash)));
    const stored = await this.labelVectors(taxonomy.hash, embeddingModel);
    const classifier = new TopicBatchClassifier({
      taxonomy: taxonomy.taxonomy,
      embedder,
      cache,
      sampleRate: 1,
      zeroShot,
      labelVectors: stored,
    });
    let results: TopicResult[];
    try {
      results = await classifier.classify(texts);
    } catch (err) {
      Object.assign(usage, tallyOf(await calls?.catch(() => undefined)));
      // The model's vectors changed size (another model behind the same name): the label vectors are built again next time.
      if (stored && err instanceof Error && /dimensions/.test(err.message)) {
        this.vectors.delete(`${taxonomy.hash}\0${embeddingModel}`);
        await this.deps.repo.deleteVectors(taxonomy.hash, embeddingModel);
      }
      if (signal?.aborted || isTransientTopicError(err)) {
        // What the failed attempt cost is kept; its labels are not, and the job runs it again.
        await this.deps.repo.addUsage([usage]);
        throw err;
      }
      usage.failed = items.length;
      return { labels: [], cache: cache.fresh, usage };
    }
    Object.assign(usage, tallyOf(await calls?.catch(() => undefined)));
    if (!stored && results.some((r) => r.status === 'classified' && r.via !== 'cache')) {
      const built = await classifier.labelVectors();
      this.vectors.set(`${taxonomy.hash}\0${embeddingModel}`, built);
      await this.deps.repo.saveVectors(taxonomy.hash, embeddingModel, built as StoredLabelVectors);
    }
    const users = [...new Set(items.map((i) => i.user).filter((u): u is string => !!u))];
    const endUsers = users.length && this.deps.endUserSegments ? await this.deps.endUserSegments(ws, users) : undefined;
    const labels: TopicLabelRecord[] = [];
    // A prompt repeated within the batch was embedded once: its repeats count as answered by the cache.
    const asked = new Set<string>();
    items.forEach((item, i) => {
      const r = results[i]!;
      if (r.status !== 'classified') return;
      const via = r.via === 'cache' || asked.has(r.hash) ? 'cache' : r.via;
      asked.add(r.hash);
      if (via === 'cache') usage.cacheHits++;
      usage.classified++;
      const seg = mergeSegments(item.segments, item.user ? endUsers?.get(item.user) : undefined);
      labels.push({
        requestId: item.id,
        createdAt: item.ts,
        workspaceId: ws,
        model: item.model,
        scenario: item.scenario ?? DIRECT_API,
        appId: item.app,
        keyId: item.key,
        provider: item.provider,
        industry: seg.industry ?? null,
        region: seg.region ?? null,
        userGroup: seg.user_group ?? null,
        label: r.label,
        via,
      });
    });
    return { labels, cache: cache.fresh, usage };
  }

  /** Loads the stored classifications of these hashes into the memory cache. */
  private async prefetch(hashes: string[]): Promise<void> {
    const missing = hashes.filter((h) => !this.memory.peek(h));
    if (missing.length === 0) return;
    for (const [hash, e] of await this.deps.repo.cached(missing))
      await this.memory.set(hash, { label: e.label, score: e.score, via: e.via });
  }

  private async labelVectors(hash: string, model: string): Promise<LabelVectors | undefined> {
    const key = `${hash}\0${model}`;
    const known = this.vectors.get(key);
    if (known || !model) return known;
    const stored = await this.deps.repo.loadVectors(hash, model);
    if (!stored) return undefined;
    const v: LabelVectors = { taxonomyHash: hash, ...stored };
    if (this.vectors.size >= 16) this.vectors.clear();
    this.vectors.set(key, v);
    return v;
  }
}

function tallyOf(calls: WorkspaceCalls | undefined): Partial<TopicUsageDelta> {
  if (!calls) return {};
  const t = calls.tally;
  return { embedCalls: t.embedCalls, embeddedTexts: t.embeddedTexts, zeroShotCalls: t.zeroShotCalls, costCny: t.costCny };
}

/** The memory cache as one batch sees it: what the batch classified anew is kept for the store. */
class BatchCache implements TopicCache {
  readonly fresh: TopicCacheRecord[] = [];

  constructor(
    private readonly memory: MemoryTopicCache,
    private readonly taxonomyHash: string,
  ) {}

  async get(hash: string): Promise<TopicCacheEntry | undefined> {
    return this.memory.peek(hash);
  }

  async set(hash: string, entry: TopicCacheEntry): Promise<void> {
    await this.memory.set(hash, entry);
    this.fresh.push({ hash, taxonomyHash: this.taxonomyHash, label: entry.label, score: entry.score, via: entry.via });
  }
}
