/**
 * OpenAI chat messages → node-llama-cpp chat history. The chat wrapper resolved from the model's
 * own template then renders that history, so prompts look like what the model was trained on.
 */
import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import type { ChatMessage, ContentPart } from '../../core/chat-types.js';
import { badRequest } from '../../core/errors.js';

/** Text of a message's content; local GGUF chat models here are text-only, so other parts are refused. */
export function contentText(content: ChatMessage['content'], index: number): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part: ContentPart) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      if (part.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
      throw badRequest(
        `messages[${index}]: content part type "${part.type}" is not supported by this local text model`,
        `messages[${index}].content`,
        'unsupported_content',
      );
    })
    .join('\n');
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw; // keep what the client sent; the template renders it as a string
  }
}

/**
 * Converts the conversation. Assistant tool calls become function-call items carrying the result
 * of the matching `tool` message (by `tool_call_id`), which is how node-llama-cpp renders tool
 * use in each model's native format. A tool message without a matching call becomes user text, so
 * nothing the client sent is silently dropped. node-llama-cpp continues the last model turn, so an
 * empty model turn is appended ("write the next assistant message"), except after tool results:
 * then the model goes on with the turn that made the calls, as the native templates expect.
 */
export function toChatHistory(messages: ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  const pendingCalls = new Map<string, ChatModelFunctionCall>();
  messages.forEach((msg, i) => {
    switch (msg.role) {
      case 'system':
      case 'developer':
        history.push({ type: 'system', text: contentText(msg.content, i) });
        return;
      case 'user':
        history.push({ type: 'user', text: contentText(msg.content, i) });
        return;
      case 'assistant': {
        const response: ChatModelResponse['response'] = [];
        const text = contentText(msg.content, i);
        if (text) response.push(text);
        (msg.tool_calls ?? []).forEach((call, n) => {
          const item: ChatModelFunctionCall = {
            type: 'functionCall',
            name: call.function.name,
            params: parseArguments(call.function.arguments),
            result: '',
            startsNewChunk: n === 0,
          };
          pendingCalls.set(call.id, item);
          response.push(item);
        });
        history.push({ type: 'model', response });
        return;
      }
      case 'tool': {
        const result = contentText(msg.content, i);
        const call = msg.tool_call_id ? pendingCalls.get(msg.tool_call_id) : undefined;
        if (call) {
          call.result = parseArguments(result);
          pendingCalls.delete(msg.tool_call_id!);
        } else {
          const label = msg.name ?? msg.tool_call_id ?? 'tool';
          history.push({ type: 'user', text: `Result of ${label}:\n${result}` });
        }
        return;
      }
      default:
        throw badRequest(`messages[${i}]: unknown role "${String(msg.role)}"`, `messages[${i}].role`);
    }
  });
  const last = history.at(-1);
  const tail = last?.type === 'model' ? last.response.at(-1) : undefined;
  const afterToolResults = typeof tail === 'object' && tail.type === 'functionCall';
  if (!afterToolResults) history.push({ type: 'model', response: [] });
  return history;
}
