import type { RecordedRequest, FakeUpstream } from './fake-openai-upstream.js';
import { ADMIN_TOKEN, type TestBaimo } from './start-baimo.js';

/** What a scenario app's run answered: status, headers, the JSON body or the parsed SSE events. */
export interface RunResponse {
  status: number;
  headers: Headers;
  body: any;
  /** Streams: every `data:` event before `[DONE]`, parsed. */
  events: any[];
  /** Streams: whether `data: [DONE]` ended it. */
  done: boolean;
}

/** The `data:` events of an SSE body, parsed, and whether `[DONE]` ended it. */
export function sseEvents(text: string): { events: any[]; done: boolean } {
  const events: any[] = [];
  let done = false;
  for (const block of text.split('\n\n')) {
    const data = block
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    if (!data) continue;
    if (data === '[DONE]') {
      done = true;
      break;
    }
    events.push(JSON.parse(data));
  }
  return { events, done };
}

/** `POST url` with a bearer token and a JSON body; a `text/event-stream` answer is parsed into events. */
export async function postJson(url: string, body: unknown, token = ADMIN_TOKEN): Promise<RunResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream'))
    return { status: res.status, headers: res.headers, body: null, ...sseEvents(text) };
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, headers: res.headers, body: parsed, events: [], done: false };
}

/** `POST /v1/apps/{slug}/run`. */
export function runApp(baimo: TestBaimo, slug: string, body: Record<string, unknown>, token = ADMIN_TOKEN): Promise<RunResponse> {
  return postJson(`${baimo.baseURL}/apps/${slug}/run`, body, token);
}

/** The text a streamed answer's chunks carry. */
export function streamedText(events: any[]): string {
  return events.map((e) => e.choices?.[0]?.delta?.content ?? '').join('');
}

/** The chat calls the fake upstream received (embeddings, rerank and model listings left out). */
export function chatCalls(fake: FakeUpstream): RecordedRequest[] {
  return fake.requests.filter((r) => r.url.endsWith('/chat/completions'));
}

/** One role's message text of a recorded call, joined. */
export function roleText(call: RecordedRequest, role: string): string {
  return (call.body.messages as { role: string; content: string }[])
    .filter((m) => m.role === role)
    .map((m) => m.content)
    .join('\n');
}
