/** One server-sent event: `event:` name (if any) and the joined `data:` lines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/**
 * Parses an SSE byte stream into events per the WHATWG rules that OpenAI's SDK follows: events end at
 * a blank line (`\n\n`, `\r\r`, `\r\n\r\n`), `:` lines are comments (keep-alive pings), several
 * `data:` lines join with `\n`, and the space after the colon is optional (DashScope, Spark omit it).
 */
export async function* parseSse(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event: string | undefined;
  let data: string[] = [];
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const nl = nextLineBreak(buffer, start);
      if (nl === -1) break;
      const line = buffer.slice(start, nl);
      // \r\n counts as one break; a lone \r at the very end may still be followed by \n: wait.
      if (buffer[nl] === '\r') {
        if (nl + 1 === buffer.length) break;
        start = buffer[nl + 1] === '\n' ? nl + 2 : nl + 1;
      } else {
        start = nl + 1;
      }
      if (line === '') {
        if (data.length > 0) yield { event, data: data.join('\n') };
        event = undefined;
        data = [];
        continue;
      }
      if (line.charCodeAt(0) === 58 /* : */) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
    buffer = buffer.slice(start);
  }
  buffer += decoder.decode();
  // A stream that ends without the final blank line still delivers its last event.
  for (const line of buffer.split(/\r\n|\r|\n/)) {
    if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  if (data.length > 0) yield { event, data: data.join('\n') };
}

function nextLineBreak(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Splits an NDJSON byte stream (Ollama native) into lines. */
export async function* parseNdjson(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield line;
    }
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest) yield rest;
}
