import type { SessionEvent } from './sessions.js';

/**
 * The events usage analytics reads, as plain serialisable objects: model requests (from the request
 * log), page views (console and app pages) and feedback on answers. `session` is the id the sessioniser
 * gave the event (src/analytics/sessions.ts; null when not sessionised, e.g. feedback).
 */
interface EventBase {
  id: string;
  /** Epoch ms. */
  ts: number;
  workspace: string | null;
  key: string | null;
  endUser: string | null;
  /** Caller-supplied session or conversation id (`x-session-id`). */
  sessionId: string | null;
  /** Resolved session id (see above). */
  session: string | null;
  /** True on the first request or page view of its end user in its workspace (a new user there). */
  firstOfUser?: boolean;
  app: string | null;
  /** The app/scenario that produced the call (its slug), null for a direct API call. */
  scenario: string | null;
  model: string | null;
  provider: string | null;
  /** Segment attributes from key, app and end-user metadata: `industry`, `region`, `user_group`, … */
  segments: Readonly<Record<string, string>>;
}

/** One call to a model endpoint. */
export interface RequestEvent extends EventBase {
  kind: 'request';
  /** False for failed calls (any error status). */
  ok: boolean;
  latencyMs: number | null;
  /** Time to first token, streamed calls only. */
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Answered from the response cache. */
  cacheHit: boolean;
  costCny: number;
  /**
   * True when a console or app page made the call (that page sends its own page views); false for
   * calls with no page, which count as one page view each.
   */
  fromPage: boolean;
}

/** A console or app page shown to a user. */
export interface PageViewEvent extends EventBase {
  kind: 'page_view';
  page: string;
}

/** Like or dislike of an answer; its dimensions are the rated request's. */
export interface FeedbackEvent extends EventBase {
  kind: 'feedback';
  requestId: string;
  rating: 'like' | 'dislike';
}

export type AnalyticsEvent = RequestEvent | PageViewEvent | FeedbackEvent;

/** The grouping a metric row is computed for (`segment` needs a segment attribute). */
export type Dimension = 'model' | 'provider' | 'app' | 'scenario' | 'key' | 'workspace' | 'segment';
export const DIMENSIONS: readonly Dimension[] = ['model', 'provider', 'app', 'scenario', 'key', 'workspace', 'segment'];

/** Scenario label of calls that no app made. */
export const DIRECT_API = 'direct_api';

/**
 * The group of `e` along `dimension`: the field's value, `direct_api` for a missing scenario, the
 * `segmentAttribute` value for `segment`; null when the event has none.
 */
export function groupValue(e: AnalyticsEvent, dimension: Dimension, segmentAttribute?: string): string | null {
  switch (dimension) {
    case 'scenario':
      return e.scenario ?? DIRECT_API;
    case 'segment':
      if (segmentAttribute === undefined) throw new RangeError('grouping by segment needs a segment attribute');
      return Object.hasOwn(e.segments, segmentAttribute) ? e.segments[segmentAttribute] : null;
    default:
      return e[dimension];
  }
}

/** The fields sessions read, from an analytics event (feedback is not session activity). */
export function sessionEventOf(e: RequestEvent | PageViewEvent): SessionEvent {
  return {
    id: e.id,
    ts: e.ts,
    kind: e.kind,
    workspace: e.workspace,
    key: e.key,
    endUser: e.endUser,
    sessionId: e.sessionId,
    app: e.app,
    model: e.model,
  };
}
