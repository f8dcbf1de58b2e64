import type { ChatRequest, FunctionTool, ToolCall } from '../../core/chat-types.js';
import { contentText, toolNamesById } from '../shared/native-content.js';

export interface ErnieFunctionCall {
  name: string;
  arguments: string;
  thoughts?: string;
}

export interface ErnieMessage {
  role: 'user' | 'assistant' | 'function';
  content: string;
  name?: string;
  function_call?: ErnieFunctionCall;
}

export interface ErnieRequest {
  messages: ErnieMessage[];
  system?: string;
  functions?: Array<{ name: string; description: string; parameters: Record<string, unknown> }>;
  tool_choice?: { type: 'function'; function: { name: string } };
  temperature?: number;
  top_p?: number;
  penalty_score?: number;
  max_output_tokens?: number;
  stop?: string[];
  user_id?: string;
  response_format?: 'json_object' | 'text';
  stream?: boolean;
}

/** ERNIE's temperature range is (0, 1]: 0 (greedy in OpenAI terms) becomes the smallest step above it. */
const MIN_TEMPERATURE = 0.01;

/**
 * Builds a wenxinworkshop chat body from an OpenAI request.
 *
 * - system/developer messages → the top-level `system` field (ERNIE rejects them as messages);
 * - assistant tool calls → `function_call` (ERNIE carries one per assistant turn: a turn with several
 *   calls is split into call / result pairs so the user-side / assistant alternation holds);
 * - tool results → role `function` named after the call they answer;
 * - consecutive user (or assistant) turns are merged, because ERNIE requires strict alternation;
 * - images are dropped (v1 chat is text only).
 */
export function convertRequest(req: ChatRequest, stream = false): ErnieRequest {
  const names = toolNamesById(req.messages);
  const system: string[] = [];
  const messages: ErnieMessage[] = [];
  let pendingCalls: ToolCall[] = [];
  for (const m of req.messages) {
    if (m.role === 'system' || m.role === 'developer') {
      const text = contentText(m.content);
      if (text) system.push(text);
    } else if (m.role === 'tool') {
      const name = names.get(m.tool_call_id ?? '') ?? (typeof m.name === 'string' && m.name ? m.name : 'unknown_function');
      messages.push({ role: 'function', name, content: contentText(m.content) });
      const next = pendingCalls.shift();
      if (next) messages.push({ role: 'assistant', content: '', function_call: toFunctionCall(next) });
    } else if (m.role === 'assistant') {
      pendingCalls = [...(m.tool_calls ?? [])];
      const first = pendingCalls.shift();
      push(messages, { role: 'assistant', content: contentText(m.content), ...(first ? { function_call: toFunctionCall(first) } : {}) });
    } else {
      push(messages, { role: 'user', content: contentText(m.content) });
    }
  }

  const body: ErnieRequest = { messages };
  if (system.length > 0) body.system = system.join('\n');
  if (req.tools?.length && req.tool_choice !== 'none') {
    body.functions = req.tools.map(toFunction);
    const choice = req.tool_choice;
    if (choice && typeof choice === 'object') body.tool_choice = { type: 'function', function: { name: choice.function.name } };
  }
  if (typeof req.temperature === 'number') body.temperature = Math.min(1, Math.max(MIN_TEMPERATURE, req.temperature));
  if (typeof req.top_p === 'number') body.top_p = Math.min(1, Math.max(0, req.top_p));
  const penalty = penaltyScore(req);
  if (penalty !== undefined) body.penalty_score = penalty;
  const max = req.max_completion_tokens ?? req.max_tokens;
  // ERNIE rejects max_output_tokens below 2.
  if (typeof max === 'number') body.max_output_tokens = Math.max(2, max);
  if (req.stop != null) {
    // At most four stop words are accepted.
    const stops = (Array.isArray(req.stop) ? req.stop : [req.stop]).filter((s) => s !== '').slice(0, 4);
    if (stops.length > 0) body.stop = stops;
  }
  if (typeof req.user === 'string' && req.user) body.user_id = req.user;
  if (req.response_format?.type === 'json_object' || req.response_format?.type === 'json_schema') body.response_format = 'json_object';
  if (stream) body.stream = true;
  return body;
}

/** Merges a turn into the previous one of the same role (ERNIE demands user/assistant alternation). */
function push(messages: ErnieMessage[], m: ErnieMessage): void {
  const last = messages[messages.length - 1];
  if (last && last.role === m.role && !last.function_call && !m.function_call) {
    last.content = [last.content, m.content].filter(Boolean).join('\n');
    return;
  }
  messages.push(m);
}

function toFunctionCall(call: ToolCall): ErnieFunctionCall {
  return { name: call.function.name, arguments: call.function.arguments || '{}' };
}

function toFunction(t: FunctionTool): { name: string; description: string; parameters: Record<string, unknown> } {
  return {
    name: t.function.name,
    // ERNIE requires a description and a parameters schema on every function.
    description: t.function.description ?? t.function.name,
    parameters: t.function.parameters ?? { type: 'object', properties: {} },
  };
}

/**
 * OpenAI's presence/frequency penalties are in [-2, 2] (0 = off); ERNIE's `penalty_score` is in
 * [1, 2] (1 = off) and only discourages repetition, so only a positive penalty maps: 1 + p/2.
 */
function penaltyScore(req: ChatRequest): number | undefined {
  const p = Math.max(req.frequency_penalty ?? 0, req.presence_penalty ?? 0);
  if (!(p > 0)) return undefined;
  return Math.round((1 + Math.min(p, 2) / 2) * 1000) / 1000;
}
