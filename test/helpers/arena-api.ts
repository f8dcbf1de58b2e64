import { admin, callerHeaders, readResponse, type Caller } from './admin-api.js';
import type { TestBaimo } from './start-baimo.js';

/** One server-sent event of a blind battle's stream. */
export interface SseEvent {
  event: string;
  data: any;
}

/** A blind battle as the client saw it: the HTTP status, the raw stream, its events, and each side's text. */
export interface BattleStream {
  status: number;
  raw: string;
  events: SseEvent[];
  id: string | undefined;
  text: { a: string; b: string };
  /** The JSON error body when the request was refused before streaming. */
  error?: any;
}

const headersOf = (caller: Caller, contentType = 'application/json'): Record<string, string> => ({
  'content-type': contentType,
  ...callerHeaders(caller ?? admin),
});

/** Parses `event:` / `data:` blocks separated by blank lines. */
export function parseSse(raw: string): SseEvent[] {
  const out: SseEvent[] = [];
  for (const block of raw.split('\n\n')) {
    if (!block.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    out.push({ event, data: JSON.parse(data.join('\n')) });
  }
  return out;
}

/** `POST /api/arena/battles`, read to its end. */
export async function fightBattle(
  baimo: TestBaimo,
  body: unknown,
  opts: { caller?: Caller; workspace?: string; signal?: AbortSignal } = {},
): Promise<BattleStream> {
  const q = opts.workspace ? `?workspace_id=${opts.workspace}` : '';
  const res = await fetch(`${baimo.url}/api/arena/battles${q}`, {
    method: 'POST',
    headers: headersOf(opts.caller ?? null),
    body: JSON.stringify(body),
    signal: opts.signal,
  });
  const raw = await res.text();
  if (!res.ok || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream'))
    return { status: res.status, raw, events: [], id: undefined, text: { a: '', b: '' }, error: JSON.parse(raw) };
  const events = parseSse(raw);
  const text = { a: '', b: '' };
  for (const e of events) if (e.event === 'delta') text[e.data.side as 'a' | 'b'] += e.data.text;
  return { status: res.status, raw, events, id: events.find((e) => e.event === 'battle')?.data.id, text };
}

/** `POST /api/arena/import` with a JSONL body. */
export async function importBattles(
  baimo: TestBaimo,
  text: string,
  opts: { caller?: Caller; workspace?: string; skipInvalid?: boolean; contentType?: string } = {},
): Promise<{ status: number; body: any }> {
  const q = new URLSearchParams();
  if (opts.workspace) q.set('workspace_id', opts.workspace);
  if (opts.skipInvalid) q.set('skip_invalid', 'true');
  const res = await fetch(`${baimo.url}/api/arena/import${q.size ? `?${q}` : ''}`, {
    method: 'POST',
    headers: headersOf(opts.caller ?? null, opts.contentType ?? 'application/x-ndjson'),
    body: text,
  });
  const { status, body } = await readResponse(res);
  return { status, body };
}

/** JSONL of battles drawn from known strengths (Bradley–Terry on the Elo scale), seeded. */
export function battlesFromStrengths(strengths: Record<string, number>, n: number, seed = 7): string {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const models = Object.keys(strengths);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = models[Math.floor(rnd() * models.length)];
    let b = models[Math.floor(rnd() * models.length)];
    while (b === a) b = models[Math.floor(rnd() * models.length)];
    const pA = 1 / (1 + 10 ** ((strengths[b] - strengths[a]) / 400));
    const u = rnd();
    const winner = u < 0.05 ? 'tie' : rnd() < pA ? 'model_a' : 'model_b';
    lines.push(JSON.stringify({ model_a: a, model_b: b, winner }));
  }
  return `${lines.join('\n')}\n`;
}
