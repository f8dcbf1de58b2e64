import type { ChatMessage, ChatRequest, ContentPart } from '../../core/chat-types.js';
import { badRequest } from '../../core/errors.js';
import { contentText, parseDataUrl, parseToolArguments, toolNamesById } from '../shared/native-content.js';

export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  images?: string[];
  thinking?: string;
  tool_calls?: Array<{ function: { name: string; arguments: Record<string, unknown> } }>;
  tool_name?: string;
}

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  stream: boolean;
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters?: Record<string, unknown> } }>;
  format?: 'json' | Record<string, unknown>;
  options?: Record<string, unknown>;
}

/**
 * Builds an Ollama `/api/chat` body from an OpenAI chat request.
 *
 * - developer messages become `system`; text parts are joined with `\n`; images must be data: URLs
 *   (Ollama takes base64 only, an http URL is a 400);
 * - assistant tool calls carry their arguments as objects; tool results get `tool_name` from the
 *   assistant call with the same id; assistant `reasoning_content` goes back as `thinking`;
 * - `response_format` json_object → `format: "json"`, json_schema → `format: <schema>`;
 * - limitation: Ollama has no `tool_choice`: `none` drops the tools, `required` and a named function
 *   are sent as plain tools (the model may still answer without calling one).
 */
export function convertRequest(req: ChatRequest, model: string, stream: boolean): OllamaChatRequest {
  const names = toolNamesById(req.messages);
  const body: OllamaChatRequest = { model, messages: req.messages.map((m) => convertMessage(m, names)), stream };
  if (req.tools?.length && req.tool_choice !== 'none') {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.function.name,
        ...(t.function.description ? { description: t.function.description } : {}),
        ...(t.function.parameters ? { parameters: t.function.parameters } : {}),
      },
    }));
  }
  const rf = req.response_format;
  if (rf?.type === 'json_object') body.format = 'json';
  else if (rf?.type === 'json_schema') body.format = rf.json_schema.schema ?? 'json';

  const options: Record<string, unknown> = {};
  if (typeof req.temperature === 'number') options.temperature = req.temperature;
  if (typeof req.top_p === 'number') options.top_p = req.top_p;
  const max = req.max_completion_tokens ?? req.max_tokens;
  if (typeof max === 'number') options.num_predict = max;
  if (req.stop != null) options.stop = Array.isArray(req.stop) ? req.stop : [req.stop];
  if (typeof req.seed === 'number') options.seed = req.seed;
  if (typeof req.frequency_penalty === 'number') options.frequency_penalty = req.frequency_penalty;
  if (typeof req.presence_penalty === 'number') options.presence_penalty = req.presence_penalty;
  if (Object.keys(options).length > 0) body.options = options;
  return body;
}

function convertMessage(m: ChatMessage, names: Map<string, string>): OllamaMessage {
  const role = m.role === 'developer' ? 'system' : m.role;
  const out: OllamaMessage = { role, content: contentText(m.content) };
  const images = imagesOf(m.content);
  if (images.length > 0) out.images = images;
  if (m.role === 'assistant') {
    if (m.reasoning_content) out.thinking = m.reasoning_content;
    if (m.tool_calls?.length) {
      out.tool_calls = m.tool_calls.map((c) => ({
        function: { name: c.function.name, arguments: parseToolArguments(c.function.arguments) },
      }));
    }
  }
  if (m.role === 'tool') {
    const name = names.get(m.tool_call_id ?? '') ?? (typeof m.name === 'string' ? m.name : undefined);
    if (name) out.tool_name = name;
  }
  return out;
}

function imagesOf(content: ChatMessage['content']): string[] {
  if (!Array.isArray(content)) return [];
  const images: string[] = [];
  for (const part of content as ContentPart[]) {
    if (part.type !== 'image_url') continue;
    const url = (part as { image_url?: { url?: string } }).image_url?.url ?? '';
    const data = parseDataUrl(url);
    if (!data) throw badRequest('Ollama accepts only base64 data: URL images', 'messages', 'unsupported_image_url');
    images.push(data.data);
  }
  return images;
}
