import type {
  ChatMessage,
  ChatRequest,
  ChatResult,
  EmbedRequest,
  EmbedResult,
  FinishReason,
  StreamPart,
  Usage,
} from '../core/chat-types.js';
import { Cancellation } from '../core/cancellation.js';
import { gatewayError } from '../core/error-codes.js';
import { GatewayError, toGatewayError } from '../core/errors.js';
import type { CallOptions } from '../core/provider.js';
import type { LogWriter } from '../store/log-writer.js';
import type { CachePlan, RequestPolicy } from '../governance/request-policy.js';
import type { Ticket } from '../governance/enforcer.js';
import { quickPromptTokens, quickTextsTokens } from '../governance/quick-estimate.js';
import type { CachedAnswer } from '../cache/cached-answer.js';
import type { RequestLogRow } from '../store/schema.js';
import type { ComplianceGate, Inbound } from '../compliance/compliance-gate.js';
import type { Outbound } from '../compliance/outbound.js';
import { AnswerCollector } from './answer-collector.js';
import { NO_COST, type Cost } from './cost.js';
import { estimateChat, estimateTextTokens } from './estimate-tokens.js';
import { replay } from './replay-cached.js';
import { makeLogRow, type LogFacts } from './log-row.js';
import type { RequestContext } from './request-context.js';
import type { Lease, Router, RouteTrace, TargetFilter } from './router.js';
import { withStreamTimeouts } from './stream-timeouts.js';
import type { Target } from './target.js';
import { UsageAccumulator } from './usage-accumulator.js';

export interface GatewaySettings {
  storeBodies: boolean;
  /** Sees every log row as it is written (metrics). */
  observe?: (row: RequestLogRow) => void;
  /** Data security and compliance policies (PII, routing, moderation, labels); none when absent. */
  compliance?: ComplianceGate;
}

export interface ChatOutcome {
  result: ChatResult;
  usage: Usage;
  cost: Cost;
}

export interface EmbedOutcome {
  result: EmbedResult;
  usage: { promptTokens: number; estimated?: boolean };
}

interface OpenedStream {
  ticket: Ticket;
  cache: CachePlan | undefined;
  target: Target;
  lease: Lease;
  it: AsyncIterator<StreamPart>;
  first: IteratorResult<StreamPart>;
  /** The sent request (personal data masked), for the log and the usage estimate. */
  sent: ChatRequest;
  outbound: Outbound | undefined;
}

/**
 * The request path between the edge and the adapters: route, call with retries and fallbacks, settle
 * usage and cost, and leave one log row. The HTTP server and the CLI both call it.
 */
export class Gateway {
  constructor(
    readonly router: Router,
    private readonly logs: LogWriter,
    private readonly policy: RequestPolicy,
    private readonly s: GatewaySettings,
  ) {}

  /**
   * One call baimo makes for itself (model-based moderation): no policies, no labels, no key limits;
   * logged and costed like any call, under the asking request's workspace.
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
        cacheStatus: null,
        internal: true,
        routeFilter: allow,
        compliance: undefined,
        aigcLabel: undefined,
      };
      const { result } = await this.chat({ model, messages, temperature: 0, max_tokens: 256 }, ctx);
      return result.content ?? '';
    } finally {
      clearTimeout(timer);
      stop();
    }
  }

  /** A whole answer. */
  async chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome> {
    const trace: RouteTrace = { attempts: 0 };
    let ticket: Ticket | undefined;
    let sent = req;
    try {
      const route = this.router.resolve(req.model, ctx.key?.models);
      let inb = this.s.compliance?.inbound(req, ctx);
      if (inb instanceof Promise) inb = await inb;
      if (inb) sent = inb.request;
      const admitted = this.policy.admit(ctx, req.model, route, () => quickPromptTokens(sent));
      ticket = admitted instanceof Promise ? await admitted : admitted;
      const plan = this.policy.cachePlan(ctx, sent);
      const hit = plan && (await this.cached(plan, sent, ctx, trace, ticket, false, inb));
      if (hit) return { result: inb?.outbound ? inb.outbound.result(hit.result) : hit.result, usage: hit.usage, cost: NO_COST };
      const raw = await this.router.execute(route, (t, opts) => t.provider.chat(sent, opts), {
        cancellation: ctx.cancellation,
        requestId: ctx.requestId,
        trace,
        allow: inb?.allow,
      });
      const result = inb?.outbound ? inb.outbound.result(raw) : raw;
      this.s.compliance?.label(ctx, trace.target?.key ?? null);
      const usage = raw.usage ?? (await estimateChat(sent, raw));
      const cost = this.cost(trace, req.model, usage);
      ticket.settle(usage, cost);
      if (plan)
        this.policy.remember(plan, {
          result: raw,
          usage,
          provider: trace.target?.providerName ?? null,
          upstreamModel: trace.target?.model ?? null,
          createdAt: Date.now(),
        });
      this.log(
        ctx,
        sent,
        { endpoint: 'chat', model: req.model, trace, status: 200, usage, cost, stream: false, finishReason: result.finishReason },
        raw,
      );
      return { result, usage, cost };
    } catch (e) {
      ticket?.settle(undefined, undefined);
      throw this.fail(ctx, sent, trace, e, false);
    }
  }

  /**
   * A streamed answer. Resolves once the first part has arrived (all retries and fallbacks happen
   * before that); after it, failures arrive as an `error` part. The `finish` part comes last and
   * carries the settled usage.
   */
  async stream(req: ChatRequest, ctx: RequestContext): Promise<AsyncGenerator<StreamPart>> {
    const trace: RouteTrace = { attempts: 0 };
    let opened: OpenedStream;
    let ticket: Ticket | undefined;
    let sent = req;
    try {
      const route = this.router.resolve(req.model, ctx.key?.models);
      let inb = this.s.compliance?.inbound(req, ctx);
      if (inb instanceof Promise) inb = await inb;
      if (inb) sent = inb.request;
      const outbound = inb?.outbound;
      const pending = this.policy.admit(ctx, req.model, route, () => quickPromptTokens(sent));
      ticket = pending instanceof Promise ? await pending : pending;
      const cache = this.policy.cachePlan(ctx, sent);
      const hit = cache && (await this.cached(cache, sent, ctx, trace, ticket, true, inb));
      if (hit) return replay(hit, outbound);
      const admitted = ticket;
      opened = await this.router.execute(
        route,
        async (target, opts, lease) => {
          const parts = withStreamTimeouts(
            target.provider.stream(sent, opts),
            target.providerName,
            opts.timeouts.firstByte,
            opts.timeouts.idle,
            (err) => lease.abort(err),
          );
          const it = parts[Symbol.asyncIterator]();
          const first = await it.next();
          if (!first.done && first.value.type === 'error') throw first.value.error; // nothing sent yet: retryable
          lease.keep();
          return { ticket: admitted, cache, target, lease, it, first, sent, outbound };
        },
        { cancellation: ctx.cancellation, requestId: ctx.requestId, trace, streaming: true, allow: inb?.allow },
      );
      this.s.compliance?.label(ctx, opened.target.key);
    } catch (e) {
      ticket?.settle(undefined, undefined);
      throw this.fail(ctx, sent, trace, e, true);
    }
    return this.pump(req, ctx, trace, opened);
  }

  private async *pump(req: ChatRequest, ctx: RequestContext, trace: RouteTrace, o: OpenedStream): AsyncGenerator<StreamPart> {
    const acc = new UsageAccumulator();
    const ttftMs = Date.now() - ctx.startedAt;
    let reason: FinishReason = 'stop';
    let error: GatewayError | undefined;
    let completed = false;
    const answer = this.s.storeBodies || o.cache ? new AnswerCollector() : undefined;
    const out = o.outbound;
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
          if (!out) yield part;
          else {
            for (const p of out.push(part)) yield p;
            if (out.cut) break; // output moderation: stop reading; the answer ends with content_filter
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
      const outcome = completed ? 'success' : error ? 'failure' : 'neutral';
      o.lease.release(outcome);
      if (!completed && !error) o.lease.abort(new Error('client disconnected'));
    }
    const usage = await acc.settle(o.sent);
    const cost = this.cost(trace, req.model, usage);
    o.ticket.settle(usage, cost);
    if (out?.cut) reason = 'content_filter';
    if (completed && o.cache && answer && !out?.cut) {
      this.policy.remember(o.cache, {
        result: answer.result(reason),
        usage,
        provider: o.target.providerName,
        upstreamModel: o.target.model,
        createdAt: Date.now(),
      });
    }
    const status = error ? error.status : completed ? 200 : 499;
    this.log(
      ctx,
      o.sent,
      {
        endpoint: 'chat',
        model: req.model,
        trace,
        status,
        error,
        usage,
        cost,
        ttftMs,
        stream: true,
        finishReason: completed ? reason : null,
      },
      answer?.content,
    );
    if (error) {
      error.requestId = ctx.requestId;
      yield { type: 'error', error };
      return;
    }
    if (!completed) return;
    if (out) for (const p of out.finish(reason, usage)) yield p;
    else yield { type: 'finish', reason, usage };
  }

  /** Embeddings through the same routing. */
  async embed(req: EmbedRequest, ctx: RequestContext): Promise<EmbedOutcome> {
    const trace: RouteTrace = { attempts: 0 };
    let ticket: Ticket | undefined;
    try {
      const route = this.router.resolve(req.model, ctx.key?.models);
      let inb = this.s.compliance?.embedInbound(req, ctx);
      if (inb instanceof Promise) inb = await inb;
      const sent = inb ? inb.request : req;
      const admitted = this.policy.admit(ctx, req.model, route, () => quickTextsTokens(sent.input));
      ticket = admitted instanceof Promise ? await admitted : admitted;
      const result = await this.router.execute(
        route,
        (t, opts) => {
          if (!t.provider.embed) {
            throw gatewayError('embeddings_unsupported', `${t.providerName} does not offer embeddings; choose an embedding model`, {
              param: 'model',
              provider: t.providerName,
            });
          }
          return t.provider.embed(sent, opts);
        },
        { cancellation: ctx.cancellation, requestId: ctx.requestId, trace, allow: inb?.allow },
      );
      let usage = result.usage;
      if (!usage) {
        let n = 0;
        for (const s of sent.input) n += await estimateTextTokens(s);
        usage = { promptTokens: n, estimated: true };
      }
      const full: Usage = { promptTokens: usage.promptTokens, completionTokens: 0, estimated: usage.estimated };
      const cost = this.cost(trace, req.model, full);
      ticket.settle(full, cost);
      this.log(ctx, null, { endpoint: 'embeddings', model: req.model, trace, status: 200, usage: full, cost, stream: false });
      return { result, usage };
    } catch (e) {
      ticket?.settle(undefined, undefined);
      const err = toGatewayError(e);
      err.requestId = ctx.requestId;
      if (err.type === 'data_routing_blocked') this.s.compliance?.routingRefused(ctx);
      this.log(ctx, null, { endpoint: 'embeddings', model: req.model, trace, status: err.status, error: err, stream: false });
      throw err;
    }
  }

  /** Looks the request up in the response cache; a hit is settled (no tokens, no cost) and logged. */
  private async cached(
    plan: CachePlan,
    req: ChatRequest,
    ctx: RequestContext,
    trace: RouteTrace,
    ticket: Ticket,
    stream: boolean,
    inb: Inbound | undefined,
  ): Promise<CachedAnswer | undefined> {
    const hit = await this.policy.lookup(plan);
    ctx.cacheStatus = hit ? 'hit' : 'miss';
    if (!hit) return undefined;
    ticket.settle(undefined, undefined);
    if (inb) this.s.compliance?.label(ctx, hit.provider && hit.upstreamModel ? `${hit.provider}/${hit.upstreamModel}` : req.model);
    const facts: LogFacts = {
      endpoint: 'chat',
      model: req.model,
      trace,
      status: 200,
      usage: hit.usage,
      cost: NO_COST,
      stream,
      finishReason: hit.result.finishReason,
      cacheHit: true,
      served: hit,
    };
    if (stream) facts.ttftMs = Date.now() - ctx.startedAt;
    this.log(ctx, req, facts, stream ? hit.result.content : hit.result);
    return hit;
  }

  private fail(ctx: RequestContext, req: ChatRequest, trace: RouteTrace, e: unknown, stream: boolean): GatewayError {
    const err = toGatewayError(e);
    if (err.type === 'data_routing_blocked') this.s.compliance?.routingRefused(ctx);
    err.requestId = ctx.requestId;
    this.log(ctx, req, { endpoint: 'chat', model: req.model, trace, status: err.status, error: err, stream });
    return err;
  }

  private cost(trace: RouteTrace, routeName: string, usage: Usage): Cost {
    return this.policy.prices.cost(trace.target, routeName, usage);
  }

  private log(ctx: RequestContext, req: ChatRequest | null, facts: LogFacts, response?: unknown): void {
    if (this.s.storeBodies) {
      facts.requestBody = req ? JSON.stringify(req) : null;
      facts.responseBody = response === undefined ? null : typeof response === 'string' ? response : JSON.stringify(response);
    }
    const row = makeLogRow(ctx, facts);
    this.logs.write(row);
    this.s.observe?.(row);
  }
}
