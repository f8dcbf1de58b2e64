import { sql, type Kysely, type Selectable } from 'kysely';
import { chunked } from './chunked.js';
import { dialectOf } from './dialect.js';
import type { ArenaBattleTable, Database } from './schema.js';

export type ArenaBattleRow = Selectable<ArenaBattleTable>;
/** Where a battle's verdict came from: a person's blind vote, an LLM judge, or an import. */
export type ArenaSource = ArenaBattleRow['source'];
/** A decided battle's verdict. */
export type ArenaWinner = NonNullable<ArenaBattleRow['winner']>;

/** A page position in a list ordered by (created_at, id), newest first. */
export interface ArenaCursor {
  createdAt: number;
  id: string;
}

export interface ArenaListOptions {
  limit: number;
  /** Only battles older than this one (the last row of the previous page). */
  before?: ArenaCursor;
  source?: ArenaSource;
}

/** What rating needs of a decided battle. */
export interface DecidedBattle {
  model_a: string;
  model_b: string;
  winner: ArenaWinner;
}

/** A workspace's battles by source: decided, and pending (blind battles waiting for their vote). */
export interface ArenaCounts {
  vote: { decided: number; pending: number };
  judge: { decided: number; pending: number };
  import: { decided: number; pending: number };
}

/** What changes when a battle is added or decided: compared before a cached rating is served. */
export interface ArenaStamp {
  decided: number;
  lastCreated: number;
  lastVoted: number;
}

/**
 * Rows per multi-row insert: 13 columns each, well below SQLite's 32,766 bound variables and
 * PostgreSQL's 65,535 (and small enough that Kysely compiles each statement quickly).
 */
export const ARENA_INSERT_BATCH = 500;
/** Rows per `unnest` insert on PostgreSQL (the parameters are 13 arrays, whatever the rows). */
const PG_UNNEST_BATCH = 10_000;
/** Ids per `in (…)` list. */
const IDS_PER_QUERY = 1000;
/** Decided battles read per page while streaming them for ratings. */
export const ARENA_STREAM_PAGE = 10_000;

/**
 * All SQL of the arena (`arena_battles`, eval-migration.ts), on SQLite and PostgreSQL: battles are
 * inserted one by one (blind battles, judged pairs) or many at once (imports, in one transaction),
 * voted on once (a pending battle's winner is set atomically: a second vote finds none pending),
 * listed newest first with keyset paging, and streamed page by page for the ratings.
 */
export class ArenaRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
  }

  /** Inserts one battle; false when a battle with its id exists already (a resumed judge job). */
  async insert(row: ArenaBattleRow): Promise<boolean> {
    const r = await this.db
      .insertInto('arena_battles')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * Inserts many battles in one transaction ({@link ARENA_INSERT_BATCH} rows per statement on SQLite,
   * column arrays `unnest`ed on PostgreSQL): all of them or, when one fails, none. Ids present already are skipped; returns how many were inserted.
   */
  async insertMany(rows: readonly ArenaBattleRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      let n = 0;
      if (this.pg) {
        // PostgreSQL: one array per column and `unnest`, 13 parameters for a whole batch.
        for (const part of chunked(rows, PG_UNNEST_BATCH)) {
          const col = <K extends keyof ArenaBattleRow>(k: K) => part.map((r) => r[k]);
          const r = await sql`
            insert into arena_battles (id, workspace_id, model_a, model_b, winner, source, prompt, answer_a, answer_b, detail, created_by, created_at, voted_at)
            select * from unnest(
              ${col('id')}::text[], ${col('workspace_id')}::text[], ${col('model_a')}::text[], ${col('model_b')}::text[],
              ${col('winner')}::text[], ${col('source')}::text[], ${col('prompt')}::text[], ${col('answer_a')}::text[],
              ${col('answer_b')}::text[], ${col('detail')}::text[], ${col('created_by')}::text[], ${col('created_at')}::bigint[],
              ${col('voted_at')}::bigint[])
            on conflict (id) do nothing`.execute(trx);
          n += Number(r.numAffectedRows ?? 0n);
        }
        return n;
      }
      for (const part of chunked(rows, ARENA_INSERT_BATCH)) {
        const r = await trx
          .insertInto('arena_battles')
          .values(part)
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        n += Number(r.numInsertedOrUpdatedRows ?? 0n);
      }
      return n;
    });
  }

  async get(id: string): Promise<ArenaBattleRow | undefined> {
    return this.db.selectFrom('arena_battles').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The ids among `ids` that are stored (a resumed judge job skips them). */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunked([...new Set(ids)], IDS_PER_QUERY)) {
      if (part.length === 0) continue;
      for (const r of await this.db.selectFrom('arena_battles').select('id').where('id', 'in', part).execute()) out.add(r.id);
    }
    return out;
  }

  /**
   * Decides a pending battle: sets its winner and `voted_at` only while it has none, in one statement,
   * so of two votes at once exactly one wins (`detail`, when given, replaces the pending battle's empty
   * one: who voted). False when the battle is not pending (decided, or absent).
   */
  async vote(id: string, winner: ArenaWinner, votedAt: number, detail?: string): Promise<boolean> {
    const r = await this.db
      .updateTable('arena_battles')
      .set(detail === undefined ? { winner, voted_at: votedAt } : { winner, voted_at: votedAt, detail })
      .where('id', '=', id)
      .where('winner', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A workspace's battles, newest first (by created_at, then id), one page. */
  async list(workspaceId: string, opts: ArenaListOptions): Promise<ArenaBattleRow[]> {
    let q = this.db.selectFrom('arena_battles').selectAll().where('workspace_id', '=', workspaceId);
    if (opts.source) q = q.where('source', '=', opts.source);
    const before = opts.before;
    if (before) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.createdAt, before.id)));
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  }

  /**
   * The workspace's decided battles (of one source, or all), newest first, in pages of `pageSize`:
   * what the ratings are fitted to, read without holding every row of the table at once.
   */
  async *battles(workspaceId: string, opts: { source?: ArenaSource; pageSize?: number } = {}): AsyncGenerator<DecidedBattle[]> {
    const size = opts.pageSize ?? ARENA_STREAM_PAGE;
    let after: ArenaCursor | undefined;
    for (;;) {
      let q = this.db
        .selectFrom('arena_battles')
        .select(['id', 'created_at', 'model_a', 'model_b', 'winner'])
        .where('workspace_id', '=', workspaceId)
        .where('winner', 'is not', null);
      if (opts.source) q = q.where('source', '=', opts.source);
      const c = after;
      if (c) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(c.createdAt, c.id)));
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(size).execute();
      if (rows.length === 0) return;
      yield rows.map((r) => ({ model_a: r.model_a, model_b: r.model_b, winner: r.winner! }));
      if (rows.length < size) return;
      const last = rows[rows.length - 1]!;
      after = { createdAt: Number(last.created_at), id: last.id };
    }
  }

  /** How many battles the workspace has, by source, decided and pending. */
  async counts(workspaceId: string): Promise<ArenaCounts> {
    const rows = await this.db
      .selectFrom('arena_battles')
      .select((eb) => ['source', eb.fn.countAll<number>().as('n'), eb.fn.count<number>('winner').as('decided')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('source')
      .execute();
    const out: ArenaCounts = { vote: { decided: 0, pending: 0 }, judge: { decided: 0, pending: 0 }, import: { decided: 0, pending: 0 } };
    for (const r of rows) {
      const decided = Number(r.decided);
      if (r.source in out) out[r.source] = { decided, pending: Number(r.n) - decided };
    }
    return out;
  }

  /**
   * What the decided battles of a workspace (of one source, or all) look like from outside: their
   * number and the newest creation and vote times. Another process adding or deciding a battle moves it.
   */
  async stamp(workspaceId: string, source?: ArenaSource): Promise<ArenaStamp> {
    let q = this.db
      .selectFrom('arena_battles')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('created_at').as('created'),
        eb.fn.max(sql<number>`coalesce(voted_at, 0)`).as('voted'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('winner', 'is not', null);
    if (source) q = q.where('source', '=', source);
    const r = await q.executeTakeFirstOrThrow();
    return { decided: Number(r.n), lastCreated: Number(r.created ?? 0), lastVoted: Number(r.voted ?? 0) };
  }
}
