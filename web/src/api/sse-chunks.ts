/**
 * The JSON chunks of an OpenAI-style SSE answer (`/v1/chat/completions`, app runs): events are
 * separated by a blank line and may hold several `data:` lines; `[DONE]` ends the stream; data that
 * is not JSON is skipped; an `{"error": …}` event is thrown as ApiError. The reader is cancelled when
 * the consumer stops early (or aborts).
 */
import { ApiError } from './client.ts';

interface ErrorChunk {
  error?: { message?: string; code?: string | null; type?: string | null; param?: string | null } | null;
}

export async function* sseChunks<T>(body: NonNullable<Response['body']>, status: number): AsyncGenerator<T, void, undefined> {
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
        const data = raw
          .split(/\r?\n/)
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).replace(/^ /, ''))
          .join('\n');
        if (!data) continue;
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
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
