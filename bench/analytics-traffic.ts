import type { RequestLogRow } from '../src/store/schema.js';
import { MODELS, USD_CNY } from './log-rows.js';

/**
 * The request-log rows of `npm run bench:analytics`: ~90 days of gateway traffic as usage analytics
 * sees it, made by one seeded generator (the same rows every run, in time order).
 *
 * - 12 workspaces (one with a third of the traffic), 3,000 keys (Zipf within a workspace; three in five
 *   belong to one of 160 apps of 24 scenarios, the rest are direct API), 60,000 end users (Zipf), the
 *   30 models of bench/log-rows.ts (12 providers).
 * - Segments as key and app metadata put them in the `segments` column: each key an industry and a
 *   region, most apps a user group (and some an industry of their own, which wins over the key's).
 * - Sessions: a session is one end user (85 %; else anonymous calls of the key) on one key, a mean of
 *   5 turns ~70 s apart, one pause in 25 longer than the 30-minute gap (a derived session splits
 *   there); two in five carry the caller's session id (an explicit session, never split).
 * - When: the Asia/Shanghai working day (peaks at 10:00 and 15:00, a lunch dip, a quiet night that is
 *   never empty), weekends at 45 %, traffic growing from 0.7× to 1.3× over the period.
 */

export const TIMEZONE = 'Asia/Shanghai';
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** mulberry32: small, fast and the same everywhere. */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (this.s + 0x6d2b79f5) | 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Roughly normal, mean 0, sd 1. */
  gauss(): number {
    return (this.next() + this.next() + this.next() - 1.5) * 2;
  }
}

/** Index drawn with probability proportional to `weights`. */
export function picker(rng: Rng, weights: readonly number[]): () => number {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cum[i] = sum += w));
  return () => {
    const x = rng.next() * sum;
    let lo = 0;
    for (let hi = cum.length - 1; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
const zipf = (n: number, s = 1): number[] => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

export const SCENARIOS = [
  'kb-qa',
  'customer-service',
  'summarize',
  'translate',
  'copywriting',
  'code-assistant',
  'meeting-notes',
  'contract-review',
  'tutor',
  'report-writer',
  'data-analysis',
  'email-draft',
  'product-desc',
  'sql-helper',
  'resume-screen',
  'policy-qa',
  'medical-triage',
  'finance-news',
  'marketing-slogan',
  'legal-qa',
  'hr-assistant',
  'ticket-classify',
  'speech-draft',
  'social-post',
];
export const INDUSTRIES = ['互联网', '教育', '金融', '制造', '医疗', '政务', '零售', '传媒', '法律', '能源'];
export const REGIONS = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '苏州', '天津', '重庆'];
export const USER_GROUPS = ['学生', '教师', '工程师', '销售', '客服', '管理者', '研究人员', '自由职业'];

export interface Workspace {
  id: string;
}
export interface App {
  id: string;
  ws: number;
  slug: string;
  segments: Record<string, string>;
}
export interface Key {
  id: string;
  ws: number;
  app: App | null;
  main: number;
  second: number;
  segments: Record<string, string>;
  /** The `segments` column of its rows (key's attributes, then the app's over them). */
  column: string;
}
export interface EndUser {
  id: string;
  ws: number;
  home: number;
}

/** Everything the traffic is drawn from (built from its own seed, so the population never depends on the row count). */
export class Population {
  readonly workspaces: string[];
  readonly apps: App[];
  readonly keys: Key[];
  readonly users: EndUser[];
  readonly keysByWs: Key[][];
  readonly usersByWs: EndUser[][];
  readonly pickWs: () => number;
  readonly pickKey: Array<() => number>;
  readonly pickUser: Array<() => number>;
  readonly pickModel: () => number;
  readonly pickIndustry: () => number;
  readonly pickRegion: () => number;

  constructor(readonly rng = new Rng(20_261_220)) {
    const r = rng;
    this.workspaces = Array.from({ length: 12 }, (_, i) => `ws_${String(i).padStart(2, '0')}`);
    const wsWeights = [35, ...zipf(11).map((w, _, all) => (65 * w) / all.reduce((a, b) => a + b))];
    this.pickWs = picker(r, wsWeights);
    this.pickModel = picker(r, zipf(MODELS.length, 1.1));
    this.pickIndustry = picker(r, zipf(INDUSTRIES.length, 0.8));
    this.pickRegion = picker(r, zipf(REGIONS.length, 0.7));
    const pickScenario = picker(r, zipf(SCENARIOS.length, 0.9));
    const pickGroup = picker(r, zipf(USER_GROUPS.length, 0.6));
    this.apps = Array.from({ length: 160 }, (_, i) => {
      const segments: Record<string, string> = {};
      if (r.next() < 0.8) segments.user_group = USER_GROUPS[pickGroup()];
      if (r.next() < 0.15) segments.industry = INDUSTRIES[this.pickIndustry()];
      return { id: `app_${String(i).padStart(3, '0')}`, ws: i < 40 ? 0 : 1 + (i % 11), slug: SCENARIOS[pickScenario()], segments };
    });
    const appsByWs = this.workspaces.map((_, w) => this.apps.filter((a) => a.ws === w));
    this.keys = Array.from({ length: 3000 }, (_, k) => {
      const ws = this.pickWs();
      const app = r.next() < 0.6 ? appsByWs[ws][r.int(appsByWs[ws].length)] : null;
      const segments: Record<string, string> = { industry: INDUSTRIES[this.pickIndustry()], region: REGIONS[this.pickRegion()] };
      return {
        id: `key_${String(k).padStart(4, '0')}`,
        ws,
        app,
        main: this.pickModel(),
        second: this.pickModel(),
        segments,
        column: JSON.stringify({ ...segments, ...(app?.segments ?? {}) }),
      };
    });
    this.keysByWs = this.workspaces.map((_, w) => this.keys.filter((k) => k.ws === w));
    this.pickKey = this.keysByWs.map((ks) => picker(r, zipf(ks.length, 0.9)));
    this.users = Array.from({ length: 60_000 }, (_, u) => {
      const ws = this.pickWs();
      return { id: `eu_${String(u).padStart(5, '0')}`, ws, home: this.pickKey[ws]() };
    });
    this.usersByWs = this.workspaces.map((_, w) => this.users.filter((u) => u.ws === w));
    this.pickUser = this.usersByWs.map((us) => picker(r, zipf(us.length, 0.7)));
  }

  /** End users with segment attributes of their own (1 in 20): `[workspace, end user, segments]`. */
  endUserSegments(): Array<[string, string, Record<string, string>]> {
    const r = new Rng(7);
    return this.users
      .filter((_, i) => i % 20 === 3)
      .map((u) => [
        this.workspaces[u.ws],
        u.id,
        { user_group: USER_GROUPS[r.int(USER_GROUPS.length)], region: REGIONS[r.int(REGIONS.length)] },
      ]);
  }
}

/** Relative activity per local hour in Shanghai. */
const HOUR_WEIGHT = [
  0.15, 0.08, 0.05, 0.04, 0.04, 0.06, 0.15, 0.35, 0.7, 1.0, 1.15, 1.1, 0.6, 0.8, 1.1, 1.15, 1.1, 0.9, 0.55, 0.6, 0.7, 0.65, 0.45, 0.28,
];
const SHANGHAI_OFFSET = 8 * HOUR_MS;

/** A session as the generator walks it: when its next turn is and what it carries. */
interface Session {
  next: number;
  left: number;
  no: number;
  key: Key;
  user: EndUser | null;
  sid: string | null;
  model: number;
}

/** A binary min-heap of sessions by next turn time. */
class SessionHeap {
  private readonly a: Session[] = [];
  get size(): number {
    return this.a.length;
  }
  peek(): Session | undefined {
    return this.a[0];
  }
  push(s: Session): void {
    const a = this.a;
    a.push(s);
    for (let i = a.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (a[p].next <= a[i].next) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): Session {
    const a = this.a;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let m = i;
        if (l < a.length && a[l].next < a[m].next) m = l;
        if (rr < a.length && a[rr].next < a[m].next) m = rr;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * `rows` request-log rows from `end − spanMs` to `end`, in time order, `batch` at a time. Session
 * sizes are drawn first (summing to `rows` exactly), their starts from the activity profile.
 */
export class Traffic {
  readonly pop = new Population();
  private readonly rng = new Rng(20_261_221);
  private readonly starts: Float64Array;
  private readonly sizes: Uint16Array;
  private readonly heap = new SessionHeap();
  private nextSession = 0;
  /** Rows made so far. */
  made = 0;

  /**
   * `spanMs` of traffic ending at `end`. `gapScale` stretches the pauses between turns (1: ~70 s and the
   * long ones); a short burst (the live ingest test) scales them down so sessions fit in it.
   */
  constructor(
    readonly rows: number,
    readonly end: number,
    readonly spanMs = 90 * DAY_MS,
    private readonly gapScale = 1,
  ) {
    const r = this.rng;
    const sizes: number[] = [];
    for (let sum = 0; sum < rows;) {
      let n = 1;
      while (r.next() < 0.8 && n < 60) n++;
      n = Math.min(n, rows - sum);
      sizes.push(n);
      sum += n;
    }
    this.sizes = Uint16Array.from(sizes);
    const start = end - spanMs;
    const hours = Math.max(1, Math.ceil((end - start) / HOUR_MS));
    const weights: number[] = [];
    for (let h = 0; h < hours; h++) {
      const t = start + h * HOUR_MS;
      const local = new Date(t + SHANGHAI_OFFSET);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      weights.push(HOUR_WEIGHT[local.getUTCHours()] * (weekend ? 0.45 : 1) * (0.7 + (0.6 * h) / hours));
    }
    const pickHour = picker(r, weights);
    // Sessions start at least two hours (a quarter of a short span) before `end`: their turns rarely run past it.
    const latest = end - Math.min(2 * HOUR_MS, spanMs / 4);
    const hourMs = Math.min(HOUR_MS, spanMs);
    this.starts = Float64Array.from(sizes, () => Math.min(latest, start + (pickHour() + r.next()) * hourMs)).sort();
  }

  /** The next `n` rows (fewer at the end; none when done). */
  take(n: number): RequestLogRow[] {
    const out: RequestLogRow[] = [];
    while (out.length < n && this.made < this.rows) {
      const top = this.heap.peek();
      if (this.nextSession < this.starts.length && (!top || this.starts[this.nextSession] <= top.next)) {
        this.heap.push(this.open(this.nextSession++));
        continue;
      }
      const s = this.heap.pop();
      out.push(this.row(s));
      this.made++;
      if (--s.left > 0) {
        s.next += this.gap();
        if (s.next >= this.end) s.next = this.end - 1 - this.rng.int(60_000);
        this.heap.push(s);
      }
    }
    return out;
  }

  private open(no: number): Session {
    const p = this.pop;
    const r = this.rng;
    const anonymous = r.next() < 0.15;
    const ws = p.pickWs();
    const user = anonymous ? null : p.usersByWs[ws][p.pickUser[ws]()];
    const key = p.keysByWs[ws][user && r.next() < 0.8 ? user.home : p.pickKey[ws]()];
    const x = r.next();
    const model = x < 0.7 ? key.main : x < 0.9 ? key.second : p.pickModel();
    const sid = !anonymous && r.next() < 0.4 ? `conv_${no.toString(36)}` : null;
    return { next: Math.round(this.starts[no]), left: this.sizes[no], no, key, user, sid, model };
  }

  /** Time to a session's next turn: ~70 s, one in 25 a pause longer than the session gap. */
  private gap(): number {
    const r = this.rng;
    if (r.next() < 0.04) return Math.round((35 + r.next() * 85) * 60_000 * this.gapScale);
    return Math.round((5_000 + Math.exp(4 + 0.9 * r.gauss()) * 1000) * this.gapScale);
  }

  private row(s: Session): RequestLogRow {
    const r = this.rng;
    if (r.next() < 0.05) s.model = r.next() < 0.5 ? s.key.second : this.pop.pickModel();
    const m = MODELS[s.model];
    const t = s.next;
    const embeddings = m[2].startsWith('text-embedding');
    const x = r.next();
    const status = x < 0.012 ? 429 : x < 0.02 ? 500 : x < 0.027 ? 502 : x < 0.028 ? 401 : 200;
    const limited = status === 429 && r.next() < 0.5;
    const ok = status === 200;
    const hit = ok && !embeddings && r.next() < 0.03;
    const stream = !embeddings && r.next() < 0.6;
    const prompt = ok ? Math.min(64_000, Math.round(Math.exp(6.4 + r.gauss()))) : 0;
    const completion = ok && !embeddings ? Math.min(8000, Math.round(Math.exp(5.5 + 0.8 * r.gauss()))) : 0;
    const cost = hit ? 0 : (prompt * m[3] + completion * m[4]) / 1e6;
    const latency = hit ? 2 + r.int(9) : ok ? Math.round(250 + completion * (12 + r.next() * 30)) : r.int(3000);
    const key = s.key;
    const seq = this.made + 1;
    return {
      id: `req_${t.toString(36)}${seq.toString(36).padStart(6, '0')}`,
      created_at: t,
      key_id: key.id,
      workspace_id: this.pop.workspaces[key.ws],
      app_id: key.app?.id ?? null,
      endpoint: embeddings ? 'embeddings' : 'chat',
      model_requested: m[0],
      provider: limited ? null : m[1],
      upstream_model: limited ? null : m[2],
      attempts: limited || hit ? 0 : status === 502 ? 3 : 1,
      attempts_detail: null,
      status,
      error_type: ok ? null : status === 429 ? 'rate_limit_error' : status === 401 ? 'authentication_error' : 'upstream_error',
      error_message: ok ? null : `HTTP ${status}`,
      prompt_tokens: prompt,
      completion_tokens: completion,
      cached_tokens: ok && r.next() < 0.2 ? Math.floor(prompt * r.next() * 0.8) : 0,
      estimated: 0,
      cost,
      currency: ok ? m[5] : null,
      cost_cny: m[5] === 'USD' ? cost * USD_CNY : cost,
      latency_ms: latency,
      ttft_ms: stream && ok ? Math.min(latency, Math.round(200 + r.next() * 1500)) : null,
      stream: stream ? 1 : 0,
      finish_reason: ok && !embeddings ? 'stop' : null,
      cache_hit: hit ? 1 : 0,
      session_id: s.sid,
      user_id: s.user?.id ?? null,
      client_ip: `10.${key.ws}.${s.no % 250}.${1 + (seq % 250)}`,
      request_body: null,
      response_body: null,
      aigc_label: null,
      compliance: null,
      app_slug: key.app?.slug ?? null,
      app_version: key.app ? 1 : null,
      segments: key.column,
      origin: null,
    } as RequestLogRow;
  }
}
