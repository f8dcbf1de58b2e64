/** Most characters of a request's text that are classified (and hashed); the rest is cut off. */
export const TOPIC_TEXT_MAX_CHARS = 2000;

export interface TopicTextOptions {
  /** Most characters kept (default 2000, at most 20 000). */
  maxChars?: number;
  /** How many trailing user messages to join (default 1, at most 10). */
  lastUserMessages?: number;
}

/**
 * Normalises text for classification and hashing: Unicode NFKC (full-width letters and digits become
 * ASCII), whitespace runs become one space, trimmed, cut to `maxChars` code points.
 */
export function normalizeTopicText(text: string, maxChars: number = TOPIC_TEXT_MAX_CHARS): string {
  const max = Math.max(0, Math.min(Math.floor(maxChars), 20_000));
  // Bound the work before normalising: NFKC can lengthen text, so leave some room.
  const head = text.length > max * 4 + 64 ? text.slice(0, max * 4 + 64) : text;
  const normalized = head.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  const points = Array.from(normalized);
  return points.length > max ? points.slice(0, max).join('').trimEnd() : normalized;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const part of content.slice(0, 100)) {
    if (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text') {
      const t = (part as { text?: unknown }).text;
      if (typeof t === 'string') parts.push(t);
    }
  }
  return parts.join('\n');
}

/**
 * The text of a request to classify: the last user message(s) of a chat body (`messages`), text parts
 * only; or a completion's `prompt`, or a Responses-style string `input`. Normalised and bounded; ''
 * when there is none. PII is masked upstream: this only takes text.
 */
export function requestTopicText(body: unknown, options: TopicTextOptions = {}): string {
  const maxChars = options.maxChars ?? TOPIC_TEXT_MAX_CHARS;
  const want = Math.max(1, Math.min(Math.floor(options.lastUserMessages ?? 1), 10));
  if (!body || typeof body !== 'object') return '';
  const b = body as { messages?: unknown; prompt?: unknown; input?: unknown };
  if (Array.isArray(b.messages)) {
    const picked: string[] = [];
    for (let i = b.messages.length - 1; i >= 0 && picked.length < want; i--) {
      const m = b.messages[i] as { role?: unknown; content?: unknown } | null;
      if (!m || typeof m !== 'object' || m.role !== 'user') continue;
      const t = contentText(m.content);
      if (t.trim()) picked.unshift(t);
    }
    return normalizeTopicText(picked.join('\n'), maxChars);
  }
  if (typeof b.prompt === 'string') return normalizeTopicText(b.prompt, maxChars);
  if (Array.isArray(b.prompt) && typeof b.prompt[0] === 'string') return normalizeTopicText(b.prompt[0], maxChars);
  if (typeof b.input === 'string') return normalizeTopicText(b.input, maxChars);
  return '';
}
