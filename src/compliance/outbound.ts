import type { ChatResult, FinishReason, StreamPart, Usage } from '../core/chat-types.js';
import type { ComplianceEvents } from './compliance-events.js';
import type { ModerationHit } from './contracts.js';
import { ExplicitLabelStream, labelResult } from './labels/explicit-label.js';
import type { Moderator } from './moderation/moderator.js';
import type { OutputGuard } from './moderation/output-guard.js';
import type { PseudonymVault } from './pii/pseudonym-vault.js';
import { restoreResult, StreamRestorer } from './pii/stream-restorer.js';

/** What an answer's way back to the client needs from the request's policy. */
export interface OutboundPlan {
  vault?: PseudonymVault;
  moderator: Moderator | null;
  /** `cut` stops the answer at the offending text; `flag` only records it. */
  output: 'cut' | 'flag' | 'off';
  windowChars: number;
  explicit: { text: string; position: 'start' | 'end' } | null;
  events: ComplianceEvents;
  /** Told about an output hit once (audit entry). */
  onHit: (hit: ModerationHit) => void;
}

/** A text channel of a streamed answer (content or reasoning): restore pseudonyms, then moderate. */
class Channel {
  private readonly restorer: StreamRestorer | undefined;
  private guard: OutputGuard | undefined;
  /** `flag`: the text passes unchanged; the guard only watches a copy until its first hit. */
  private readonly flagOnly: boolean;

  constructor(p: OutboundPlan) {
    this.restorer = p.vault && p.vault.size > 0 ? new StreamRestorer(p.vault) : undefined;
    this.guard = p.moderator && p.output !== 'off' ? p.moderator.guard(p.windowChars) : undefined;
    this.flagOnly = p.output === 'flag';
  }

  push(text: string): { emit: string; hit?: ModerationHit } {
    const restored = this.restorer ? this.restorer.push(text) : text;
    return this.watch(restored, false);
  }

  flush(): { emit: string; hit?: ModerationHit } {
    return this.watch(this.restorer ? this.restorer.flush() : '', true);
  }

  private watch(text: string, end: boolean): { emit: string; hit?: ModerationHit } {
    const g = this.guard;
    if (!g) return { emit: text };
    let r = text ? g.push(text) : { emit: '' };
    if (!r.hit && end) {
      const f = g.flush();
      r = { emit: r.emit + f.emit, hit: f.hit };
    }
    if (!this.flagOnly) return r;
    if (r.hit) this.guard = undefined;
    return { emit: text, hit: r.hit };
  }
}

/**
 * Turns the provider's answer into what the client gets: pseudonyms restored (also when a
 * placeholder is split across chunks), output moderated (a stream is cut with
 * `finish_reason: content_filter`), and the explicit AIGC notice added exactly once. The provider's
 * raw answer is what the response cache keeps, so a replay goes through here again.
 */
export class Outbound {
  private content: Channel | undefined;
  private reasoning: Channel | undefined;
  private readonly args = new Map<number, StreamRestorer>();
  private readonly explicit: ExplicitLabelStream | undefined;
  /** Set when output moderation cut the answer. */
  cut: ModerationHit | undefined;

  constructor(private readonly p: OutboundPlan) {
    this.explicit = p.explicit ? new ExplicitLabelStream(p.explicit) : undefined;
  }

  /** A whole answer. */
  result(r: ChatResult): ChatResult {
    let out = this.p.vault && this.p.vault.size > 0 ? restoreResult(r, this.p.vault) : r;
    if (this.p.moderator && this.p.output !== 'off') {
      const hit =
        (out.content && this.p.moderator.check(out.content)) || (out.reasoning && this.p.moderator.check(out.reasoning)) || undefined;
      if (hit) {
        this.hit(hit);
        if (this.p.output === 'cut') {
          const inContent = out.content ? this.p.moderator.check(out.content) : undefined;
          out = inContent
            ? { ...out, content: out.content!.slice(0, inContent.start), finishReason: 'content_filter' }
            : { ...out, reasoning: out.reasoning!.slice(0, hit.start), finishReason: 'content_filter' };
        }
      }
    }
    if (this.p.explicit) out = labelResult(out, this.p.explicit);
    return out;
  }

  /** One streamed part in, the parts to send out (none while text is held back). */
  push(part: StreamPart): StreamPart[] {
    if (this.cut) return [];
    switch (part.type) {
      case 'text-delta':
        return this.text('text-delta', (this.content ??= new Channel(this.p)).push(part.text));
      case 'reasoning-delta':
        return this.text('reasoning-delta', (this.reasoning ??= new Channel(this.p)).push(part.text));
      case 'tool-call-delta': {
        if (!this.p.vault || this.p.vault.size === 0 || !part.argumentsDelta) return [part];
        let r = this.args.get(part.index);
        if (!r) this.args.set(part.index, (r = new StreamRestorer(this.p.vault)));
        return [{ ...part, argumentsDelta: r.push(part.argumentsDelta) }];
      }
      default:
        return [part];
    }
  }

  /**
   * The end of the answer: what was held back, the explicit notice, then the finish part. A cut
   * answer finishes with `content_filter`.
   */
  finish(reason: FinishReason, usage: Usage): StreamPart[] {
    const out: StreamPart[] = [];
    if (!this.cut) {
      for (const [index, r] of this.args) {
        const rest = r.flush();
        if (rest) out.push({ type: 'tool-call-delta', index, argumentsDelta: rest });
      }
      if (this.reasoning) out.push(...this.text('reasoning-delta', this.reasoning.flush()));
      if (!this.cut && this.content) out.push(...this.text('text-delta', this.content.flush()));
    }
    const fin: StreamPart = { type: 'finish', reason: this.cut && this.p.output === 'cut' ? 'content_filter' : reason, usage };
    if (this.explicit) out.push(...this.explicit.onPart(fin));
    else out.push(fin);
    return out;
  }

  private text(type: 'text-delta' | 'reasoning-delta', r: { emit: string; hit?: ModerationHit }): StreamPart[] {
    const parts: StreamPart[] = [];
    if (r.emit) {
      const part: StreamPart = { type, text: r.emit };
      if (this.explicit && type === 'text-delta') parts.push(...this.explicit.onPart(part));
      else parts.push(part);
    }
    if (r.hit) {
      this.hit(r.hit);
      if (this.p.output === 'cut') this.cut = r.hit;
    }
    return parts;
  }

  private hit(hit: ModerationHit): void {
    if (this.p.events.moderation) return;
    this.p.events.moderation = {
      stage: 'output',
      risk: hit.risk,
      source: hit.source,
      action: this.p.output,
      ...(hit.library ? { library: hit.library } : {}),
    };
    this.p.onHit(hit);
  }
}
