import type { ChatRequest, ChatResult, EmbedRequest, RerankRequest } from '../core/chat-types.js';
import { GatewayError } from '../core/errors.js';
import type { StageAdditions, StageFacts } from '../core/stage.js';
import type { GatewayEntry, GatewayRequest, GatewayStage, StageCall } from '../gateway/pipeline.js';
import { AIGC_LABEL_HEADER } from './labels/aigc-label.js';
import { eventsJson, type ComplianceEvents } from './compliance-events.js';
import type { ComplianceGate, Inbound } from './compliance-gate.js';

/**
 * Data security and compliance as a request stage: before the call the gate checks and masks the
 * whole request and narrows where it may go; the answer comes back through its outbound (pseudonyms
 * restored, output moderated, the explicit notice), and once its author is known it is signed with
 * the implicit AIGC label (`x-aigc-label` header, `aigc_label` field). What the policies found goes
 * to the request log's `compliance` column.
 */
export function complianceStage(gate: ComplianceGate): GatewayStage {
  return {
    name: 'compliance',
    open(call) {
      const events: ComplianceEvents = {};
      try {
        const inb =
          call.endpoint === 'chat'
            ? gate.inbound(call.request as ChatRequest, call.ctx, events)
            : call.endpoint === 'rerank'
              ? gate.rerankInbound(call.request as RerankRequest, call.ctx, events)
              : gate.embedInbound(call.request as EmbedRequest, call.ctx, events);
        if (inb instanceof Promise) return inb.then((i) => new ComplianceEntry(gate, i, call.endpoint === 'chat'), refused(events));
        return new ComplianceEntry(gate, inb, call.endpoint === 'chat');
      } catch (e) {
        throw refused(events)(e);
      }
    },
  };
}

/** The refusal, carrying what the policies found for the request log. */
function refused(events: ComplianceEvents): (e: unknown) => never {
  return (e) => {
    if (e instanceof GatewayError) {
      const compliance = eventsJson(events);
      if (compliance) e.facts = { ...e.facts, compliance };
    }
    throw e;
  };
}

/** One request's compliance: the gate's decision and the hooks over its answer. */
class ComplianceEntry implements GatewayEntry {
  readonly request: GatewayRequest;
  readonly allow: Inbound['allow'];
  readonly parts: Inbound['outbound'];

  constructor(
    private readonly gate: ComplianceGate,
    private readonly inb: Inbound<GatewayRequest>,
    private readonly labelled: boolean,
  ) {
    this.request = inb.request;
    this.allow = inb.allow;
    this.parts = inb.outbound;
  }

  answered(by: string, call: StageCall): StageAdditions | undefined {
    if (!this.labelled) return undefined;
    const label = this.gate.label(call.ctx, by);
    if (!label) return undefined;
    return { headers: { [AIGC_LABEL_HEADER]: label.header }, fields: { aigc_label: label.json }, facts: { aigcLabel: label.header } };
  }

  result(r: ChatResult): ChatResult {
    return this.inb.outbound ? this.inb.outbound.result(r) : r;
  }

  failed(err: GatewayError, call: StageCall): void {
    if (err.type === 'data_routing_blocked') this.gate.routingRefused(call.ctx, this.inb.events);
  }

  facts(): StageFacts | undefined {
    const compliance = eventsJson(this.inb.events);
    return compliance ? { compliance } : undefined;
  }
}
