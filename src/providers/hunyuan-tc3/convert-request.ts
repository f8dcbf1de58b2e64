import type { ChatMessage, ChatRequest, ContentPart, FunctionTool, ToolChoice } from '../../core/chat-types.js';
import { contentText } from '../shared/native-content.js';

export interface HunyuanToolCall {
  Id?: string;
  Type?: string;
  Index?: number;
  Function?: { Name?: string; Arguments?: string };
}

export interface HunyuanMessage {
  Role: 'system' | 'user' | 'assistant' | 'tool';
  Content?: string;
  /** Multimodal content (vision models); used instead of `Content` when a message has an image. */
  Contents?: Array<{ Type: 'text' | 'image_url'; Text?: string; ImageUrl?: { Url: string } }>;
  ToolCalls?: HunyuanToolCall[];
  ToolCallId?: string;
}

export interface HunyuanTool {
  Type: 'function';
  Function: { Name: string; Description?: string; Parameters: string };
}

export interface HunyuanChatRequest {
  Model: string;
  Messages: HunyuanMessage[];
  Stream: boolean;
  Temperature?: number;
  TopP?: number;
  Tools?: HunyuanTool[];
  ToolChoice?: 'none' | 'auto' | 'custom';
  CustomTool?: HunyuanTool;
  Stop?: string[];
  Seed?: number;
  StreamModeration?: boolean;
  EnableEnhancement?: boolean;
}

/**
 * Builds a `ChatCompletions` body (PascalCase) from an OpenAI request. Tencent's API v3 rejects
 * unknown parameters, so only fields the 2023-09-01 API documents are sent: max_tokens, n,
 * penalties and response_format have no Hunyuan equivalent and are dropped. Tool parameter schemas
 * travel as JSON strings (Tencent's `Parameters` is a string). Two Hunyuan extras may be passed in
 * the OpenAI body as `enable_enhancement` and `stream_moderation`.
 */
export function convertRequest(req: ChatRequest, model: string, stream: boolean): HunyuanChatRequest {
  const body: HunyuanChatRequest = { Model: model, Messages: req.messages.map(convertMessage), Stream: stream };
  if (typeof req.temperature === 'number') body.Temperature = req.temperature;
  if (typeof req.top_p === 'number') body.TopP = req.top_p;
  if (req.stop != null) {
    const stops = Array.isArray(req.stop) ? req.stop : [req.stop];
    if (stops.length > 0) body.Stop = stops;
  }
  if (typeof req.seed === 'number') body.Seed = req.seed;
  if (req.tools?.length) {
    body.Tools = req.tools.map(convertTool);
    applyToolChoice(body, req.tool_choice, req.tools);
  }
  if (typeof req.enable_enhancement === 'boolean') body.EnableEnhancement = req.enable_enhancement;
  if (stream && typeof req.stream_moderation === 'boolean') body.StreamModeration = req.stream_moderation;
  return body;
}

function convertMessage(m: ChatMessage): HunyuanMessage {
  // Hunyuan has no developer role: it is a system instruction.
  const role = m.role === 'developer' ? 'system' : m.role;
  const out: HunyuanMessage = { Role: role };
  const contents = Array.isArray(m.content) ? multimodal(m.content as ContentPart[]) : undefined;
  if (contents) out.Contents = contents;
  else out.Content = contentText(m.content);
  if (m.role === 'assistant' && m.tool_calls?.length) {
    out.ToolCalls = m.tool_calls.map((c) => ({
      Id: c.id,
      Type: 'function',
      Function: { Name: c.function.name, Arguments: c.function.arguments || '{}' },
    }));
  }
  if (m.role === 'tool' && m.tool_call_id) out.ToolCallId = m.tool_call_id;
  return out;
}

/** `Contents` only when the message carries an image; plain text stays in `Content` (all models accept it). */
function multimodal(parts: ContentPart[]): HunyuanMessage['Contents'] {
  if (!parts.some((p) => p.type === 'image_url')) return undefined;
  const out: NonNullable<HunyuanMessage['Contents']> = [];
  for (const p of parts) {
    if (p.type === 'text' && typeof (p as { text?: unknown }).text === 'string')
      out.push({ Type: 'text', Text: (p as { text: string }).text });
    else if (p.type === 'image_url') {
      const url = (p as { image_url?: { url?: string } }).image_url?.url;
      if (url) out.push({ Type: 'image_url', ImageUrl: { Url: url } });
    }
  }
  return out;
}

function convertTool(t: FunctionTool): HunyuanTool {
  const fn: HunyuanTool['Function'] = {
    Name: t.function.name,
    Parameters: JSON.stringify(t.function.parameters ?? { type: 'object', properties: {} }),
  };
  if (t.function.description) fn.Description = t.function.description;
  return { Type: 'function', Function: fn };
}

/**
 * OpenAI `none`/`auto` map directly; a named function becomes `custom` + `CustomTool`. Hunyuan has no
 * "any tool" mode: `required` forces the tool when there is exactly one, otherwise it falls back to `auto`.
 */
function applyToolChoice(body: HunyuanChatRequest, choice: ToolChoice | undefined, tools: FunctionTool[]): void {
  if (choice === undefined) return;
  if (choice === 'none' || choice === 'auto') {
    body.ToolChoice = choice;
    return;
  }
  const name = choice === 'required' ? (tools.length === 1 ? tools[0].function.name : undefined) : choice.function.name;
  const tool = name === undefined ? undefined : tools.find((t) => t.function.name === name);
  if (!tool) {
    body.ToolChoice = 'auto';
    return;
  }
  body.ToolChoice = 'custom';
  body.CustomTool = convertTool(tool);
}
