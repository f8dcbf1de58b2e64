import type { ChatMessage, ChatRequest, ContentPart, ToolCall, ToolChoice } from '../../core/chat-types.js';
import { contentText, toolNamesById } from '../shared/native-content.js';

/** One multimodal content item: DashScope keys each item by its kind instead of a `type` field. */
export type DashScopeContentItem = { text: string } | { image: string };

export interface DashScopeMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | DashScopeContentItem[];
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  name?: string;
  reasoning_content?: string;
}

export interface DashScopeRequest {
  model: string;
  input: { messages: DashScopeMessage[] };
  parameters: Record<string, unknown>;
}

/**
 * Vision models live on the multimodal endpoint and take content as item lists (`qwen-vl-max`,
 * `qwen2.5-vl-72b-instruct`, `qwen3-vl-plus`, `qvq-max`); every other model uses text-generation.
 */
export function isMultimodalModel(model: string): boolean {
  return /^(qwen[\d.]*-vl|qvq)/i.test(model);
}

/** DashScope-only knobs a client may send as extra body fields; passed through to `parameters` untouched. */
const VENDOR_PARAMETERS = [
  'repetition_penalty',
  'top_k',
  'enable_search',
  'search_options',
  'enable_thinking',
  'thinking_budget',
  'vl_high_resolution_images',
] as const;

/**
 * Builds a native `generation` body from an OpenAI chat request.
 *
 * - `developer` becomes `system` (DashScope knows no developer role);
 * - text models get string content (list content is flattened: the native text endpoint rejects
 *   lists); vision models get `[{text}|{image}]` items for every message, as the multimodal endpoint
 *   requires; image URLs (http or data:) are passed as they are, DashScope accepts both;
 * - tool results keep `tool_call_id` and also carry the function `name`, which older Qwen models read;
 * - `incremental_output: true` when streaming so each event holds only the new text (not the whole
 *   answer so far), which is what OpenAI deltas are;
 * - `frequency_penalty` has no native counterpart and is dropped; `json_schema` is sent as
 *   `json_object` (the native API documents only that one), the schema itself is not enforced.
 */
export function convertRequest(req: ChatRequest, model: string, streaming: boolean): DashScopeRequest {
  const multimodal = isMultimodalModel(model);
  const names = toolNamesById(req.messages);
  const messages = req.messages.map((m) => convertMessage(m, multimodal, names));
  return { model, input: { messages }, parameters: buildParameters(req, streaming) };
}

function convertMessage(m: ChatMessage, multimodal: boolean, names: Map<string, string>): DashScopeMessage {
  const role = m.role === 'developer' ? 'system' : m.role;
  const out: DashScopeMessage = { role, content: multimodal ? contentItems(m.content) : contentText(m.content) };
  if (m.role === 'assistant' && m.tool_calls?.length) {
    out.tool_calls = m.tool_calls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.function.name, arguments: c.function.arguments },
    }));
  }
  if (m.role === 'assistant' && typeof m.reasoning_content === 'string' && m.reasoning_content) out.reasoning_content = m.reasoning_content;
  if (m.role === 'tool') {
    if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
    const name = names.get(m.tool_call_id ?? '') ?? (typeof m.name === 'string' ? m.name : undefined);
    if (name) out.name = name;
  }
  return out;
}

function contentItems(content: ChatMessage['content']): DashScopeContentItem[] {
  if (typeof content === 'string') return [{ text: content }];
  if (!Array.isArray(content)) return [];
  const items: DashScopeContentItem[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type === 'text') {
      const text = (part as { text?: unknown }).text;
      if (typeof text === 'string') items.push({ text });
    } else if (part.type === 'image_url') {
      const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
      if (typeof url === 'string' && url) items.push({ image: url });
    }
  }
  return items;
}

function buildParameters(req: ChatRequest, streaming: boolean): Record<string, unknown> {
  const p: Record<string, unknown> = { result_format: 'message' };
  if (streaming) p.incremental_output = true;
  if (typeof req.temperature === 'number') p.temperature = req.temperature;
  if (typeof req.top_p === 'number') p.top_p = req.top_p;
  const max = req.max_completion_tokens ?? req.max_tokens;
  if (typeof max === 'number') p.max_tokens = max;
  if (req.stop != null && (!Array.isArray(req.stop) || req.stop.length > 0)) p.stop = req.stop;
  if (typeof req.seed === 'number') p.seed = req.seed;
  if (typeof req.presence_penalty === 'number') p.presence_penalty = req.presence_penalty;
  if (typeof req.n === 'number' && req.n > 1) p.n = req.n;
  for (const key of VENDOR_PARAMETERS) if (req[key] !== undefined && req[key] !== null) p[key] = req[key];
  const rf = req.response_format;
  if (rf?.type === 'json_object' || rf?.type === 'json_schema') p.response_format = { type: 'json_object' };
  if (req.tools?.length) {
    p.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.function.name,
        ...(t.function.description ? { description: t.function.description } : {}),
        parameters: t.function.parameters ?? { type: 'object', properties: {} },
      },
    }));
    const choice = toolChoice(req.tool_choice, req.tools.length === 1 ? req.tools[0].function.name : undefined);
    if (choice !== undefined) p.tool_choice = choice;
    if (typeof req.parallel_tool_calls === 'boolean') p.parallel_tool_calls = req.parallel_tool_calls;
  }
  return p;
}

/**
 * DashScope takes `auto`, `none` or one named function. `required` has no native form: with a single
 * tool it forces that tool (the same outcome); with several it falls back to `auto`.
 */
function toolChoice(choice: ToolChoice | undefined, onlyTool: string | undefined): unknown {
  if (choice === undefined) return undefined;
  if (choice === 'auto' || choice === 'none') return choice;
  if (choice === 'required') return onlyTool ? { type: 'function', function: { name: onlyTool } } : 'auto';
  return { type: 'function', function: { name: choice.function.name } };
}
