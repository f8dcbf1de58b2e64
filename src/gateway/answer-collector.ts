import type { ChatResult, FinishReason, StreamPart, ToolCall } from '../core/chat-types.js';

/** Rebuilds a whole answer from stream parts (for the response cache and stored bodies). */
export class AnswerCollector {
  private text = '';
  private reasoning = '';
  private readonly calls: ToolCall[] = [];

  observe(part: StreamPart): void {
    if (part.type === 'text-delta') this.text += part.text;
    else if (part.type === 'reasoning-delta') this.reasoning += part.text;
    else if (part.type === 'tool-call-delta') {
      const c = (this.calls[part.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (part.id) c.id = part.id;
      if (part.name) c.function.name += part.name;
      if (part.argumentsDelta) c.function.arguments += part.argumentsDelta;
    }
  }

  get content(): string {
    return this.text;
  }

  result(finishReason: FinishReason): ChatResult {
    return {
      content: this.text || (this.calls.length ? null : ''),
      reasoning: this.reasoning || undefined,
      toolCalls: this.calls.filter(Boolean),
      finishReason,
    };
  }
}
