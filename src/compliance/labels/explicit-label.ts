import type { ChatResult, StreamPart } from '../../core/chat-types.js';

/** An explicit label policy: a notice shown to readers, e.g. `（本内容由人工智能生成）`. */
export interface ExplicitLabel {
  text: string;
  position: 'start' | 'end';
}

/**
 * What separates the notice from the answer: a blank line, so the notice is a paragraph of its own.
 * Gluing it on would break Markdown when an answer ends with a code fence or a table, or begins
 * with a heading. Deterministic: `start` gives notice + SEP + answer, `end` gives answer + SEP + notice.
 */
export const EXPLICIT_LABEL_SEPARATOR = '\n\n';

/** True when `content` already carries exactly this notice at its position. */
function hasNotice(content: string, explicit: ExplicitLabel): boolean {
  return explicit.position === 'start' ? content.startsWith(explicit.text) : content.endsWith(explicit.text);
}

/**
 * Adds the notice to a whole answer's text, once. Unchanged when the notice is empty, the answer has
 * no text (tool calls only, or an empty string), or it already starts / ends with this notice (a
 * cached answer that was labelled before).
 */
export function labelResult(result: ChatResult, explicit: ExplicitLabel): ChatResult {
  const content = result.content;
  if (!explicit.text || !content || hasNotice(content, explicit)) return result;
  const labelled =
    explicit.position === 'start'
      ? `${explicit.text}${EXPLICIT_LABEL_SEPARATOR}${content}`
      : `${content}${EXPLICIT_LABEL_SEPARATOR}${explicit.text}`;
  return { ...result, content: labelled };
}

/**
 * Adds the notice to a streamed answer, exactly once: `start` puts it (and the separator) in front of
 * the first non-empty text delta; `end` emits it as a text delta just before the `finish` part, and
 * only when some text was streamed. Error parts pass through and never get a notice; after the first
 * `finish` nothing more is added.
 */
export class ExplicitLabelStream {
  private textSeen = false;
  private done = false;
  /** True once the notice was added to the stream. */
  applied = false;

  constructor(private readonly explicit: ExplicitLabel) {}

  /** The parts to send in place of `part` (usually just `[part]`). */
  onPart(part: StreamPart): StreamPart[] {
    if (this.done || !this.explicit.text) return [part];
    if (part.type === 'text-delta') {
      if (part.text === '') return [part];
      const first = !this.textSeen;
      this.textSeen = true;
      if (first && this.explicit.position === 'start') {
        this.done = this.applied = true;
        return [{ type: 'text-delta', text: `${this.explicit.text}${EXPLICIT_LABEL_SEPARATOR}${part.text}` }];
      }
      return [part];
    }
    if (part.type === 'finish') {
      this.done = true;
      if (this.explicit.position === 'end' && this.textSeen) {
        this.applied = true;
        return [{ type: 'text-delta', text: `${EXPLICIT_LABEL_SEPARATOR}${this.explicit.text}` }, part];
      }
      return [part];
    }
    if (part.type === 'error') this.done = true;
    return [part];
  }
}
