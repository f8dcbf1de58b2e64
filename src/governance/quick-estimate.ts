import type { ChatRequest, ContentPart } from '../core/chat-types.js';

/**
 * A fast prompt-size estimate for admission (TPM, quota and budget reservations), settled later
 * against the provider's real count: CJK characters count about one token each, other text about
 * four characters per token. No tokenizer on the hot path.
 */
export function quickPromptTokens(req: Pick<ChatRequest, 'messages' | 'tools'>): number {
  let n = 3;
  for (const m of req.messages) {
    n += 4;
    if (typeof m.content === 'string') n += textTokens(m.content);
    else if (Array.isArray(m.content)) {
      for (const p of m.content as ContentPart[]) {
        if (p.type === 'text') n += textTokens((p as { text: string }).text);
        else n += 85; // an image or audio part: OpenAI's low-detail figure
      }
    }
    if (m.tool_calls) for (const c of m.tool_calls) n += textTokens(c.function.arguments) + 3;
  }
  if (req.tools?.length) n += Math.ceil(JSON.stringify(req.tools).length / 4);
  return n;
}

/** Estimated tokens of embedding inputs. */
export function quickTextsTokens(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += textTokens(t);
  return n;
}

function textTokens(s: string): number {
  let wide = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x2e80) wide++;
  return wide + Math.ceil((s.length - wide) / 4);
}
