import { sessionEventOf, type AnalyticsEvent } from './analytics-event.js';
import { sessionize, type SessionOptions } from './sessions.js';

/**
 * `events` with `session` set from {@link sessionize} over their requests and page views (feedback
 * keeps `session: null`: it is not session activity). Returns new objects; the input is unchanged.
 */
export function assignSessions(events: readonly AnalyticsEvent[], options?: SessionOptions): AnalyticsEvent[] {
  const active = events.flatMap((e) => (e.kind === 'feedback' ? [] : [sessionEventOf(e)]));
  const sessionOf = new Map<string, string>();
  for (const s of sessionize(active, options)) for (const id of s.eventIds) sessionOf.set(id, s.id);
  return events.map((e) => ({ ...e, session: e.kind === 'feedback' ? null : (sessionOf.get(e.id) ?? null) }));
}
