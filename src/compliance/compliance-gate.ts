import type { ChatMessage, ChatRequest, EmbedRequest, RerankRequest } from '../core/chat-types.js';
import { gatewayError } from '../core/error-codes.js';
import { GatewayError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { TargetFilter } from '../gateway/router.js';
import type { Target } from '../gateway/target.js';
import type { AuditLog } from './audit/audit-log.js';
import type { ComplianceEvents } from './compliance-events.js';
import type { ModerationHit, TrustLevel } from './contracts.js';
import type { LabelSigner } from './labels/aigc-label.js';
import { LabelTally } from './labels/label-tally.js';
import { buildModerationPrompt, parseModerationAnswer } from './moderation/model-moderation.js';
import { Outbound, type OutboundPlan } from './outbound.js';
import { BodyScan } from './pii/mask-request.js';
import type { EffectivePolicy } from './policy/effective-policy.js';
import type { PolicyService } from './policy/policy-service.js';
import { forEachText, requestText, type TextVisitor } from './request-texts.js';

/** Asks a configured model (model-based moderation); resolves to its answer text. */
export type Classify = (
  model: string,
  messages: ChatMessage[],
  timeoutMs: number,
  parent: RequestContext,
  allow: TargetFilter | undefined,
) => Promise<string>;

/**
 * What a route's answer is, for {@link ComplianceGate.inboundBody}: `text` the client reads (chat,
 * responses, messages, apps: pseudonyms are restored in it, it is moderated and labelled), or `none`
 * (embeddings, rerank: a vector or a score cannot be restored, so `pseudonymize` redacts).
 */
export interface InboundOptions {
  answer: 'text' | 'none';
}

const TEXT_ANSWER: InboundOptions = { answer: 'text' };
const NO_TEXT_ANSWER: InboundOptions = { answer: 'none' };

/** What the gate decided for one request before it is routed. */
export interface Inbound<T extends object = ChatRequest> {
  /** The request as the provider may see it (personal data masked when the policy says so). */
  request: T;
  /** Data-routing filter for the router; undefined when every target is allowed. */
  allow: TargetFilter | undefined;
  /** The answer's way back (restore, moderate, explicit label); undefined when nothing changes it. */
  outbound: Outbound | undefined;
  events: ComplianceEvents;
}

/** Read on use (getters): the audit log and label signer load the master key on first use. */
export interface ComplianceGateDeps {
  readonly policies: PolicyService;
  readonly labels: LabelSigner | null;
  readonly audit: AuditLog;
}

/**
 * The compliance layer on the request path, between the edge and routing: input moderation, PII
 * detection and masking, data routing by provider trust level; on the way back pseudonyms are
 * restored, output moderated and the answer labelled (explicit notice, signed implicit label).
 * Policy events go to the request log (`compliance`) and the audit chain.
 */
export class ComplianceGate {
  private tally: LabelTally | undefined;

  /**
   * `ask` puts a question to a model for model-based moderation (the gateway's own call path, logged
   * and costed); without it, policies that name a moderation model are not applied by model.
   */
  constructor(
    private readonly d: ComplianceGateDeps,
    private readonly ask?: Classify,
  ) {}

  /**
   * The contract of every route that sends a client's request to a provider (chat, embeddings, and
   * later responses, messages, rerank, apps, knowledge): call it with the whole body before routing,
   * send `request` (never the original), route with `allow`, and pass the answer through `outbound`
   * when there is one. Every text of the body is checked — all string values and object keys at any
   * depth (see `request-texts.ts`), so a field the route does not know about is covered too: input
   * moderation, PII detection (for data routing) and masking. Throws the policy's error when it
   * blocks. Returns a promise only when a moderation model has to be asked; with no policy that
   * applies it returns at once without walking the body.
   */
  inboundBody<T extends object>(
    body: T,
    ctx: RequestContext,
    options: InboundOptions,
    events: ComplianceEvents = {},
  ): Inbound<T> | Promise<Inbound<T>> {
    const p = this.d.policies.effective(ctx);
    if (p.moderation.model && p.moderation.input !== 'off' && this.ask) return this.inboundAsync(body, ctx, events, p, options);
    return this.apply(body, ctx, events, p, options);
  }

  /** `inboundBody` for `/v1/chat/completions`. */
  inbound(req: ChatRequest, ctx: RequestContext, events?: ComplianceEvents): Inbound | Promise<Inbound> {
    return this.inboundBody(req, ctx, TEXT_ANSWER, events);
  }

  /** `inboundBody` for `/v1/embeddings` (`input`, `user` and any other field; `pseudonymize` redacts). */
  embedInbound(req: EmbedRequest, ctx: RequestContext, events?: ComplianceEvents): Inbound<EmbedRequest> | Promise<Inbound<EmbedRequest>> {
    return this.inboundBody(req, ctx, NO_TEXT_ANSWER, events);
  }

  /** `inboundBody` for `/v1/rerank` (`query`, every document and any other field; `pseudonymize` redacts). */
  rerankInbound(
    req: RerankRequest,
    ctx: RequestContext,
    events?: ComplianceEvents,
  ): Inbound<RerankRequest> | Promise<Inbound<RerankRequest>> {
    return this.inboundBody(req, ctx, NO_TEXT_ANSWER, events);
  }

  private async inboundAsync<T extends object>(
    body: T,
    ctx: RequestContext,
    events: ComplianceEvents,
    p: EffectivePolicy,
    options: InboundOptions,
  ): Promise<Inbound<T>> {
    const inbound = this.apply(body, ctx, events, p, options);
    try {
      // The moderation model sees what a provider would: masked text, under the same routing policy.
      await this.modelCheck(inbound.request, inbound.allow, ctx, events, p);
    } catch (e) {
      if (e instanceof GatewayError && events.blocked) this.record(ctx, 'request.blocked', { reason: events.blocked, ...summary(events) });
      throw e;
    }
    return inbound;
  }

  private apply<T extends object>(
    body: T,
    ctx: RequestContext,
    events: ComplianceEvents,
    p: EffectivePolicy,
    options: InboundOptions,
  ): Inbound<T> {
    let request = body;
    try {
      const mod = p.moderation;
      const moderator = mod.moderator && mod.input !== 'off' ? mod.moderator : null;
      // Pseudonyms cannot be restored in a vector or a score: `pseudonymize` redacts there.
      const action = p.piiAction === 'pseudonymize' && options.answer === 'none' ? 'redact' : p.piiAction;
      const scan = p.scanner ? new BodyScan(p.scanner, action) : undefined;
      // One walk over every text of the body feeds both checks.
      let text = '';
      if (moderator || scan) {
        const visit: TextVisitor = !moderator
          ? scan!.visit
          : !scan
            ? (t) => void (text += t + '\n')
            : (t, path, isKey) => {
                text += t + '\n';
                scan.visit(t, path, isKey);
              };
        forEachText(body, visit);
      }
      // 1. Input moderation, on the text the client sent.
      if (moderator) {
        const hit = moderator.check(text);
        if (hit) this.inputHit(ctx, events, hit, mod.input as 'block' | 'flag');
      }
      // 2. Personal information: found (for routing) and masked as the policy says.
      let piiFound = false;
      let vault: OutboundPlan['vault'];
      if (scan && scan.count > 0) {
        piiFound = true;
        const found = scan.summary();
        events.pii = { action: p.piiAction, types: found.types, where: placesOf(found.places) };
        this.record(ctx, 'pii.detected', { ...events.pii });
        try {
          // `block` refuses (types and places, no values); so does masking past the limit (never sent half-masked).
          ({ request, vault } = scan.finish(body));
        } catch (e) {
          events.blocked = 'pii';
          throw e;
        }
      }
      // 3. Model-based moderation (slow) runs after these cheap checks, in inboundAsync.
      // 4. Data routing by trust level.
      const allow = routingFilter(p, piiFound, events);
      const changesAnswer =
        options.answer === 'text' &&
        ((vault !== undefined && vault.size > 0) || (mod.moderator !== null && mod.output !== 'off') || p.explicitLabel !== null);
      if (!changesAnswer) return { request, allow, outbound: undefined, events };
      const plan: OutboundPlan = {
        vault,
        moderator: mod.moderator,
        output: mod.output,
        windowChars: mod.windowChars,
        explicit: p.explicitLabel,
        events,
        onHit: (hit) => this.record(ctx, 'moderation.flagged', { stage: 'output', risk: hit.risk, source: hit.source, action: mod.output }),
      };
      return { request, allow, outbound: new Outbound(plan), events };
    } catch (e) {
      if (e instanceof GatewayError && events.blocked) this.record(ctx, 'request.blocked', { reason: events.blocked, ...summary(events) });
      throw e;
    }
  }

  /** True when answers are labelled (`security.labels.enabled`). */
  get labelling(): boolean {
    return this.d.labels !== null;
  }

  /** Signs the implicit label of an answer about to be sent (`model`: who generated it); none when labels are off. */
  label(ctx: RequestContext, model: string): { header: string; json: string } | undefined {
    if (!this.d.labels) return undefined;
    const { label, header, json } = this.d.labels.issue({
      contentId: ctx.contentId ?? ctx.requestId,
      model,
      createdAtMs: Date.now(),
      requestId: ctx.requestId,
    });
    (this.tally ??= new LabelTally(this.d.audit)).add(ctx.workspaceId, label.content_id);
    return { header, json };
  }

  /**
   * Texts baimo adds to an answer beside the model's own (a grounded answer's citations) through the
   * policy's output moderation: true keeps a text; a hit is recorded like one in an answer, and `cut`
   * withholds the text (`flag` keeps it).
   */
  screenOutput(ctx: RequestContext, texts: readonly string[]): boolean[] {
    const mod = this.d.policies.effective(ctx).moderation;
    const moderator = mod.output !== 'off' ? mod.moderator : null;
    if (!moderator) return texts.map(() => true);
    return texts.map((text) => {
      const hit = moderator.check(text);
      if (!hit) return true;
      this.record(ctx, 'moderation.flagged', { stage: 'citation', risk: hit.risk, source: hit.source, action: mod.output });
      return mod.output !== 'cut';
    });
  }

  /** Records the refusal of a request the router could not place (data routing). */
  routingRefused(ctx: RequestContext, events: ComplianceEvents): void {
    events.blocked = 'routing';
    this.record(ctx, 'request.blocked', { reason: 'routing', ...summary(events) });
  }

  /** Writes the pending label tallies to the audit log. */
  close(): void {
    this.tally?.close();
  }

  private inputHit(ctx: RequestContext, events: ComplianceEvents, hit: ModerationHit, action: 'block' | 'flag'): void {
    events.moderation = { stage: 'input', risk: hit.risk, source: hit.source, action, ...(hit.library ? { library: hit.library } : {}) };
    this.record(ctx, 'moderation.flagged', { ...events.moderation });
    if (action !== 'block') return;
    events.blocked = 'moderation';
    throw gatewayError(
      'content_policy_violation',
      `The request was refused by the content policy (risk ${hit.risk}). 请求内容违反内容安全策略（风险类别 ${hit.risk}）。`,
      { param: 'messages' },
    );
  }

  private async modelCheck(
    req: object,
    allow: TargetFilter | undefined,
    ctx: RequestContext,
    events: ComplianceEvents,
    p: EffectivePolicy,
  ): Promise<void> {
    const m = p.moderation.model!;
    let verdict: ReturnType<typeof parseModerationAnswer>;
    try {
      const answer = await this.ask!(m.name, buildModerationPrompt(requestText(req), 'zh'), m.timeoutMs, ctx, allow);
      verdict = parseModerationAnswer(answer);
    } catch {
      verdict = undefined;
    }
    if (!verdict) {
      if (m.onError === 'block') {
        events.blocked = 'moderation';
        throw gatewayError(
          'moderation_unavailable',
          'Content moderation is unavailable and the policy refuses unchecked requests; try again later.',
        );
      }
      return;
    }
    if (verdict.flagged) {
      const risk = verdict.risk ?? 'model';
      this.inputHit(ctx, events, { term: '', risk, start: 0, end: 0, source: 'model' }, p.moderation.input === 'block' ? 'block' : 'flag');
    }
  }

  private record(ctx: RequestContext, action: string, detail: Record<string, unknown>): void {
    // A virtual key, the admin token (`admin` on /v1), or a console user running an app with the session (no key).
    const actor =
      ctx.keyId === 'admin'
        ? ({ actorType: 'admin_token' } as const)
        : ctx.keyId
          ? ({ actorType: 'key', actorId: ctx.keyId } as const)
          : ctx.userId
            ? ({ actorType: 'user', actorId: ctx.userId } as const)
            : ({ actorType: 'admin_token' } as const);
    this.d.audit.record({
      ...actor,
      workspaceId: ctx.workspaceId ?? undefined,
      action,
      targetType: 'request',
      targetId: ctx.requestId,
      detail,
    });
  }
}

/** The distinct places of findings, at most `LIMITS.piiPlaces` of them (log rows and audit details stay small). */
function placesOf(found: ReadonlyArray<{ where: string }>): string[] {
  const places = new Set<string>();
  for (const f of found) {
    places.add(f.where);
    if (places.size > LIMITS.piiPlaces) break;
  }
  const out = [...places];
  if (out.length > LIMITS.piiPlaces) out[LIMITS.piiPlaces] = '…and more places';
  return out;
}

function routingFilter(p: EffectivePolicy, piiFound: boolean, events: ComplianceEvents): TargetFilter | undefined {
  const allow = p.routing.allow;
  const pii = piiFound ? p.routing.pii : null;
  if (!allow && !pii) return undefined;
  const ok = (t: TrustLevel): boolean => (!allow || allow.has(t)) && (!pii || pii.has(t));
  const allowed = (['self_hosted', 'domestic_cloud', 'foreign_cloud'] as const).filter(ok);
  // Noted in the log only when the request's PII narrowed where it may go (every request pays for
  // a deployment-wide `allow` list otherwise, and a refusal is recorded as `blocked` anyway).
  if (pii) events.routing = { allowed, reason: 'pii' };
  return (target: Target) => {
    if (ok(target.trust)) return true;
    return gatewayError(
      'data_routing_blocked',
      pii
        ? `This request contains personal information and the data-routing policy allows it only to ${allowed.join(', ') || 'no'} providers; ` +
            `no target of this model qualifies. 请求含个人信息，按数据路由策略不能发送到该模型的服务商。`
        : `The data-routing policy allows requests only to ${allowed.join(', ') || 'no'} providers; no target of this model qualifies. ` +
            `按数据路由策略，不能发送到该模型的服务商。`,
      { param: 'model' },
    );
  };
}

function summary(e: ComplianceEvents): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.pii) out.pii = { action: e.pii.action, types: e.pii.types };
  if (e.moderation) out.moderation = e.moderation;
  if (e.routing) out.routing = e.routing;
  return out;
}
