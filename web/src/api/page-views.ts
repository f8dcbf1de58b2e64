/**
 * Usage analytics from the console: page views (`POST /api/events`, batched: one event per navigation,
 * sent a moment later together with the next ones, and when the tab is hidden) and likes/dislikes of
 * answers (`POST /api/feedback`). The browser session id lives in sessionStorage (one per tab): page
 * views carry it, and the playground and app pages send it as `x-session-id` with their model calls,
 * so a visit's pages and requests are one session. Reporting is best effort: it never throws.
 */
import { api, route, writeHeaders } from './client.ts';
import type { Body, Res } from './types.ts';

type EventsBody = Body<'postApiEvents'>;
type PageViewEvent = EventsBody['events'][number];

const SESSION_KEY = 'baimo.analyticsSession';
/** Events per request (the server takes at most 50). */
const BATCH = 50;
/** How long a page view waits for others to go with it (ms). */
const DELAY_MS = 1_500;

/** A v4 UUID, also where `crypto.randomUUID` is missing (pages served over plain HTTP). */
export function uuid(): string {
  // randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let memorySession: string | null = null;

/** This tab's analytics session id: made on first use, kept in sessionStorage. */
export function browserSessionId(): string {
  try {
    let id = sessionStorage.getItem(SESSION_KEY);
    if (!id) sessionStorage.setItem(SESSION_KEY, (id = uuid()));
    return id;
  } catch {
    return (memorySession ??= uuid());
  }
}

/** Page views waiting to be sent, per workspace ('' for the caller's default). */
const queue = new Map<string, PageViewEvent[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * Reports that a page was shown: `page` is its route (`/playground`), `app` the app it shows (id, or a
 * built-in's slug), `workspaceId` the workspace it belongs to.
 */
export function trackPageView(page: string, opts: { workspaceId?: string; app?: string } = {}): void {
  const event: PageViewEvent = {
    type: 'page_view',
    id: uuid(),
    page: page.slice(0, 200) || '/',
    ts: Date.now(),
    session_id: browserSessionId(),
    ...(opts.app ? { app: opts.app } : {}),
  };
  const ws = opts.workspaceId ?? '';
  const list = queue.get(ws) ?? [];
  list.push(event);
  queue.set(ws, list);
  if (list.length >= BATCH) return void flushPageViews();
  timer ??= setTimeout(() => void flushPageViews(), DELAY_MS);
}

/** Sends what is queued (`keepalive`: also while the tab is being closed). */
export async function flushPageViews(keepalive = false): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batches = [...queue.entries()];
  queue.clear();
  await Promise.all(
    batches.flatMap(([ws, events]) => {
      const out: Promise<void>[] = [];
      for (let i = 0; i < events.length; i += BATCH) {
        const body: EventsBody = { ...(ws ? { workspace_id: ws } : {}), events: events.slice(i, i + BATCH) };
        out.push(send(body, keepalive));
      }
      return out;
    }),
  );
}

async function send(body: EventsBody, keepalive: boolean): Promise<void> {
  try {
    await fetch(route('/api/events'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...writeHeaders() },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      keepalive,
    });
  } catch {
    // Best effort: a lost page view is not worth a user's attention.
  }
}

if (typeof document !== 'undefined')
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && queue.size) void flushPageViews(true);
  });

export type Rating = 'like' | 'dislike';

/** Likes or dislikes an answer by its request id (`null` withdraws the rating); throws ApiError on failure. */
export function sendFeedback(requestId: string, rating: Rating | null): Promise<Res<'postApiFeedback'>> {
  return api<Res<'postApiFeedback'>>('POST', route('/api/feedback'), {
    request_id: requestId,
    rating,
  } satisfies Body<'postApiFeedback'>);
}

/**
 * Headers of a model call made from a console page: the tab's session, and the signed-in user as the
 * end user (a call with a virtual key would otherwise have none).
 */
export function sessionHeaders(userId?: string | null): Record<string, string> {
  return { 'x-session-id': browserSessionId(), ...(userId ? { 'x-end-user-id': userId } : {}) };
}
