import type { ChatMessage, ChatRequest } from '../../core/chat-types.js';
import { contentText, toolNamesById } from '../shared/native-content.js';
import type { SparkVersion } from './versions.js';

export interface SparkTextTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface SparkFunction {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** The one JSON frame a client sends after the handshake. */
export interface SparkRequestFrame {
  header: { app_id: string; uid?: string };
  parameter: { chat: { domain: string; temperature?: number; max_tokens?: number; top_k?: number } };
  payload: { message: { text: SparkTextTurn[] }; functions?: { text: SparkFunction[] } };
}

/**
 * Builds Spark's request frame from an OpenAI chat request.
 *
 * - system/developer turns → `system` (Spark v3+); for models without a system role (Lite) their
 *   text is prepended to the first user turn instead of being dropped;
 * - Spark has no tool-result role and takes no assistant function-call turns back, so an assistant
 *   tool call is replayed as assistant text and a tool result as a user turn naming the function;
 * - consecutive turns of one role are merged (Spark expects user/assistant alternation);
 * - `max_completion_tokens` wins over `max_tokens`; `top_k` (not OpenAI, kept by the body parser) passes through;
 * - `user` becomes `header.uid`, cut to Spark's 32 characters; `tool_choice: none` sends no functions.
 * Images, `stop`, `top_p`, `seed`, `response_format` have no Spark WebSocket field and are ignored.
 */
export function convertRequest(req: ChatRequest, version: SparkVersion, appId: string): SparkRequestFrame {
  const names = toolNamesById(req.messages);
  const system: string[] = [];
  const turns: SparkTextTurn[] = [];
  for (const m of req.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      const text = contentText(m.content);
      if (text) system.push(text);
      continue;
    }
    const turn = toTurn(m, names);
    if (!turn) continue;
    const last = turns[turns.length - 1];
    if (last && last.role === turn.role) last.content += `\n${turn.content}`;
    else turns.push(turn);
  }
  if (system.length > 0) {
    const text = system.join('\n');
    if (version.system) turns.unshift({ role: 'system', content: text });
    else {
      const firstUser = turns.find((t) => t.role === 'user');
      if (firstUser) firstUser.content = `${text}\n\n${firstUser.content}`;
      else turns.unshift({ role: 'user', content: text });
    }
  }

  const chat: SparkRequestFrame['parameter']['chat'] = { domain: version.domain };
  if (typeof req.temperature === 'number') chat.temperature = req.temperature;
  const max = req.max_completion_tokens ?? req.max_tokens;
  if (typeof max === 'number') chat.max_tokens = max;
  if (typeof req.top_k === 'number') chat.top_k = req.top_k;

  const header: SparkRequestFrame['header'] = { app_id: appId };
  if (typeof req.user === 'string' && req.user) header.uid = req.user.slice(0, 32);

  const frame: SparkRequestFrame = { header, parameter: { chat }, payload: { message: { text: turns } } };
  if (req.tools?.length && req.tool_choice !== 'none') {
    frame.payload.functions = {
      text: req.tools.map((t) => ({
        name: t.function.name,
        description: t.function.description ?? '',
        // Spark requires a parameters object even for a function without arguments.
        parameters: t.function.parameters ?? { type: 'object', properties: {} },
      })),
    };
  }
  return frame;
}

function toTurn(m: ChatMessage, names: Map<string, string>): SparkTextTurn | undefined {
  if (m.role === 'tool') {
    const name = names.get(m.tool_call_id ?? '') ?? (typeof m.name === 'string' && m.name ? m.name : 'function');
    return { role: 'user', content: `Result of ${name}: ${contentText(m.content)}` };
  }
  if (m.role === 'assistant') {
    const parts = [contentText(m.content)].filter(Boolean);
    for (const call of m.tool_calls ?? []) parts.push(`Calling ${call.function.name}(${call.function.arguments})`);
    return parts.length > 0 ? { role: 'assistant', content: parts.join('\n') } : undefined;
  }
  const text = contentText(m.content);
  return text ? { role: 'user', content: text } : undefined;
}
