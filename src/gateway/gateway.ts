import type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  EmbedRequest,
  FinishReason,
  RerankRequest,
  StreamPart,
  Usage,
} from '../core/chat-types.js';
import { Cancellation } from '../core/cancellation.js';
import { NO_COST, type Cost } from '../core/cost.js';
import { gatewayError } from '../core/error-codes.js';
import { GatewayError, toGatewayError } from '../core/errors.js';
import type { CallOptions } from '../core/provider.js';
import type { StoredAnswer } from '../core/stored-answer.js';
import { AnswerCollector } from './answer-collector.js';
import { estimateChat, estimateTextTokens } from './estimate-tokens.js';
import { InFlight } from './in-flight.js';
import { makeLogRow, type LogFacts } from './log-row.js';
import { openStream, type OpenedStream } from './open-stream.js';
import { anyCut, finishThrough, pushThrough, replayThrough, withTrailer } from './parts-chain.js';
import { Passage, Pipeline, type GatewayEndpoint, type GatewayRequest } from './pipeline.js';
import type { RequestContext } from './request-context.js';
import type { Router, RouteTrace, TargetFilter } from './router.js';
import type { Route, Target } from './target.js';
import { UsageAccumulator } from './usage-accumulator.js';

export type * from './gateway-outcomes.js';
import type {
  AnswerAdditions,
  ChatOutcome,
  EmbedOutcome,
  GatewaySettings,
  LogSink,
  RerankOutcome,
  StreamOutcome,
} from './gateway-outcomes.js';

const NO_STAGES = new Pipeline([]);

/**
 * The request path between the edge and the adapters: the stages before the call, the call with
 * retries and fallbacks, the stages over the answer, usage and cost, and one log row. The HTTP server
 * and the CLI both call it. It knows the stages only by their contract (`core/stage.ts`).
 */
export class Gateway {
  private readonly pipeline: Pipeline;
  /** Requests that have not left their log row yet (a shutdown waits for them). */
  private readonly inFlight = new InFlight();

  constructor(
    readonly router: Router,
    private readonly logs: LogSink,
    private readonly s: GatewaySettings,
  ) {
    this.pipeline = new Pipeline(s.stages ?? []);
  }

  /**
   * One call baimo makes for itself (model-based moderation): no stages (no policies, labels, limits
   * or cache); logged and costed like any call, under the asking request's workspace. `allow`: the
   * asking request's data-routing filter.
   */
  async ask(model: string, messages: ChatMessage[], timeoutMs: number, parent: RequestContext, allow?: TargetFilter): Promise<string> {
    const cancellation = new Cancellation();
    const timer = setTimeout(() => cancellation.cancel(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const stop = parent.cancellation.onCancel((reason) => cancellation.cancel(reason));
    try {
      const ctx: RequestContext = {
        ...parent,
        requestId: `${parent.requestId}-mod`,
        startedAt: Date.now(),
        cancellation,
        key: null,
        cacheMode: 'off',
      };
      const { result } = await this.whole({ model, messages, temperature: 0, max_tokens: 256 }, ctx, NO_STAGES, allow);
      return result.content ?? '';
    } finally {
      clearTimeout(timer);
      stop();
    }
  }

  /** A whole answer. */
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome> {
    return this.whole(req, ctx, this.pipeline, undefined);
  }

  /**
   * A streamed answer. Resolves once the first part has arrived (all retries and fallbacks happen
   * before that), with the headers the stages add.
   */
  async stream(req: ChatRequest, ctx: RequestContext): Promise<StreamOutcome> {
    this.inFlight.start();
    const trace: RouteTrace = { attempts: 0 };
    let p: Passage | undefined;
    let opened: OpenedStream;
    try {
      p = this.passage(req, ctx, 'chat', true, undefined);
      const opening = this.pipeline.open(p);
      if (opening) await opening;
      if (p.answer)
        return { parts: trailed(p, replayThrough(p.transforms(), this.served(p, trace, true))), headers: p.headers, fields: p.fields };
      const sent = p.request as ChatRequest;
      opened = await this.router.execute(p.route, (target, opts, lease) => openStream(sent, target, opts, lease), {
        cancellation: ctx.cancellation,
        requestId: ctx.requestId,
        trace,
        streaming: true,
        allow: p.allow,
      });
      p.answered(opened.target.key);
    } catch (e) {
      throw this.fail(ctx, p, req, trace, e, 'chat', true);
    }
    return { parts: trailed(p, this.pump(p, trace, opened)), headers: p.headers, fields: p.fields };
  }

  /** Embeddings through the same routing and stages. */
  embed(req: EmbedRequest, ctx: RequestContext): Promise<EmbedOutcome> {
    const call = (t: Target, sent: EmbedRequest, opts: CallOptions) =>
      t.provider.embed?.(sent, opts) ?? unsupported(t, 'embeddings_unsupported', 'embeddings; choose an embedding model');
    return this.unary(req, ctx, 'embeddings', call, (sent) => sent.input);
  }

  /** Reranking through the same routing and stages (the stages see the query and every document). */
  rerank(req: RerankRequest, ctx: RequestContext): Promise<RerankOutcome> {
    const call = (t: Target, sent: RerankRequest, opts: CallOptions) =>
      t.provider.rerank?.(sent, opts) ?? unsupported(t, 'rerank_unsupported', 'reranking; choose a rerank model');
    return this.unary(req, ctx, 'rerank', call, (sent) => [sent.query, ...sent.documents]);
  }

  /**
   * A call whose answer is not text (embeddings, rerank): the stages, the call with retries and
   * fallbacks, usage (estimated from `texts` when the provider reports none), cost and one log row.
   */
  private async unary<Req extends EmbedRequest | RerankRequest, Res extends { usage?: { promptTokens: number; estimated?: boolean } }>(
    req: Req,
    ctx: RequestContext,
    endpoint: 'embeddings' | 'rerank',
    call: (t: Target, sent: Req, opts: CallOptions) => Promise<Res>,
    texts: (sent: Req) => readonly string[],
  ): Promise<{ result: Res; usage: { promptTokens: number; estimated?: boolean }; cost: Cost } & AnswerAdditions> {
    this.inFlight.start();
    const trace: RouteTrace = { attempts: 0 };
    let p: Passage | undefined;
    try {
      p = this.passage(req, ctx, endpoint, false, undefined);
      const opening = this.pipeline.open(p);
      if (opening) await opening;
      const sent = p.request as Req;
      const result = await this.router.execute(p.route, (t, opts) => call(t, sent, opts), {
        cancellation: ctx.cancellation,
        requestId: ctx.requestId,
        trace,
        allow: p.allow,
      });
      let usage = result.usage;
      if (!usage) {
        let n = 0;
        for (const s of texts(sent)) n += await estimateTextTokens(s);
        usage = { promptTokens: n, estimated: true };
      }
      const full: Usage = { promptTokens: usage.promptTokens, completionTokens: 0, estimated: usage.estimated };
      const cost = this.s.price(trace.target, p.routed, full);
      p.settle({ usage: full, cost });
      this.log(ctx, p, null, { endpoint, model: req.model, trace, status: 200, usage: full, cost, stream: false });
      return { result, usage, cost, headers: p.headers, fields: p.fields };
    } catch (e) {
      throw this.fail(ctx, p, null, trace, e, endpoint, false);
    }
  }

  /**
   * The route, and the passage the stages will fill. The callers run the pipeline inline: no promise
   * is made when every stage answers synchronously.
   */
  private passage(
    req: GatewayRequest,
    ctx: RequestContext,
    endpoint: GatewayEndpoint,
    stream: boolean,
    allow: TargetFilter | undefined,
  ): Passage {
    return new Passage(ctx, endpoint, req.model, this.router.resolve(req.model, ctx.key?.models), stream, req, allow, this.reroute);
  }

  /**
   * The route of a model a stage put in the request's place (a scenario app's model). The key's model
   * allow-list was checked against the name the client sent (`app:{slug}`), not this one.
   */
  private readonly reroute = (model: string): Route => this.router.resolve(model);

  private async whole(req: ChatRequest, ctx: RequestContext, pipeline: Pipeline, allow: TargetFilter | undefined): Promise<ChatOutcome> {
    this.inFlight.start();
    const trace: RouteTrace = { attempts: 0 };
    let p: Passage | undefined;
    try {
      p = this.passage(req, ctx, 'chat', false, allow);
      const opening = pipeline.open(p);
      if (opening) await opening;
      if (p.answer) {
        const hit = this.served(p, trace, false);
        return { result: p.result(hit.result), usage: hit.usage, cost: NO_COST, headers: p.headers, fields: p.finalFields() };
      }
      const sent = p.request as ChatRequest;
      const raw = await this.router.execute(p.route, (t, opts) => t.provider.chat(sent, opts), {
        cancellation: ctx.cancellation,
        requestId: ctx.requestId,
        trace,
        allow: p.allow,
      });
      const target = trace.target!;
      p.answered(target.key);
      const result = p.result(raw);
      const usage = raw.usage ?? (await estimateChat(sent, raw));
      const cost = this.s.price(target, p.routed, usage);
      p.settle({ usage, cost, answer: p.wantsAnswer ? stored(raw, usage, target) : undefined });
      this.log(
        ctx,
        p,
        sent,
        { endpoint: 'chat', model: req.model, trace, status: 200, usage, cost, stream: false, finishReason: result.finishReason },
        raw,
      );
      return { result, usage, cost, headers: p.headers, fields: p.finalFields() };
    } catch (e) {
      throw this.fail(ctx, p, req, trace, e, 'chat', false);
    }
  }

  private async *pump(p: Passage, trace: RouteTrace, o: OpenedStream): AsyncGenerator<StreamPart> {
    const ctx = p.ctx;
    const acc = new UsageAccumulator();
    if (o.lead) for (const u of o.lead) acc.observe(u);
    const ttftMs = Date.now() - ctx.startedAt;
    let reason: FinishReason = 'stop';
    let error: GatewayError | undefined;
    let completed = false;
    const answer = this.s.storeBodies || p.wantsAnswer ? new AnswerCollector() : undefined;
    const ts = p.transforms();
    let cut = false;
    try {
      let r = o.first;
      while (!r.done) {
        const part = r.value;
        acc.observe(part);
        if (part.type === 'error') {
          error = o.target.redactor.scrub(part.error);
          break;
        }
        if (part.type === 'finish') reason = part.reason;
        else if (part.type !== 'usage') {
          answer?.observe(part);
          if (!ts) yield part;
          else {
            yield* pushThrough(ts, part);
            if (anyCut(ts)) {
              cut = true; // output moderation: stop reading; the answer ends with content_filter
              break;
            }
          }
        }
        r = await o.it.next();
      }
      completed = !error;
    } catch (e) {
      error = o.target.redactor.scrub(toGatewayError(e));
      if (ctx.cancellation.cancelled) error = undefined; // the client left; nothing to tell it
    } finally {
      o.lease.finish();
      if (!completed) void o.it.return?.(undefined)?.catch?.(() => undefined);
      o.lease.release(completed ? 'success' : error ? 'failure' : 'neutral');
      if (!completed && !error) o.lease.abort(new Error('client disconnected'));
    }
    const sent = p.request as ChatRequest;
    const usage = await acc.settle(sent);
    const cost = this.s.price(o.target, p.routed, usage);
    if (cut) reason = 'content_filter';
    if (error) p.failed(error);
    // Only an answer read to its end is complete enough to keep.
    p.settle({
      usage,
      cost,
      answer: completed && !cut && p.wantsAnswer && answer ? stored(answer.result(reason), usage, o.target) : undefined,
    });
    const status = error ? error.status : completed ? 200 : 499;
    const finishReason = completed ? reason : null;
    this.log(
      ctx,
      p,
      sent,
      { endpoint: 'chat', model: p.model, trace, status, error, usage, cost, ttftMs, stream: true, finishReason },
      answer?.content,
    );
    if (error) {
      error.requestId = ctx.requestId;
      yield { type: 'error', error };
      return;
    }
    if (!completed) return;
    if (ts) yield* finishThrough(ts, reason, usage);
    else yield { type: 'finish', reason, usage };
  }

  /** A stored answer a stage served: labelled, settled (no tokens, no cost) and logged. */
  private served(p: Passage, trace: RouteTrace, stream: boolean): StoredAnswer {
    const hit = p.answer!;
    p.answered(hit.provider && hit.upstreamModel ? `${hit.provider}/${hit.upstreamModel}` : p.model);
    p.settle({});
    const facts: LogFacts = {
      endpoint: 'chat',
      model: p.model,
      trace,
      status: 200,
      usage: hit.usage,
      cost: NO_COST,
      stream,
      finishReason: hit.result.finishReason,
      cacheHit: true,
      served: hit,
    };
    if (stream) facts.ttftMs = Date.now() - p.ctx.startedAt;
    this.log(p.ctx, p, p.request as ChatRequest, facts, stream ? hit.result.content : hit.result);
    return hit;
  }

  private fail(
    ctx: RequestContext,
    p: Passage | undefined,
    req: ChatRequest | null,
    trace: RouteTrace,
    e: unknown,
    endpoint: GatewayEndpoint,
    stream: boolean,
  ): GatewayError {
    const err = toGatewayError(e);
    err.requestId = ctx.requestId;
    if (p) {
      p.failed(err);
      p.settle({});
    }
    const model = p?.model ?? req?.model ?? '';
    this.log(ctx, p, endpoint === 'chat' ? ((p?.request as ChatRequest | undefined) ?? req) : null, {
      endpoint,
      model,
      trace,
      status: err.status,
      error: err,
      stream,
      stage: err.facts,
    });
    return err;
  }

  private log(ctx: RequestContext, p: Passage | undefined, req: ChatRequest | null, facts: LogFacts, response?: unknown): void {
    if (this.s.storeBodies) {
      facts.requestBody = req ? JSON.stringify(req) : null;
      facts.responseBody = response === undefined ? null : typeof response === 'string' ? response : JSON.stringify(response);
    }
    const fromStages = p?.facts();
    if (fromStages) facts.stage = facts.stage ? { ...fromStages, ...facts.stage } : fromStages;
    const row = makeLogRow(ctx, facts);
    this.logs.write(row);
    this.s.observe?.(row);
    this.inFlight.done();
  }

  /** Resolves once every request in flight has written its log row, or after `timeoutMs` (a shutdown). */
  settled(timeoutMs: number): Promise<void> {
    return this.inFlight.settled(timeoutMs);
  }
}

/** The provider's answer as a stage may keep it. */
function stored(result: ChatResult, usage: Usage, target: Target): StoredAnswer {
  return { result, usage, provider: target.providerName, upstreamModel: target.model, createdAt: Date.now() };
}

/** The stream, with the stages' trailer fields on its finish part when some stage adds them. */
function trailed(p: Passage, parts: AsyncGenerator<StreamPart>): AsyncGenerator<StreamPart> {
  return p.hasTrailer ? withTrailer(parts, () => p.trailer()) : parts;
}

/** The target's provider lacks the endpoint: a 400 naming it (not retried, the next target is tried). */

function unsupported(t: Target, code: 'embeddings_unsupported' | 'rerank_unsupported', what: string): never {
  throw gatewayError(code, `${t.providerName} does not offer ${what}`, { param: 'model', provider: t.providerName });
}
