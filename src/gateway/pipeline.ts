import type { ChatRequest, ChatResult, EmbedRequest, RerankRequest } from '../core/chat-types.js';
import type { GatewayError } from '../core/errors.js';
import type { PartsTransform, Settlement, Stage, StageAdditions, StageEntry, StageFacts } from '../core/stage.js';
import type { StoredAnswer } from '../core/stored-answer.js';
import type { RequestContext } from './request-context.js';
import type { TargetFilter } from './router.js';
import type { Route, Target } from './target.js';

/** The endpoints a request comes through. */
export type GatewayEndpoint = 'chat' | 'embeddings' | 'rerank';
/** A request as the stages see it, by endpoint. */
export type GatewayRequest = ChatRequest | EmbedRequest | RerankRequest;

/** What a stage sees of a call before it is made. */
export interface StageCall {
  readonly ctx: RequestContext;
  readonly endpoint: GatewayEndpoint;
  /** The model the client asked for. */
  readonly model: string;
  readonly route: Route;
  readonly stream: boolean;
  /** The request as the stages before this one left it. */
  readonly request: GatewayRequest;
}

/** A request stage of the gateway (see `core/stage.ts`). */
export type GatewayStage = Stage<StageCall, GatewayRequest, Target, StoredAnswer>;
export type GatewayEntry = StageEntry<StageCall, GatewayRequest, Target, StoredAnswer>;

/**
 * One request's way through the stages: the call they see, and what they added. Created by the
 * gateway per request; only the pipeline and the gateway change it.
 */
export class Passage implements StageCall {
  allow: TargetFilter | undefined;
  /** A stored answer a stage served: the call is not made. */
  answer: StoredAnswer | undefined;
  headers: Readonly<Record<string, string>> | undefined;
  fields: Readonly<Record<string, string>> | undefined;
  /** Some stage's `settle` wants the provider's complete answer. */
  wantsAnswer = false;
  /**
   * The model name the route was resolved for: the client's, or the one a stage put in its place (a
   * scenario app's model); prices are looked up under it.
   */
  routed: string;
  private entries: GatewayEntry[] | undefined;
  private added: StageFacts | undefined;

  constructor(
    readonly ctx: RequestContext,
    readonly endpoint: GatewayEndpoint,
    readonly model: string,
    public route: Route,
    readonly stream: boolean,
    public request: GatewayRequest,
    allow?: TargetFilter,
    /** The route of a model a stage changed the request to (no allow-list: the key was checked against `model`). */
    private readonly reroute?: (model: string) => Route,
  ) {
    this.allow = allow;
    this.routed = model;
  }

  /** Takes one stage's entry; true when it served an answer (the stages after it do not run). */
  add(e: GatewayEntry): boolean {
    if (e.request) {
      // A stage that changed the model (a scenario app's): the stages after it see the new model's route.
      const m = e.request.model;
      if (m !== this.request.model && this.reroute) {
        this.route = this.reroute(m);
        this.routed = m;
      }
      this.request = e.request;
    }
    if (e.allow) this.allow = this.allow ? both(this.allow, e.allow) : e.allow;
    if (e.headers || e.fields) this.merge(e.headers, e.fields, undefined);
    if (e.wantsAnswer) this.wantsAnswer = true;
    (this.entries ??= []).push(e);
    if (!e.answer) return false;
    this.answer = e.answer;
    return true;
  }

  /** The answer's author is known (`provider/model`): each stage adds what it has for it (the AIGC label). */
  answered(by: string): void {
    const es = this.entries;
    if (!es) return;
    for (const e of es) {
      const a = e.answered?.(by, this);
      if (a) this.merge(a.headers, a.fields, a.facts);
    }
  }

  /** A whole answer through the stages, the last registered first (the one nearest the provider). */
  result(r: ChatResult): ChatResult {
    const es = this.entries;
    if (!es) return r;
    let out = r;
    for (let i = es.length - 1; i >= 0; i--) out = es[i].result?.(out) ?? out;
    return out;
  }

  /** The stream transforms, nearest the provider first; undefined when no stage rewrites the stream. */
  transforms(): PartsTransform[] | undefined {
    const es = this.entries;
    if (!es) return undefined;
    let out: PartsTransform[] | undefined;
    for (let i = es.length - 1; i >= 0; i--) {
      const t = es[i].parts;
      if (t) (out ??= []).push(t);
    }
    return out;
  }

  /** The call failed after the stages opened. */
  failed(err: GatewayError): void {
    if (this.entries) for (const e of this.entries) e.failed?.(err, this);
  }

  /** The call is over (every opened stage is settled exactly once: success, stored answer or failure). */
  settle(s: Settlement<StoredAnswer>): void {
    if (this.entries) for (const e of this.entries) e.settle?.(s);
  }

  /** Whether some stage adds fields once the answer is complete. */
  get hasTrailer(): boolean {
    return this.entries?.some((e) => e.trailer) ?? false;
  }

  /** The fields the stages add once the answer is complete (see `StageEntry.trailer`); read once. */
  trailer(): Readonly<Record<string, string>> | undefined {
    let out: Record<string, string> | undefined;
    if (this.entries)
      for (const e of this.entries) {
        const t = e.trailer?.();
        if (t) out = { ...out, ...t };
      }
    return out;
  }

  /** The answer's top-level fields: what the stages added at the start, then their trailers. */
  finalFields(): Readonly<Record<string, string>> | undefined {
    const t = this.hasTrailer ? this.trailer() : undefined;
    return t ? { ...this.fields, ...t } : this.fields;
  }

  /** Every stage's log facts, read once for the request's log row. */
  facts(): StageFacts | undefined {
    let out = this.added;
    if (this.entries) {
      for (const e of this.entries) {
        const f = e.facts?.();
        if (f) out = out ? { ...out, ...f } : f;
      }
    }
    return out;
  }

  private merge(headers: StageAdditions['headers'], fields: StageAdditions['fields'], facts: StageFacts | undefined): void {
    // Never changed in place, so the first stage's objects are taken as they are.
    if (headers) this.headers = this.headers ? { ...this.headers, ...headers } : headers;
    if (fields) this.fields = this.fields ? { ...this.fields, ...fields } : fields;
    if (facts) this.added = this.added ? { ...this.added, ...facts } : facts;
  }
}

/** A target passes when every filter lets it; the first refusal is the answer. */
function both(a: TargetFilter, b: TargetFilter): TargetFilter {
  return (t) => {
    const why = a(t);
    return why === true ? b(t) : why;
  };
}

/**
 * Runs the registered stages' `open` in order over a passage, stopping at the first that serves an
 * answer. Synchronous until a stage returns a promise (as Hono's `compose` keeps a handler chain
 * synchronous): with stages that have nothing to do, or only synchronous work, no promise is made.
 */
export class Pipeline {
  constructor(readonly stages: readonly GatewayStage[]) {}

  open(p: Passage): void | Promise<void> {
    const stages = this.stages;
    for (let i = 0; i < stages.length; i++) {
      const e = stages[i].open(p);
      if (e instanceof Promise) return this.resume(p, e, i);
      if (e && p.add(e)) return;
    }
  }

  private async resume(p: Passage, pending: Promise<GatewayEntry | undefined>, at: number): Promise<void> {
    const stages = this.stages;
    let e = await pending;
    for (let i = at; ;) {
      if (e && p.add(e)) return;
      if (++i >= stages.length) return;
      const next = stages[i].open(p);
      e = next instanceof Promise ? await next : next;
    }
  }
}
