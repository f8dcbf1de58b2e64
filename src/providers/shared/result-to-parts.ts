import type { ChatResult, StreamPart } from '../../core/chat-types.js';

/** Replays a whole answer as stream parts (for providers that cannot stream a given request). */
export async function* resultToParts(result: Promise<ChatResult>): AsyncGenerator<StreamPart> {
  const r = await result;
  if (r.reasoning) yield { type: 'reasoning-delta', text: r.reasoning };
  if (r.content) yield { type: 'text-delta', text: r.content };
  for (const [index, call] of r.toolCalls.entries()) {
    yield { type: 'tool-call-delta', index, id: call.id, name: call.function.name, argumentsDelta: call.function.arguments };
  }
  if (r.usage) yield { type: 'usage', usage: r.usage, cumulative: true };
  yield { type: 'finish', reason: r.finishReason };
}
