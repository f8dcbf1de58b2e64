import type { ChatMessage, ChatRequest, ContentPart, ToolChoice } from '../../core/chat-types.js';
import { contentText, parseDataUrl, parseToolArguments } from '../shared/native-content.js';

export type AnthropicImageSource = { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };

export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: AnthropicImageSource }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> }
  | { type: 'tool_result'; tool_use_id: string; content: string | AnthropicBlock[] };

export interface AnthropicMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

export type AnthropicToolChoice =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export interface AnthropicRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessage[];
  system?: string;
  stream?: boolean;
  tools?: Array<{ name: string; description?: string; input_schema: Record<string, unknown> }>;
  tool_choice?: AnthropicToolChoice;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
}

/** Used when the client gives no max tokens: Anthropic requires the field. */
export const DEFAULT_MAX_TOKENS = 4096;

/**
 * Builds a Messages API body from an OpenAI chat request.
 *
 * - system/developer messages become the top-level `system` (joined with a blank line);
 * - tool results become user `tool_result` blocks, and consecutive same-role messages are merged
 *   because Anthropic requires user/assistant alternation (tool results first in a merged message);
 * - `temperature` is clamped to Anthropic's 0..1;
 * - limitation (warning level): Anthropic has no JSON mode, so `response_format` json_object /
 *   json_schema is only approximated by a system instruction to answer with JSON only; the answer is
 *   not guaranteed to be valid JSON or to match the schema;
 * - OpenAI fields Anthropic lacks (frequency/presence penalty, seed, n, logprobs…) are dropped, and
 *   assistant `reasoning_content` is not sent back (Anthropic needs the signed thinking block).
 */
export function convertRequest(req: ChatRequest, model: string, stream: boolean): AnthropicRequest {
  const system: string[] = [];
  const messages: AnthropicMessage[] = [];
  for (const m of req.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      const text = contentText(m.content);
      if (text) system.push(text);
      continue;
    }
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const blocks = m.role === 'tool' ? [toolResultBlock(m)] : messageBlocks(m);
    if (blocks.length === 0) continue;
    const last = messages[messages.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  for (const m of messages) if (m.role === 'user') m.content = toolResultsFirst(m.content);

  const instruction = jsonInstruction(req);
  if (instruction) system.push(instruction);

  const body: AnthropicRequest = {
    model,
    max_tokens: req.max_completion_tokens ?? req.max_tokens ?? DEFAULT_MAX_TOKENS,
    messages,
  };
  if (system.length > 0) body.system = system.join('\n\n');
  if (stream) body.stream = true;
  if (req.tools?.length) {
    body.tools = req.tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      input_schema: t.function.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = convertToolChoice(req.tool_choice, req.parallel_tool_calls);
    if (choice) body.tool_choice = choice;
  }
  if (typeof req.temperature === 'number') body.temperature = Math.min(1, Math.max(0, req.temperature));
  if (typeof req.top_p === 'number') body.top_p = req.top_p;
  if (req.stop != null) {
    const stops = (Array.isArray(req.stop) ? req.stop : [req.stop]).filter((s) => s.trim() !== '');
    if (stops.length > 0) body.stop_sequences = stops;
  }
  if (req.user) body.metadata = { user_id: req.user };
  return body;
}

function messageBlocks(m: ChatMessage): AnthropicBlock[] {
  const blocks = contentBlocks(m.content);
  for (const call of m.tool_calls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseToolArguments(call.function.arguments) });
  }
  return blocks;
}

function contentBlocks(content: ChatMessage['content']): AnthropicBlock[] {
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) return [];
  const blocks: AnthropicBlock[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type === 'text') {
      const text = (part as { text?: string }).text;
      if (text) blocks.push({ type: 'text', text });
    } else if (part.type === 'image_url') {
      const url = (part as { image_url?: { url?: string } }).image_url?.url ?? '';
      const data = parseDataUrl(url);
      if (data) blocks.push({ type: 'image', source: { type: 'base64', media_type: data.mimeType, data: data.data } });
      else if (url) blocks.push({ type: 'image', source: { type: 'url', url } });
    } else if (part.type === 'refusal' && typeof part.refusal === 'string' && part.refusal) {
      blocks.push({ type: 'text', text: part.refusal });
    }
    // Other part types (input_audio, file) have no Anthropic equivalent here and are dropped.
  }
  return blocks;
}

function toolResultBlock(m: ChatMessage): AnthropicBlock {
  const content = typeof m.content === 'string' || m.content == null ? (m.content ?? '') : contentBlocks(m.content);
  return { type: 'tool_result', tool_use_id: m.tool_call_id ?? '', content };
}

/** Anthropic wants the tool_result blocks at the start of the user turn that answers a tool_use turn. */
function toolResultsFirst(blocks: AnthropicBlock[]): AnthropicBlock[] {
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((b) => b.type !== 'tool_result')];
}

function convertToolChoice(choice: ToolChoice | undefined, parallel: boolean | undefined): AnthropicToolChoice | undefined {
  const extra = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...extra } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...extra };
  if (choice === 'required') return { type: 'any', ...extra };
  return { type: 'tool', name: choice.function.name, ...extra };
}

function jsonInstruction(req: ChatRequest): string | undefined {
  const rf = req.response_format;
  if (!rf || rf.type === 'text') return undefined;
  if (rf.type === 'json_object') return 'Respond only with a single valid JSON object. Do not add any other text or code fences.';
  if (rf.type === 'json_schema') {
    const schema = rf.json_schema.schema ? ` that conforms to this JSON schema:\n${JSON.stringify(rf.json_schema.schema)}` : '';
    return `Respond only with valid JSON${schema}\nDo not add any other text or code fences.`;
  }
  return undefined;
}
