import type { Quirks } from '../../catalog/types.js';
import type { ChatMessage, ChatRequest, ContentPart } from '../../core/chat-types.js';

/**
 * Builds the upstream body: our validated request with the provider's model id, usage forced on for
 * streams, and the provider's quirks applied. Unknown OpenAI fields pass through untouched.
 */
export function convertRequest(req: ChatRequest, model: string, stream: boolean, quirks: Quirks | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { ...req, model, stream };
  if (stream) {
    if (quirks?.noStreamOptions) delete body.stream_options;
    else body.stream_options = { ...(req.stream_options ?? {}), include_usage: true };
  } else {
    delete body.stream_options;
  }
  if (!quirks) return body;
  if (quirks.flattenContent) body.messages = req.messages.map(flattenMessage);
  if (quirks.temperatureScale !== undefined && typeof body.temperature === 'number') body.temperature *= quirks.temperatureScale;
  if (quirks.temperatureRange && typeof body.temperature === 'number') body.temperature = clamp(body.temperature, quirks.temperatureRange);
  if (quirks.topPRange && typeof body.top_p === 'number') body.top_p = clamp(body.top_p, quirks.topPRange);
  for (const p of quirks.dropParams ?? []) delete body[p];
  if (quirks.maxTokensField === 'max_completion_tokens' && body.max_tokens !== undefined) {
    body.max_completion_tokens ??= body.max_tokens;
    delete body.max_tokens;
  } else if (quirks.maxTokensField === 'max_tokens' && body.max_completion_tokens !== undefined) {
    body.max_tokens ??= body.max_completion_tokens;
    delete body.max_completion_tokens;
  }
  return body;
}

function flattenMessage(m: ChatMessage): ChatMessage {
  if (!Array.isArray(m.content)) return m;
  const text = (m.content as ContentPart[])
    .map((p) => (p.type === 'text' ? (p as { text: string }).text : ''))
    .filter(Boolean)
    .join('\n');
  return { ...m, content: text };
}

function clamp(v: number, [lo, hi]: [number, number]): number {
  return Math.min(hi, Math.max(lo, v));
}
