import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestLogRow } from '../store/schema.js';

/** LLM calls range from a cached 50 ms answer to a two-minute long generation. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];
/** Time to first token is usually well under the total; finer at the low end. */
const TTFT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 3, 5, 10, 20, 60];

/** Label value for anything past a cardinality cap, or a model that never reached a provider. */
const OTHER = 'other';
/** Label value for a row without a provider (rejected before routing). */
const NO_PROVIDER = 'none';
/** Long label values bloat every scrape; model names are far shorter than this in practice. */
const MAX_LABEL_LENGTH = 128;

export interface GatewayMetricsOptions {
  /** Distinct model label values kept before new ones become `other` (default 500). */
  maxModels?: number;
  /** Register prom-client's process metrics (memory, CPU, event loop lag); default true. */
  defaultMetrics?: boolean;
}

/** A bound counter child and increments not yet handed to it; they are flushed at scrape time. */
interface Slot {
  child: Counter.Internal;
  pending: number;
}

/** The label-bound children for one (endpoint, model, provider) tuple, bound once and reused. */
interface Group {
  endpoint: string;
  provider: string;
  duration: Histogram.Internal<string>;
  ttft: Histogram.Internal<string> | null;
  promptTokens: Slot;
  completionTokens: Slot;
  cost: Slot;
  byStatus: Map<number, Slot>;
  byErrorType: Map<string, Slot>;
}

/**
 * Prometheus metrics for the gateway, on a private registry so several servers can share a process
 * (tests do). `observe` runs once per request on the hot path (about 1 µs), so:
 *  - every label-bound child is looked up once and cached by its label tuple: prom-client's
 *    `.labels()` builds and validates a label object per call;
 *  - even a bound prom-client child hashes its labels on every `inc` (~0.2 µs), so counters add to a
 *    plain number in a Slot and reach prom-client in one `inc` per series per scrape (the counters'
 *    `collect` hook). Histograms need each value, so they are observed directly.
 *
 * Cardinality is bounded: endpoint and provider come from code and config; status is the HTTP code;
 * the model label is the client-chosen `model_requested`, so it is capped at `maxModels` distinct
 * values. A model name only claims a slot once a request for it was routed to a provider (or
 * succeeded), so a client sending random model names, which all fail before routing, cannot
 * exhaust the cap; such rows are labelled `other`.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly maxModels: number;
  /** Admitted model names (raw `model_requested`) and their label values. */
  private readonly models = new Map<string, string>();
  private readonly errorTypes = new Set<string>();
  /** Model label, then the few (endpoint, provider) groups seen with it. */
  private readonly groups = new Map<string, Group[]>();
  private readonly cacheHitSlots = new Map<string, Slot>();
  private readonly limiterSlots = new Map<string, Slot>();
  /** Every Slot, for flushing. */
  private readonly slots: Slot[] = [];
  private queueDepth: () => number = () => 0;
  private droppedLogs: () => number = () => 0;

  private readonly requests: Counter<string>;
  private readonly errors: Counter<string>;
  private readonly duration: Histogram<string>;
  private readonly ttft: Histogram<string>;
  private readonly tokens: Counter<string>;
  private readonly cost: Counter<string>;
  private readonly cacheHits: Counter<string>;
  private readonly limiter: Counter<string>;

  constructor(opts: GatewayMetricsOptions = {}) {
    this.maxModels = opts.maxModels ?? 500;
    const registers = [this.registry];
    // Each deferred counter flushes every Slot before it is read; the first one does the work.
    const flush = (): void => this.flush();
    const counter = (name: string, help: string, labelNames: string[]): Counter<string> =>
      new Counter({ name, help, labelNames, registers, collect: flush });
    const route = ['endpoint', 'model', 'provider'];
    this.requests = counter('baimo_requests_total', 'Requests to /v1 endpoints by HTTP status.', [...route, 'status']);
    this.errors = counter('baimo_request_errors_total', 'Failed /v1 requests by error type.', [...route, 'error_type']);
    this.duration = new Histogram({
      name: 'baimo_request_duration_seconds',
      help: 'Total /v1 request latency in seconds.',
      labelNames: route,
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.ttft = new Histogram({
      name: 'baimo_time_to_first_token_seconds',
      help: 'Time to the first streamed token in seconds (streaming requests only).',
      labelNames: route,
      buckets: TTFT_BUCKETS,
      registers,
    });
    this.tokens = counter('baimo_tokens_total', 'Tokens processed, by kind (prompt or completion).', ['model', 'provider', 'kind']);
    this.cost = counter('baimo_cost_cny_total', 'Upstream cost in CNY.', ['model', 'provider']);
    this.cacheHits = counter('baimo_cache_hits_total', 'Requests answered from the response cache.', ['model']);
    this.limiter = counter('baimo_limiter_rejections_total', 'Requests rejected by a limit (rpm, tpm, tokens, budget, ...).', ['limit']);
    // Scrape-time values: the arrows read the current getter, so setQueueDepth may come later.
    const depth = (): number => this.queueDepth();
    const dropped = (): number => this.droppedLogs();
    new Gauge({
      name: 'baimo_log_writer_queue_depth',
      help: 'Request log rows waiting to be written.',
      registers,
      collect() {
        this.set(depth());
      },
    });
    // A real counter (so rate() works) fed from the writer's running total at scrape time.
    let droppedSeen = 0;
    new Counter({
      name: 'baimo_log_rows_dropped_total',
      help: 'Request log rows dropped because the database could not take them.',
      registers,
      collect() {
        const now = dropped();
        if (now > droppedSeen) {
          this.inc(now - droppedSeen);
          droppedSeen = now;
        }
      },
    });
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Records one finished /v1 request from its log row. Called on the hot path: keep it cheap. */
  observe(row: RequestLogRow): void {
    // A routed or successful request proves the model is real; only those claim a label slot.
    const model = this.modelLabel(row.model_requested, row.provider !== null || row.status < 400);
    const g = this.group(row.endpoint, model, row.provider ?? NO_PROVIDER);
    let byStatus = g.byStatus.get(row.status);
    if (!byStatus) {
      byStatus = this.slot(this.requests.labels(g.endpoint, model, g.provider, statusLabel(row.status)));
      g.byStatus.set(row.status, byStatus);
    }
    byStatus.pending++;
    if (row.error_type) {
      let byType = g.byErrorType.get(row.error_type);
      if (!byType) {
        byType = this.slot(this.errors.labels(g.endpoint, model, g.provider, this.errorTypeLabel(row.error_type)));
        g.byErrorType.set(row.error_type, byType);
      }
      byType.pending++;
    }
    g.duration.observe(row.latency_ms / 1000);
    if (row.stream && row.ttft_ms !== null && row.ttft_ms !== undefined) {
      g.ttft ??= this.ttft.labels(g.endpoint, model, g.provider);
      g.ttft.observe(row.ttft_ms / 1000);
    }
    if (row.prompt_tokens > 0) g.promptTokens.pending += row.prompt_tokens;
    if (row.completion_tokens > 0) g.completionTokens.pending += row.completion_tokens;
    if (row.cost_cny > 0) g.cost.pending += row.cost_cny;
    if (row.cache_hit) {
      let hit = this.cacheHitSlots.get(model);
      if (!hit) {
        hit = this.slot(this.cacheHits.labels(model));
        this.cacheHitSlots.set(model, hit);
      }
      hit.pending++;
    }
  }

  /** Counts a request refused by a limiter; `kind` is rpm, tpm, tokens, budget, ... */
  limiterRejected(kind: string): void {
    let slot = this.limiterSlots.get(kind);
    if (!slot) {
      // Kinds come from code, but cap them anyway so a bug cannot grow the series without bound.
      slot = this.slot(this.limiter.labels(this.limiterSlots.size < 32 ? clip(kind) : OTHER));
      this.limiterSlots.set(kind, slot);
    }
    slot.pending++;
  }

  /** Supplies the log writer's queue length, read at every scrape. */
  setQueueDepth(fn: () => number): void {
    this.queueDepth = fn;
  }

  /** Supplies the log writer's running count of dropped rows, read at every scrape. */
  setDroppedLogs(fn: () => number): void {
    this.droppedLogs = fn;
  }

  /** The Prometheus text exposition of every metric on this registry. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  private group(endpoint: string, model: string, provider: string): Group {
    let list = this.groups.get(model);
    if (!list) {
      list = [];
      this.groups.set(model, list);
    }
    // Usually one or two entries per model; the strings come from code and config, so the
    // comparisons are mostly pointer checks.
    for (const g of list) if (g.endpoint === endpoint && g.provider === provider) return g;
    const e = clip(endpoint);
    const p = clip(provider);
    const g: Group = {
      endpoint,
      provider,
      duration: this.duration.labels(e, model, p),
      ttft: null,
      promptTokens: this.slot(this.tokens.labels(model, p, 'prompt')),
      completionTokens: this.slot(this.tokens.labels(model, p, 'completion')),
      cost: this.slot(this.cost.labels(model, p)),
      byStatus: new Map(),
      byErrorType: new Map(),
    };
    list.push(g);
    return g;
  }

  private slot(child: Counter.Internal): Slot {
    const s = { child, pending: 0 };
    this.slots.push(s);
    return s;
  }

  /** Hands pending counts to prom-client; runs at scrape time. */
  private flush(): void {
    for (const s of this.slots) {
      if (s.pending !== 0) {
        s.child.inc(s.pending);
        s.pending = 0;
      }
    }
  }

  private modelLabel(model: string, routed: boolean): string {
    const known = this.models.get(model);
    if (known !== undefined) return known;
    if (!routed || this.models.size >= this.maxModels) return OTHER;
    const label = clip(model);
    this.models.set(model, label);
    return label;
  }

  private errorTypeLabel(type: string): string {
    // Error types come from the gateway's fixed taxonomy; the cap only guards against a bug.
    if (this.errorTypes.has(type)) return clip(type);
    if (this.errorTypes.size >= 32) return OTHER;
    this.errorTypes.add(type);
    return clip(type);
  }
}

/** The HTTP code as a label; anything that is not a valid code collapses to `other`. */
function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : OTHER;
}

function clip(value: string): string {
  return value.length > MAX_LABEL_LENGTH ? value.slice(0, MAX_LABEL_LENGTH) : value;
}
