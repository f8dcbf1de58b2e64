import type { ChatResult, StreamPart, Usage } from '../../core/chat-types.js';
import { newToolCallId } from '../../core/ids.js';

/** OpenAI `usage` object (with the details objects the SDK types expect). */
export function renderUsage(u: Usage): Record<string, unknown> {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
    prompt_tokens_details: { cached_tokens: u.cachedTokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens ?? 0 },
  };
}

/** Extra top-level fields the request stages add (name → JSON text), e.g. the AIGC label's `aigc_label`. */
export type ExtraFields = Readonly<Record<string, string>> | undefined;

/** `,"name":json` for each extra field; '' when there are none. */
function extra(fields: ExtraFields): string {
  if (!fields) return '';
  let out = '';
  for (const name in fields) out += `,${JSON.stringify(name)}:${fields[name]}`;
  return out;
}

/**
 * A `chat.completion` body (JSON text) that satisfies `CreateChatCompletionResponse`. Written as a
 * template around `JSON.stringify` of the variable parts: no intermediate objects on the hot path.
 * No `system_fingerprint`: the contract types it as a string (never null), and baimo has none.
 */
export function renderCompletion(id: string, created: number, model: string, r: ChatResult, usage: Usage, fields?: ExtraFields): string {
  const q = JSON.stringify;
  let message = `{"role":"assistant","content":${q(r.content)},"refusal":${q(r.refusal ?? null)}`;
  if (r.toolCalls.length) message += `,"tool_calls":${q(r.toolCalls)}`;
  if (r.reasoning) message += `,"reasoning_content":${q(r.reasoning)}`;
  return (
    `{"id":${q(id)},"object":"chat.completion","created":${created},"model":${q(model)},` +
    `"choices":[{"index":0,"message":${message}},"logprobs":null,"finish_reason":"${r.finishReason}"}],` +
    `"usage":${q(renderUsage(usage))}${extra(fields)}}`
  );
}

/**
 * Renders stream parts as `chat.completion.chunk` SSE events. One instance per response: it keeps
 * the fixed id/created/model and which tool-call indexes have been announced.
 */
export class ChunkRenderer {
  private readonly prefix: string;
  private readonly usageField: string;
  private readonly announced = new Set<number>();

  constructor(
    id: string,
    created: number,
    model: string,
    private readonly includeUsage: boolean,
  ) {
    // The constant head of every chunk, serialised once.
    this.prefix = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":`;
    this.usageField = includeUsage ? ',"usage":null' : '';
  }

  /**
   * The opening chunk: the assistant role with empty content, as OpenAI sends it; it carries the
   * stages' extra fields (the implicit AIGC label, `aigc_label`) when there are any.
   */
  start(fields?: ExtraFields): string {
    const head = this.chunk({ role: 'assistant', content: '' }, null);
    return fields ? `${head.slice(0, -3)}${extra(fields)}}\n\n` : head;
  }

  /**
   * A chunk with an empty delta and extra top-level fields: the `progress` of a scenario app's run
   * while its chunks are worked through (`{"phase":"map","done":3,"total":12}`).
   */
  note(fields: ExtraFields): string {
    return `${this.chunk({}, null).slice(0, -3)}${extra(fields)}}\n\n`;
  }

  /** SSE text for one part, or '' for parts that render nothing. */
  render(part: StreamPart): string {
    switch (part.type) {
      case 'text-delta':
        return part.text ? this.chunk({ content: part.text }, null) : '';
      case 'reasoning-delta':
        return part.text ? this.chunk({ reasoning_content: part.text }, null) : '';
      case 'tool-call-delta': {
        const call: Record<string, unknown> = { index: part.index };
        const fn: Record<string, string> = {};
        if (!this.announced.has(part.index)) {
          this.announced.add(part.index);
          call.id = part.id ?? newToolCallId();
          call.type = 'function';
          fn.name = part.name ?? '';
        } else if (part.name) fn.name = part.name;
        fn.arguments = part.argumentsDelta ?? '';
        call.function = fn;
        return this.chunk({ tool_calls: [call] }, null);
      }
      case 'finish': {
        // The stages' trailer fields (the knowledge stage's `citations`) ride on the finish chunk.
        let out = part.fields ? `${this.chunk({}, part.reason).slice(0, -3)}${extra(part.fields)}}\n\n` : this.chunk({}, part.reason);
        if (this.includeUsage && part.usage) out += `${this.prefix}[],"usage":${JSON.stringify(renderUsage(part.usage))}}\n\n`;
        return out + 'data: [DONE]\n\n';
      }
      case 'error':
        return `data: ${JSON.stringify(part.error.toJSON())}\n\n`;
      case 'usage':
        return '';
    }
  }

  private chunk(delta: Record<string, unknown>, finish: string | null): string {
    return `${this.prefix}[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]${this.usageField}}\n\n`;
  }
}
