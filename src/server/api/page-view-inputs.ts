import type { PageViewInput } from '../../analytics/analytics-store.js';
import { hasSegments, mergeSegments, segmentsOfJson } from '../../analytics/segments.js';
import type { AppService } from '../../apps/app-service.js';
import { APP_SLUG } from '../../apps/app-types.js';
import { cleanText } from '../../core/clean-text.js';
import { badRequest } from '../../core/errors.js';
import type { AnalyticsCaller } from './analytics-caller.js';
import { eventEndUser } from './analytics-caller.js';
import { EVENT_LIMITS, type PageViewEventBody } from './analytics-event-schemas.js';

/** What a page view's `app` resolves to. */
interface AppOfEvent {
  workspaceId: string;
  appId: string | null;
  scenario: string | null;
  segments: Readonly<Record<string, string>>;
}

/**
 * The page views of a batch as the analytics writer takes them: each time checked against the server's
 * clock (at most 7 days old, at most 5 minutes ahead: a 400 `event_time_out_of_range` naming the event),
 * its app found by id (in its own workspace, when the caller may read that one: `mayRead`; the event then
 * belongs to it) or by slug in the caller's workspace (a built-in's slug is its scenario), a 400
 * `app_not_found` otherwise; its end user the caller's unless a key names one; its segment attributes
 * the key's with the app's over them. The session is the event's, else the request's `x-session-id`.
 */
export async function pageViewInputs(
  events: readonly PageViewEventBody[],
  caller: AnalyticsCaller,
  opts: {
    apps: Pick<AppService, 'row' | 'getBySlug' | 'isBuiltin'>;
    sessionId: string | null;
    now: number;
    /** Whether the caller may report for another workspace (an app's there). */
    mayRead?: (workspaceId: string) => boolean;
  },
): Promise<PageViewInput[]> {
  const apps = new Map<string, Promise<AppOfEvent | null>>();
  const out: PageViewInput[] = [];
  for (const [i, e] of events.entries()) {
    const ts = e.ts ?? opts.now;
    if (!Number.isFinite(ts) || ts < opts.now - EVENT_LIMITS.maxAgeMs || ts > opts.now + EVENT_LIMITS.maxAheadMs)
      throw badRequest(
        `events[${i}].ts is out of range: a page view may be at most 7 days old and at most 5 minutes ahead of the server's clock. / 页面浏览时间超出范围：最早 7 天前，最晚比服务器时间快 5 分钟。`,
        `events[${i}].ts`,
        'event_time_out_of_range',
      );
    let app: AppOfEvent | null = null;
    if (e.app !== undefined) {
      let found = apps.get(e.app);
      if (!found) apps.set(e.app, (found = appOf(e.app, caller.workspaceId, opts.apps, opts.mayRead ?? (() => false))));
      app = await found;
      if (!app)
        throw badRequest(
          `events[${i}].app names no app of this workspace: give an app id or a scenario app's slug. / 该工作空间中没有这个应用。`,
          `events[${i}].app`,
          'app_not_found',
        );
    }
    const segments = mergeSegments(caller.segments, app?.segments);
    out.push({
      id: e.id,
      ts,
      workspaceId: app?.workspaceId ?? caller.workspaceId,
      page: cleanText(e.page, EVENT_LIMITS.page) ?? '/',
      sessionId: e.session_id ?? opts.sessionId,
      endUser: eventEndUser(caller, e.end_user, `events[${i}].end_user`),
      appId: app?.appId ?? null,
      scenario: app?.scenario ?? null,
      keyId: caller.keyId,
      segments: hasSegments(segments) ? segments : {},
    });
  }
  return out;
}

/** An app by id (the caller's workspace's, or one they may read), else a scenario app or a built-in by slug; null when none. */
async function appOf(
  ref: string,
  workspaceId: string,
  apps: Pick<AppService, 'row' | 'getBySlug' | 'isBuiltin'>,
  mayRead: (workspaceId: string) => boolean,
): Promise<AppOfEvent | null> {
  const row = await apps.row(ref);
  if (row && (row.workspace_id === workspaceId || mayRead(row.workspace_id)))
    return { workspaceId: row.workspace_id, appId: row.id, scenario: row.slug, segments: segmentsOfJson(row.metadata) };
  if (!APP_SLUG.test(ref)) return null;
  const scenario = await apps.getBySlug(workspaceId, ref);
  if (scenario) return { workspaceId, appId: scenario.id, scenario: scenario.slug, segments: scenario.segments };
  return apps.isBuiltin(ref) ? { workspaceId, appId: null, scenario: ref, segments: {} } : null;
}
