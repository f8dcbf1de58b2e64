import { sessionEventOf, type AnalyticsEvent, type PageViewEvent, type RequestEvent } from './analytics-event.js';
import { sessionize, type SessionOptions } from './sessions.js';

/**
 * A session as the metrics count it: at its first activity (`start`), with its whole dwell and requests,
 * under the dimensions of `dims` — its first request, or its first page view when it has no request
 * (the store's rule: a session counts for the model and app it was used with).
 */
export interface SessionFact {
  id: string;
  start: number;
  dwellMs: number;
  turns: number;
  dims: RequestEvent | PageViewEvent;
}

type Active = RequestEvent | PageViewEvent;
const isActive = (e: AnalyticsEvent): e is Active => e.kind !== 'feedback';

/** The sessions of `events` (requests and page views; feedback is not activity), see {@link SessionFact}. */
export function sessionFacts(events: readonly AnalyticsEvent[], options?: SessionOptions): SessionFact[] {
  const active = events.filter(isActive);
  const byId = new Map(active.map((e) => [e.id, e]));
  return sessionize(active.map(sessionEventOf), options).map((s) => {
    const ordered = s.eventIds.map((id) => byId.get(id)!);
    return {
      id: s.id,
      start: s.start,
      dwellMs: s.dwellMs,
      turns: s.turns,
      dims: ordered.find((e) => e.kind === 'request') ?? ordered[0],
    };
  });
}

/**
 * `events` with `session` set from {@link sessionize} over their requests and page views (feedback
 * keeps `session: null`) and `firstOfUser` on the first request or page view of each end user in a
 * workspace. Pass every event there is (not only a period's): a user first seen before a period is not
 * new in it. Returns new objects; the input is unchanged.
 */
export function assignSessions(events: readonly AnalyticsEvent[], options?: SessionOptions): AnalyticsEvent[] {
  const sessionOf = new Map<string, string>();
  for (const s of sessionize(events.filter(isActive).map(sessionEventOf), options)) for (const id of s.eventIds) sessionOf.set(id, s.id);
  const firstOfUser = new Map<string, AnalyticsEvent>();
  for (const e of events) {
    if (e.kind === 'feedback' || e.endUser === null) continue;
    const k = JSON.stringify([e.workspace, e.endUser]);
    const seen = firstOfUser.get(k);
    if (!seen || e.ts < seen.ts || (e.ts === seen.ts && e.id < seen.id)) firstOfUser.set(k, e);
  }
  const firsts = new Set([...firstOfUser.values()].map((e) => e.id));
  return events.map((e) =>
    e.kind === 'feedback'
      ? { ...e, session: null, firstOfUser: false }
      : { ...e, session: sessionOf.get(e.id) ?? null, firstOfUser: firsts.has(e.id) },
  );
}
