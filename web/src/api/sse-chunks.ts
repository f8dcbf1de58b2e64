/**
 * Server-sent events of a streamed answer. `sseEvents` yields every event (its `event:` name, default
 * `message`, and its `data:` lines joined); `sseChunks` reads an OpenAI-style answer
 * (`/v1/chat/completions`, app runs): `[DONE]` ends the stream, data that is not JSON is skipped, an
 * `{"error": …}` event is thrown as ApiError. The reader is cancelled when the consumer stops early
 * (or aborts).
 */
import { ApiError } from './client.ts';

interface ErrorChunk {
  error?: { message?: string; code?: string | null; type?: string | null; param?: string | null } | null;
}

/** One event of the stream: its name (`message` when it has none) and its data. */
export interface SseEvent {
  event: string;
  data: string;
}

/** Every event of an SSE body, in order: events are separated by a blank line and may hold several `data:` lines. */
export async function* sseEvents(body: NonNullable<Response['body']>): AsyncGenerator<SseEvent, void, undefined> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let sep: number;
      while ((sep = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const raw = buffer.slice(0, sep);
        buffer = buffer.slice(sep).replace(/^\r?\n\r?\n/, '');
        const lines = raw.split(/\r?\n/);
        const data = lines
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue;
        const name = lines.find((l) => l.startsWith('event:'));
        yield { event: name ? name.slice(6).trim() : 'message', data };
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

export async function* sseChunks<T>(body: NonNullable<Response['body']>, status: number): AsyncGenerator<T, void, undefined> {
  for await (const { data } of sseEvents(body)) {
    if (data === '[DONE]') return;
    let chunk: T & ErrorChunk;
    try {
      chunk = JSON.parse(data) as T & ErrorChunk;
    } catch {
      continue;
    }
    if (chunk.error) {
      const e = chunk.error;
      throw new ApiError(status, e.message || 'stream error', e.code ?? null, e.type ?? null, e.param ?? null);
    }
    yield chunk as Awaited<T>;
  }
}
