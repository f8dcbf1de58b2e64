import type { ChatMessage, ChatRequest, ChatResult, ContentPart, Usage } from '../core/chat-types.js';

type Counter = (text: string) => number;
let counter: Counter | undefined;
let loading: Promise<Counter> | undefined;

/**
 * Loads the cl100k BPE lazily: it costs ~40 MB and ~100 ms, and most providers report usage
 * themselves, so a gateway that never needs an estimate never pays for it.
 */
export async function loadTokenCounter(): Promise<Counter> {
  if (counter) return counter;
  loading ??= import('gpt-tokenizer/encoding/cl100k_base').then((m) => (counter = (t: string) => m.countTokens(t)));
  return loading;
}

/** Per-message overhead of chat formats (role markers, separators), as OpenAI documents for its models. */
const PER_MESSAGE = 4;
const PER_REPLY = 3;

/** Estimated prompt tokens of a chat request: message texts, tool call arguments and tool schemas. */
export async function estimatePromptTokens(req: Pick<ChatRequest, 'messages' | 'tools'>): Promise<number> {
  const count = await loadTokenCounter();
  let n = PER_REPLY;
  for (const m of req.messages) n += PER_MESSAGE + count(messageText(m));
  if (req.tools?.length) n += count(JSON.stringify(req.tools));
  return n;
}

/** Estimated tokens of a piece of generated text. */
export async function estimateTextTokens(text: string): Promise<number> {
  if (!text) return 0;
  return (await loadTokenCounter())(text);
}

function messageText(m: ChatMessage): string {
  let s = m.role;
  if (typeof m.content === 'string') s += m.content;
  else if (Array.isArray(m.content)) for (const p of m.content as ContentPart[]) if (p.type === 'text') s += (p as { text: string }).text;
  if (m.tool_calls) for (const c of m.tool_calls) s += c.function.name + c.function.arguments;
  if (m.name) s += m.name;
  return s;
}

/** Token counts for an answer the provider did not count (estimated from the texts). */
export async function estimateChat(req: ChatRequest, r: ChatResult): Promise<Usage> {
  const out = (r.content ?? '') + (r.reasoning ?? '') + r.toolCalls.map((c) => c.function.name + c.function.arguments).join('');
  return { promptTokens: await estimatePromptTokens(req), completionTokens: await estimateTextTokens(out), estimated: true };
}
