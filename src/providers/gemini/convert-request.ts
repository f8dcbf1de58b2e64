import type { ChatMessage, ChatRequest, ContentPart, FunctionTool, ToolChoice } from '../../core/chat-types.js';
import { contentText, parseDataUrl, parseToolArguments, toolNamesById } from '../shared/native-content.js';
import { toGeminiSchema } from './to-gemini-schema.js';

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType: string; fileUri: string };
  functionCall?: { name: string; args: Record<string, unknown>; id?: string };
  functionResponse?: { name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role: 'user' | 'model';
  parts: GeminiPart[];
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: Array<{ text: string }> };
  tools?: Array<{ functionDeclarations: Array<{ name: string; description?: string; parameters?: unknown }> }>;
  toolConfig?: { functionCallingConfig: { mode: 'AUTO' | 'NONE' | 'ANY'; allowedFunctionNames?: string[] } };
  generationConfig?: Record<string, unknown>;
}

/**
 * Builds a `generateContent` body from an OpenAI chat request.
 *
 * - system/developer messages → `systemInstruction` (one text part each);
 * - assistant → role `model`; tool results → role `user` `functionResponse` parts, named after the
 *   assistant tool call with the same id; consecutive same-role turns are merged;
 * - tool parameter schemas are reduced to the subset Gemini accepts (see `toGeminiSchema`);
 * - `response_format` json_object → `responseMimeType: application/json`; json_schema → also
 *   `responseSchema` (the OpenAPI-subset field, reduced the same way, chosen over `responseJsonSchema`
 *   because every Gemini model accepts it);
 * - http(s) image URLs are sent as `fileData` with a MIME type guessed from the extension (best
 *   effort: Gemini fetches only some URLs); data: URLs become `inlineData`.
 * Limitation: Gemini's thought signatures are not kept across turns (OpenAI's shape has no place for
 * them), so replayed function calls carry none.
 */
export function convertRequest(req: ChatRequest): GeminiRequest {
  const names = toolNamesById(req.messages);
  const system: Array<{ text: string }> = [];
  const contents: GeminiContent[] = [];
  for (const m of req.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      const text = contentText(m.content);
      if (text) system.push({ text });
      continue;
    }
    const role = m.role === 'assistant' ? 'model' : 'user';
    const parts = m.role === 'tool' ? [functionResponsePart(m, names)] : messageParts(m);
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  }

  const body: GeminiRequest = { contents };
  if (system.length > 0) body.systemInstruction = { parts: system };
  if (req.tools?.length) {
    body.tools = [{ functionDeclarations: req.tools.map(functionDeclaration) }];
    const config = toolConfig(req.tool_choice);
    if (config) body.toolConfig = config;
  }
  const generationConfig = buildGenerationConfig(req);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  return body;
}

function messageParts(m: ChatMessage): GeminiPart[] {
  const parts = contentParts(m.content);
  for (const call of m.tool_calls ?? []) {
    parts.push({ functionCall: { name: call.function.name, args: parseToolArguments(call.function.arguments) } });
  }
  return parts;
}

function contentParts(content: ChatMessage['content']): GeminiPart[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: GeminiPart[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type === 'text') {
      const text = (part as { text?: string }).text;
      if (text) parts.push({ text });
    } else if (part.type === 'image_url') {
      const url = (part as { image_url?: { url?: string } }).image_url?.url ?? '';
      const data = parseDataUrl(url);
      if (data) parts.push({ inlineData: { mimeType: data.mimeType, data: data.data } });
      else if (url) parts.push({ fileData: { mimeType: guessImageMime(url), fileUri: url } });
    }
  }
  return parts;
}

function functionResponsePart(m: ChatMessage, names: Map<string, string>): GeminiPart {
  const text = contentText(m.content);
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch {
    content = { result: text };
  }
  const name = names.get(m.tool_call_id ?? '') ?? (typeof m.name === 'string' && m.name ? m.name : 'unknown_function');
  return { functionResponse: { name, response: { content } } };
}

function functionDeclaration(t: FunctionTool): { name: string; description?: string; parameters?: unknown } {
  const decl: { name: string; description?: string; parameters?: unknown } = { name: t.function.name };
  if (t.function.description) decl.description = t.function.description;
  const params = t.function.parameters;
  // Gemini rejects an OBJECT schema with no properties: a function without arguments omits it.
  const props = params?.properties;
  const empty = !params || (params.type === 'object' && (!props || Object.keys(props as object).length === 0));
  if (!empty) decl.parameters = toGeminiSchema(params);
  return decl;
}

function toolConfig(choice: ToolChoice | undefined): GeminiRequest['toolConfig'] {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
}

function buildGenerationConfig(req: ChatRequest): Record<string, unknown> {
  const g: Record<string, unknown> = {};
  if (typeof req.temperature === 'number') g.temperature = req.temperature;
  if (typeof req.top_p === 'number') g.topP = req.top_p;
  const max = req.max_completion_tokens ?? req.max_tokens;
  if (typeof max === 'number') g.maxOutputTokens = max;
  if (req.stop != null) {
    const stops = Array.isArray(req.stop) ? req.stop : [req.stop];
    if (stops.length > 0) g.stopSequences = stops;
  }
  if (typeof req.seed === 'number') g.seed = req.seed;
  if (typeof req.n === 'number') g.candidateCount = req.n;
  if (typeof req.presence_penalty === 'number') g.presencePenalty = req.presence_penalty;
  if (typeof req.frequency_penalty === 'number') g.frequencyPenalty = req.frequency_penalty;
  const rf = req.response_format;
  if (rf?.type === 'json_object') g.responseMimeType = 'application/json';
  else if (rf?.type === 'json_schema') {
    g.responseMimeType = 'application/json';
    if (rf.json_schema.schema) g.responseSchema = toGeminiSchema(rf.json_schema.schema);
  }
  return g;
}

function guessImageMime(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  switch (ext) {
    case 'png':
      return 'image/png';
    case 'gif':
      return 'image/gif';
    case 'webp':
      return 'image/webp';
    case 'heic':
      return 'image/heic';
    default:
      return 'image/jpeg';
  }
}
