import type { ChatRequest, StreamPart, Usage } from '../core/chat-types.js';
import { estimatePromptTokens, estimateTextTokens } from './estimate-tokens.js';

/**
 * Folds the usage a stream reports — cumulative (OpenAI, Gemini: each report is the total so far)
 * or incremental (each report adds) — and estimates what the provider never reported.
 */
export class UsageAccumulator {
  private usage: Usage | undefined;
  private readonly text: string[] = [];

  /** Observes one part; returns nothing, never throws. */
  observe(part: StreamPart): void {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning-delta':
        this.text.push(part.text);
        break;
      case 'tool-call-delta':
        if (part.name) this.text.push(part.name);
        if (part.argumentsDelta) this.text.push(part.argumentsDelta);
        break;
      case 'usage':
        this.add(part.usage, part.cumulative ?? true);
        break;
      case 'finish':
        if (part.usage) this.add(part.usage, true);
        break;
    }
  }

  private add(u: Usage, cumulative: boolean): void {
    if (!this.usage || cumulative) {
      // Cumulative reports only grow; keep the larger figure of each field.
      this.usage = this.usage ? maxUsage(this.usage, u) : { ...u };
      return;
    }
    this.usage = {
      promptTokens: this.usage.promptTokens + u.promptTokens,
      completionTokens: this.usage.completionTokens + u.completionTokens,
      cachedTokens: (this.usage.cachedTokens ?? 0) + (u.cachedTokens ?? 0) || undefined,
      reasoningTokens: (this.usage.reasoningTokens ?? 0) + (u.reasoningTokens ?? 0) || undefined,
    };
  }

  /** The final usage: reported when the provider gave it, estimated (and flagged) when not. */
  async settle(req: Pick<ChatRequest, 'messages' | 'tools'>): Promise<Usage> {
    const u = this.usage;
    if (u && (u.promptTokens > 0 || u.completionTokens > 0)) {
      if (u.completionTokens === 0 && this.text.length > 0)
        return { ...u, completionTokens: await estimateTextTokens(this.text.join('')), estimated: true };
      return u;
    }
    return {
      promptTokens: await estimatePromptTokens(req),
      completionTokens: await estimateTextTokens(this.text.join('')),
      estimated: true,
    };
  }
}

function maxUsage(a: Usage, b: Usage): Usage {
  const out: Usage = {
    promptTokens: Math.max(a.promptTokens, b.promptTokens),
    completionTokens: Math.max(a.completionTokens, b.completionTokens),
  };
  const cached = Math.max(a.cachedTokens ?? 0, b.cachedTokens ?? 0);
  if (cached) out.cachedTokens = cached;
  const reasoning = Math.max(a.reasoningTokens ?? 0, b.reasoningTokens ?? 0);
  if (reasoning) out.reasoningTokens = reasoning;
  return out;
}
