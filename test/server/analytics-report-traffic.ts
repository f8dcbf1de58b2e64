import { randomUUID } from 'node:crypto';
import type { AnalyticsEvent, FeedbackEvent, PageViewEvent, RequestEvent } from '../../src/analytics/analytics-event.js';
import type { Rng } from '../../src/eval/seeded-rng.js';
import type { RequestLogRow } from '../../src/store/schema.js';
import { logRow } from '../helpers/log-row.js';

const SEC = 1_000;
const MIN = 60 * SEC;
const DAY = 24 * 60 * MIN;

export const MODELS = [
  ['qwen-plus', 'dashscope'],
  ['deepseek-chat', 'deepseek'],
  ['glm-4', 'zhipu'],
] as const;
/** Built-in app slugs: page views name them as their app (a scenario without an app id). */
export const SCENARIOS = [null, 'summarize', 'essay', 'promo-copy'] as const;
export const INDUSTRIES = ['IT', '教育', 'finance'] as const;
export const REGIONS = ['北京', 'shanghai'] as const;

export interface WorldKey {
  id: string;
  secret: string;
  segments: Record<string, string>;
}
export interface WorldWorkspace {
  id: string;
  keys: WorldKey[];
  /** End users with segment attributes of their own (set before any traffic). */
  endUserSegments: Map<string, Record<string, string>>;
}

/** A page view as `POST /api/events` takes it, and who sends it (a key's secret, or the admin token with the workspace). */
export interface PageViewPost {
  secret: string | null;
  workspaceId: string;
  event: { type: 'page_view'; id: string; page: string; ts: number; session_id?: string; app?: string; end_user?: string };
}

/** One rating of a request, in order (a later one replaces an earlier one of the same request). */
export interface FeedbackPost {
  secret: string;
  request_id: string;
  rating: 'like' | 'dislike' | null;
  end_user: string;
}

export interface Traffic {
  rows: RequestLogRow[];
  pageViews: PageViewPost[];
  feedback: FeedbackPost[];
  /** What the naive report reads: requests (baimo's own calls left out), page views, final ratings. */
  events: AnalyticsEvent[];
}

const merge = (...layers: Array<Record<string, string> | undefined>): Record<string, string> => Object.assign({}, ...layers);

/**
 * Random traffic over the last six days (ending a quarter of an hour ago, so page views are inside the
 * events route's window): visits of end users through keys (request rows and page views) or the
 * console (rows without a key, page views by the admin token), some with an explicit session id, events
 * spaced around the session gap so sessions split and merge; some baimo-own rows (`origin: eval`) the
 * report must leave out; ratings of some requests, a few changed or withdrawn.
 */
export function makeTraffic(rng: Rng, world: WorldWorkspace[], opts: { visits: number; gapMs: number; now: number }): Traffic {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const start = opts.now - 6 * DAY;
  const end = opts.now - 15 * MIN;
  const used = new Set<number>();
  const uniqueTs = (t: number): number => {
    let ts = Math.min(Math.max(Math.floor(t), start), end);
    while (used.has(ts)) ts++;
    used.add(ts);
    return ts;
  };
  const rows: RequestLogRow[] = [];
  const pageViews: PageViewPost[] = [];
  const requests: RequestEvent[] = [];
  const events: AnalyticsEvent[] = [];
  let n = 0;
  for (let v = 0; v < opts.visits; v++) {
    const ws = pick(world);
    const console = rng() < 0.15;
    const key = console ? null : pick(ws.keys);
    const endUser = rng() < 0.12 ? null : `user-${Math.floor(rng() * 12)}`;
    const sessionId = rng() < 0.2 ? `conv-${Math.floor(rng() * 6)}` : null;
    const segments = merge(key?.segments, endUser ? ws.endUserSegments.get(endUser) : undefined);
    let t = start + rng() * (end - start);
    const count = 1 + Math.floor(rng() * 7);
    for (let i = 0; i < count; i++) {
      t += i === 0 ? 0 : 5 * SEC + rng() * 1.5 * opts.gapMs;
      if (t >= end) break;
      const ts = uniqueTs(t);
      const scenario = pick(SCENARIOS);
      const base = {
        ts,
        workspace: ws.id,
        key: key?.id ?? null,
        endUser,
        sessionId,
        session: null,
        provider: null as string | null,
        segments,
      };
      if (rng() < 0.7) {
        const [model, provider] = pick(MODELS);
        const status = rng() < 0.1 ? pick([429, 500, 502]) : 200;
        const stream = rng() < 0.5;
        const latency = Math.round(20 + Math.exp(rng() * 8));
        const e: RequestEvent = {
          ...base,
          id: `req_${String(++n).padStart(6, '0')}`,
          kind: 'request',
          app: scenario === null ? (rng() < 0.3 ? `app_${pick(['a', 'b'])}` : null) : `app_${scenario}`,
          scenario,
          model,
          provider,
          ok: status < 400,
          latencyMs: latency,
          ttftMs: stream ? Math.max(1, Math.round(latency * rng())) : null,
          inputTokens: Math.floor(rng() * 2000),
          outputTokens: status < 400 ? Math.floor(rng() * 800) : 0,
          cacheHit: status < 400 && rng() < 0.1,
          costCny: Math.round(rng() * 1e5) / 1e6,
          fromPage: key === null,
        };
        const own = rng() < 0.03;
        rows.push(
          logRow({
            id: e.id,
            created_at: ts,
            key_id: e.key,
            workspace_id: ws.id,
            app_id: e.app,
            app_slug: scenario,
            model_requested: model,
            provider,
            upstream_model: model,
            status,
            error_type: status < 400 ? null : 'server_error',
            prompt_tokens: e.inputTokens,
            completion_tokens: e.outputTokens,
            cost: e.costCny,
            currency: 'CNY',
            cost_cny: e.costCny,
            latency_ms: latency,
            ttft_ms: e.ttftMs,
            stream: stream ? 1 : 0,
            cache_hit: e.cacheHit ? 1 : 0,
            session_id: sessionId,
            user_id: endUser,
            segments: key && Object.keys(key.segments).length > 0 ? JSON.stringify(key.segments) : null,
            origin: own ? 'eval' : null,
          }),
        );
        if (own) continue;
        events.push(e);
        requests.push(e);
      } else {
        const id = randomUUID();
        const e: PageViewEvent = { ...base, id, kind: 'page_view', page: '/apps/use', app: null, scenario, model: null };
        events.push(e);
        pageViews.push({
          secret: key?.secret ?? null,
          workspaceId: ws.id,
          event: {
            type: 'page_view',
            id,
            page: e.page,
            ts,
            ...(sessionId !== null ? { session_id: sessionId } : {}),
            ...(scenario !== null ? { app: scenario } : {}),
            ...(endUser !== null ? { end_user: endUser } : {}),
          },
        });
      }
    }
  }
  const feedback: FeedbackPost[] = [];
  for (const r of requests) {
    if (rng() >= 0.15) continue;
    const ws = world.find((w) => w.id === r.workspace)!;
    const rater = { secret: pick(ws.keys).secret, request_id: r.id, end_user: 'rater' };
    const first = rng() < 0.7 ? 'like' : 'dislike';
    feedback.push({ ...rater, rating: first });
    const last = rng() < 0.2 ? (rng() < 0.5 ? null : first === 'like' ? 'dislike' : 'like') : first;
    if (last !== first) feedback.push({ ...rater, rating: last });
    if (last !== null) {
      // A rating counts in its request's bucket and groups.
      const fb: FeedbackEvent = {
        id: `fb_${r.id}`,
        ts: r.ts,
        workspace: r.workspace,
        key: r.key,
        endUser: r.endUser,
        sessionId: r.sessionId,
        session: null,
        app: r.app,
        scenario: r.scenario,
        model: r.model,
        provider: r.provider,
        segments: r.segments,
        kind: 'feedback',
        requestId: r.id,
        rating: last,
      };
      events.push(fb);
    }
  }
  return { rows, pageViews, feedback, events };
}
