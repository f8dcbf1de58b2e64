import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { AN, DIMS, SEGMENT_ATTRIBUTES, type DimValues } from './analytics-columns.js';
import { dimsOf, eventOfLogRow, eventOfPageView, type AnEvent, type PageViewRow } from './analytics-events.js';
import { RollupDeltas } from './analytics-rollup.js';
import { SqliteAnalytics, type AnalyticsSettings } from './analytics-sqlite.js';
import type { OpenedDatabase } from './open-database.js';
import { PgAnalytics, REBUILD_LOCK, stripeLock } from './pg-analytics-write.js';
import { columns, unnest } from './pg-arrays.js';
import type { RequestLogRow } from './schema.js';

/** A page view as `POST /api/events` hands it over (the port's PageViewInput). */
export interface PageViewRecord {
  id: string;
  ts: number;
  workspaceId: string;
  page: string;
  sessionId: string | null;
  endUser: string | null;
  appId: string | null;
  scenario: string | null;
  keyId: string | null;
  segments: Readonly<Record<string, string>>;
}

/** Feedback on a logged request (the port's FeedbackInput). */
export interface FeedbackRecord {
  requestId: string;
  workspaceId: string;
  rating: 'like' | 'dislike' | null;
  comment: string | null;
  endUser: string | null;
  ts: number;
}

/** An end user's segment attributes (the port's EndUserInput). */
export interface EndUserRecord {
  workspaceId: string;
  endUser: string;
  segments: Readonly<Record<string, string>>;
  ts: number;
}

const PV_COLUMNS = [
  'workspace_id',
  'id',
  'ts',
  'page',
  'session_id',
  'end_user',
  'app_id',
  'scenario',
  'key_id',
  'segments',
  'received_at',
];
const PV_TYPES = ['text', 'text', 'int8', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int8'] as const;
const FB_COLUMNS = ['workspace_id', 'request_id', 'end_user', 'rating', 'comment', 'ts', 'request_ts', ...DIMS];
// '' is the workspace of calls made without one (the admin token on /v1): analytics counts them under ''.
const REQUEST_SQL = "select * from request_logs where id = ? and coalesce(workspace_id, '') = ?";
const FEEDBACK_SQL = `select * from ${AN.feedback} where workspace_id = ? and request_id = ? and end_user = ?`;
const USER_META_SQL = `select metadata from ${AN.endUsers} where workspace_id = ? and end_user = ?`;
const numbered = (t: string): string => {
  let i = 0;
  return t.replace(/\?/g, () => `$${++i}`);
};
const ph = (n: number): string => new Array<string>(n).fill('?').join(', ');
const UPSERT_FEEDBACK_SQL = `insert into ${AN.feedback} (${FB_COLUMNS.join(', ')}) values (${ph(FB_COLUMNS.length)})
  on conflict (workspace_id, request_id, end_user) do update set ${FB_COLUMNS.slice(3)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const SET_END_USER_SQL = `insert into ${AN.endUsers} (workspace_id, end_user, metadata, updated_at) values (?, ?, ?, ?)
  on conflict (workspace_id, end_user) do update set metadata = excluded.metadata, updated_at = excluded.updated_at`;

/** Only the segment attributes, as JSON object text (null when none). */
function metadataText(segments: Readonly<Record<string, string>>): string | null {
  const out: Record<string, string> = {};
  for (const a of SEGMENT_ATTRIBUTES)
    if (Object.hasOwn(segments, a) && typeof segments[a] === 'string' && segments[a] !== '') out[a] = segments[a];
  return Object.keys(out).length > 0 ? JSON.stringify(out) : null;
}

function pageViewRow(p: PageViewRecord, now: number): PageViewRow & { page: string; received_at: number } {
  return {
    workspace_id: p.workspaceId,
    id: p.id,
    ts: p.ts,
    page: p.page,
    session_id: p.sessionId,
    end_user: p.endUser,
    app_id: p.appId,
    scenario: p.scenario,
    key_id: p.keyId,
    segments: metadataText(p.segments),
    received_at: now,
  };
}

/** How a rating counts: [likes, dislikes]. */
const countsOf = (r: string | null | undefined): [number, number] => (r === 'like' ? [1, 0] : r === 'dislike' ? [0, 1] : [0, 0]);

/**
 * The writes of the analytics port on both engines: page views (idempotent by workspace and id; they
 * go through the same sessions, end users and rollups as requests), feedback (one per request and end
 * user; a changed rating moves the count in the rated request's bucket), end users' segment metadata.
 */
export class AnalyticsEventWriter {
  private sqliteAnalytics: SqliteAnalytics | undefined;
  private sqliteStmts: Record<string, SQLite.Statement> | undefined;
  private readonly pgAnalytics: PgAnalytics;

  constructor(
    private readonly database: Pick<OpenedDatabase, 'sqlite' | 'pool'>,
    private readonly settings: AnalyticsSettings,
  ) {
    this.pgAnalytics = new PgAnalytics(settings);
  }

  async recordPageViews(events: readonly PageViewRecord[]): Promise<void> {
    if (events.length === 0) return;
    const now = Date.now();
    const seen = new Set<string>();
    const rows = events.flatMap((e) => {
      const k = `${e.workspaceId}\u0000${e.id}`;
      if (seen.has(k)) return [];
      seen.add(k);
      return [pageViewRow(e, now)];
    });
    const sqlite = this.database.sqlite;
    if (sqlite) {
      const { an, st } = this.sqlite(sqlite);
      sqlite
        .transaction(() => {
          const fresh: AnEvent[] = [];
          for (const r of rows)
            if (st.insertPv.run(PV_COLUMNS.map((c) => r[c as keyof typeof r])).changes > 0) fresh.push(eventOfPageView(r));
          an.record(fresh);
        })
        .immediate();
      return;
    }
    await this.inPg(async (client) => {
      const evs = rows.map(eventOfPageView);
      await this.pgAnalytics.lock(client, evs);
      const r = await client.query<{ id: string; workspace_id: string }>({
        name: 'bm_an_pv_insert',
        text: `insert into ${AN.pageViews} (${PV_COLUMNS.join(', ')}) ${unnest(PV_TYPES)} on conflict (workspace_id, id) do nothing returning workspace_id, id`,
        values: columns(
          rows.map((x) => PV_COLUMNS.map((c) => x[c as keyof typeof x])),
          PV_TYPES,
        ),
      });
      const inserted = new Set(r.rows.map((x) => `${x.workspace_id}\u0000${x.id}`));
      const fresh = evs.filter((e) => inserted.has(`${e.ws}\u0000${e.id}`));
      await this.pgAnalytics.record(client, fresh, {}, true);
    });
  }

  async recordFeedback(f: FeedbackRecord): Promise<boolean> {
    const user = f.endUser ?? '';
    const sqlite = this.database.sqlite;
    if (sqlite) {
      const { an, st } = this.sqlite(sqlite);
      return sqlite
        .transaction(() => {
          const req = st.request.get(f.requestId, f.workspaceId) as RequestLogRow | undefined;
          if (!req) return false;
          const old = st.feedback.get(f.workspaceId, f.requestId, user) as Record<string, unknown> | undefined;
          const meta = req.user_id ? (st.userMeta.get(f.workspaceId, req.user_id) as { metadata: string | null } | undefined) : undefined;
          const d = this.feedbackDeltas(an.days, req, old, f, meta?.metadata ?? null);
          st.upsertFb.run(d.row);
          an.writeDeltas(d.deltas);
          return true;
        })
        .immediate();
    }
    return this.inPg(async (client) => {
      const q = (name: string, text: string, values: unknown[]) => client.query({ name, text: numbered(text), values });
      await q('bm_an_lock_shared', 'select pg_advisory_xact_lock_shared(?::int8)', [REBUILD_LOCK]);
      const lock = stripeLock('f', `${f.workspaceId}\u0000${f.requestId}\u0000${user}`);
      await q('bm_an_lock_one', 'select pg_advisory_xact_lock(?::int8)', [String(lock)]);
      const req = (await q('bm_an_fb_request', REQUEST_SQL, [f.requestId, f.workspaceId])).rows[0] as RequestLogRow | undefined;
      if (!req) return false;
      const old = (await q('bm_an_fb_get', FEEDBACK_SQL, [f.workspaceId, f.requestId, user])).rows[0] as
        Record<string, unknown> | undefined;
      const meta = req.user_id ? (await q('bm_an_user_meta', USER_META_SQL, [f.workspaceId, req.user_id])).rows[0] : undefined;
      const d = this.feedbackDeltas(this.pgAnalytics.days, req, old, f, (meta?.metadata as string | null) ?? null);
      await q('bm_an_fb_upsert', UPSERT_FEEDBACK_SQL, d.row);
      await this.pgAnalytics.writeDeltas(client, d.deltas);
      return true;
    });
  }

  async setEndUser(u: EndUserRecord): Promise<void> {
    const values = [u.workspaceId, u.endUser, metadataText(u.segments), u.ts];
    if (this.database.sqlite) {
      this.sqlite(this.database.sqlite).st.setUser.run(values);
      return;
    }
    await this.database.pool!.query({ name: 'bm_an_set_user', text: numbered(SET_END_USER_SQL), values });
  }

  /** The feedback row to write and the likes/dislikes it moves in the rated request's bucket. */
  private feedbackDeltas(
    days: SqliteAnalytics['days'],
    req: RequestLogRow,
    old: Record<string, unknown> | undefined,
    f: FeedbackRecord,
    userMeta: string | null,
  ): { row: unknown[]; deltas: RollupDeltas } {
    const deltas = new RollupDeltas(days);
    // Counted like any rating, also on a request baimo made itself (rebuilds count the stored ratings alike).
    const e = eventOfLogRow({ ...req, origin: null });
    const dims: DimValues = e ? dimsOf(e, userMeta) : DIMS.map(() => '');
    const requestTs = Number(req.created_at);
    if (e) {
      const [oldLikes, oldDislikes] = countsOf(old?.rating as string | null | undefined);
      if (old) {
        const oldDims = DIMS.map((c) => String(old[c] ?? ''));
        deltas.addFeedback(Number(old.request_ts), String(old.workspace_id), oldDims, -oldLikes, -oldDislikes);
      }
      const [likes, dislikes] = countsOf(f.rating);
      deltas.addFeedback(requestTs, e.ws, dims, likes, dislikes);
    }
    return { row: [f.workspaceId, f.requestId, f.endUser ?? '', f.rating, f.comment, f.ts, requestTs, ...dims], deltas };
  }

  private sqlite(sqlite: SQLite.Database) {
    this.sqliteAnalytics ??= new SqliteAnalytics(sqlite, this.settings);
    this.sqliteStmts ??= {
      insertPv: sqlite.prepare(
        `insert into ${AN.pageViews} (${PV_COLUMNS.join(', ')}) values (${ph(PV_COLUMNS.length)}) on conflict do nothing`,
      ),
      request: sqlite.prepare(REQUEST_SQL),
      feedback: sqlite.prepare(FEEDBACK_SQL),
      userMeta: sqlite.prepare(USER_META_SQL),
      upsertFb: sqlite.prepare(UPSERT_FEEDBACK_SQL),
      setUser: sqlite.prepare(SET_END_USER_SQL),
    };
    return { an: this.sqliteAnalytics, st: this.sqliteStmts };
  }

  private async inPg<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.database.pool!.connect();
    try {
      await client.query('begin');
      const out = await fn(client);
      await client.query('commit');
      return out;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
