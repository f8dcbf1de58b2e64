import type { Usage } from '../core/chat-types.js';

/** Tokens used by the calls of a run, summed (a run's `usage` is all of its calls'). */
export class UsageSum {
  total: Usage = { promptTokens: 0, completionTokens: 0 };

  add(u: Usage): void {
    this.total = this.plus(u);
  }

  /** The total with `u` added, leaving the total as it is. */
  plus(u: Usage): Usage {
    const t = this.total;
    const out: Usage = { promptTokens: t.promptTokens + u.promptTokens, completionTokens: t.completionTokens + u.completionTokens };
    const cached = (t.cachedTokens ?? 0) + (u.cachedTokens ?? 0);
    if (cached) out.cachedTokens = cached;
    const reasoning = (t.reasoningTokens ?? 0) + (u.reasoningTokens ?? 0);
    if (reasoning) out.reasoningTokens = reasoning;
    if (t.estimated || u.estimated) out.estimated = true;
    return out;
  }
}
