import type { ChatMessage, ContentPart } from '../../core/chat-types.js';

/** Splits a `data:<mime>;base64,<data>` URL; undefined for anything else (http URLs, non-base64). */
export function parseDataUrl(url: string): { mimeType: string; data: string } | undefined {
  const m = /^data:([^;,]*)((?:;[^;,]*)*);base64,(.*)$/s.exec(url);
  if (!m) return undefined;
  return { mimeType: m[1] || 'application/octet-stream', data: m[3] };
}

/** The text of a message's content: a string as is, text parts joined with `\n`, null/other → ''. */
export function contentText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as ContentPart[])
    .filter((p): p is { type: 'text'; text: string } => p.type === 'text' && typeof (p as { text?: unknown }).text === 'string')
    .map((p) => p.text)
    .join('\n');
}

/** Tool-call arguments (a JSON string) as an object; invalid JSON or a non-object gives `{}`. */
export function parseToolArguments(args: string | undefined): Record<string, unknown> {
  if (!args) return {};
  try {
    const v = JSON.parse(args) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Maps each assistant tool call id to its function name (protocols that key tool results by name). */
export function toolNamesById(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) {
    for (const c of m.tool_calls ?? []) if (c.id) names.set(c.id, c.function.name);
  }
  return names;
}
