import type { ChatRequest, EmbedRequest, RerankRequest } from '../core/chat-types.js';
import type { Settlement } from '../core/stage.js';
import type { StoredAnswer } from '../core/stored-answer.js';
import type { GatewayEntry, GatewayStage } from '../gateway/pipeline.js';
import type { Enforcer, Ticket } from './enforcer.js';
import { quickPromptTokens, quickTextsTokens } from './quick-estimate.js';

/**
 * A virtual key's limits as a request stage: admission before the call (model allow-list, RPM, TPM,
 * token quota and budget, reserved from a quick estimate of the prompt) and settlement against what
 * the call really used. Requests made with the admin token pass untouched.
 */
export function limitsStage(enforcer: Enforcer): GatewayStage {
  return {
    name: 'limits',
    open(call) {
      const key = call.ctx.key;
      if (!key) return undefined;
      const estimate =
        call.endpoint === 'chat'
          ? quickPromptTokens(call.request as ChatRequest)
          : call.endpoint === 'rerank'
            ? rerankTokens(call.request as RerankRequest)
            : quickTextsTokens((call.request as EmbedRequest).input);
      const ticket = enforcer.admit(key, call.model, call.route, estimate);
      return ticket instanceof Promise ? ticket.then(entryOf) : entryOf(ticket);
    },
  };
}

/** The query and the documents, as the gateway estimates them when the provider reports no usage. */
const rerankTokens = (r: RerankRequest): number => quickTextsTokens([r.query]) + quickTextsTokens(r.documents);

const entryOf = (ticket: Ticket): GatewayEntry => new TicketEntry(ticket);

/** Settles the reservation once: with the call's usage and cost, or with nothing when it failed or a stored answer was served. */
class TicketEntry implements GatewayEntry {
  constructor(private readonly ticket: Ticket) {}

  settle(s: Settlement<StoredAnswer>): void {
    this.ticket.settle(s.usage, s.cost);
  }
}
