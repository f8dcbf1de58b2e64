import type SQLite from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import type { OpenedDatabase } from './open-database.js';
import { pgAddTerms, pgDeleteLibrary, pgDeleteTerms, pgSearchable } from './pg-library-terms.js';
import type { Database, ModerationLibraryTable } from './schema.js';
import { importTermsInWorker } from './term-import.js';
import { SLICE_MS } from '../core/time-sliced.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** A library row, with its number of terms (`term_count`, kept by every write of terms). */
export type LibraryRow = Selectable<ModerationLibraryTable>;

/** One library term. */
export interface LibraryTerm {
  term: string;
  risk: string;
}

/** A page of terms: `nextCursor` is null on the last page. */
export interface TermPage {
  data: LibraryTerm[];
  nextCursor: string | null;
}

/** Terms read per page when loading. */
const BATCH = 1_000;
/** Uploads up to this many terms are inserted on the request thread (a few milliseconds). */
const IN_THREAD_TERMS = 2_000;

const encodeCursor = (term: string): string => Buffer.from(term, 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');

/** One page from `limit + 1` rows in term order. */
function pageOf(rows: LibraryTerm[], limit: number): TermPage {
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  return { data, nextCursor: more ? encodeCursor(data[data.length - 1].term) : null };
}

/** `%`, `_` and `\` are literal in a search. */
const likeEscape = (q: string): string => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The statements of the SQLite path, prepared once. */
interface SqliteStatements {
  insertTerm: SQLite.Statement<[string, string, string]>;
  deleteTerm: SQLite.Statement<[string, string]>;
  addToCount: SQLite.Statement<[number, string]>;
  firstTermsPage: SQLite.Statement<[string, number]>;
  termsPageAfter: SQLite.Statement<[string, string, number]>;
}

/**
 * Moderation keyword libraries (`moderation_libraries`) and their terms (`moderation_terms`).
 * Large imports and loads go in batches of {@link BATCH} terms with the event loop served between
 * them (a 150k-term upload must not hold up other workspaces' requests). On SQLite term writes are
 * synchronous transactions over prepared statements (large uploads on a thread of their own); on
 * PostgreSQL they are multi-row statements in one transaction (pg-library-terms.ts) and return promises.
 */
export class ModerationLibraryRepository {
  private readonly db: Kysely<Database>;
  private readonly sqlite: SQLite.Database | undefined;
  private readonly stmts: SqliteStatements | undefined;

  constructor(
    database: Pick<OpenedDatabase, 'db' | 'sqlite' | 'pool'>,
    private readonly warn?: (message: string) => void,
  ) {
    this.db = database.db;
    const sqlite = (this.sqlite = database.sqlite);
    if (!sqlite) return;
    const ofLibrary = 'SELECT term, risk FROM moderation_terms WHERE library_id = ?';
    this.stmts = {
      insertTerm: sqlite.prepare('INSERT OR IGNORE INTO moderation_terms (library_id, term, risk) VALUES (?, ?, ?)'),
      deleteTerm: sqlite.prepare('DELETE FROM moderation_terms WHERE library_id = ? AND term = ?'),
      addToCount: sqlite.prepare('UPDATE moderation_libraries SET term_count = term_count + ? WHERE id = ?'),
      firstTermsPage: sqlite.prepare(`${ofLibrary} ORDER BY term LIMIT ?`),
      termsPageAfter: sqlite.prepare(`${ofLibrary} AND term > ? ORDER BY term LIMIT ?`),
    };
  }

  /**
   * Libraries, with their term counts. `workspaceIds` limits the list to those workspaces' own
   * libraries plus the instance-wide ones (workspace_id null); undefined lists all.
   */
  async list(workspaceIds?: readonly string[]): Promise<LibraryRow[]> {
    let q = this.db.selectFrom('moderation_libraries').selectAll();
    if (workspaceIds) {
      q = q.where((eb) =>
        workspaceIds.length
          ? eb.or([eb('workspace_id', 'is', null), eb('workspace_id', 'in', workspaceIds)])
          : eb('workspace_id', 'is', null),
      );
    }
    return q.orderBy('created_at').orderBy('id').execute();
  }

  async get(id: string): Promise<LibraryRow | undefined> {
    return this.db.selectFrom('moderation_libraries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async create(row: {
    id: string;
    workspace_id: string | null;
    name: string;
    description: string | null;
    enabled: boolean;
  }): Promise<void> {
    const now = Date.now();
    await this.db
      .insertInto('moderation_libraries')
      .values({ ...row, enabled: row.enabled ? 1 : 0, created_at: now, updated_at: now })
      .execute();
  }

  /** Changes name, description or enabled; false when there is no such library. */
  async update(id: string, patch: { name?: string; description?: string | null; enabled?: boolean }): Promise<boolean> {
    const set: Partial<Selectable<ModerationLibraryTable>> = { updated_at: Date.now() };
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
    const r = await this.db.updateTable('moderation_libraries').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Deletes a library and its terms; false when there was none. */
  delete(id: string): boolean | Promise<boolean> {
    const sqlite = this.sqlite;
    if (!sqlite) return pgDeleteLibrary(this.db, id);
    return sqlite.transaction(() => {
      sqlite.prepare('DELETE FROM moderation_terms WHERE library_id = ?').run(id);
      return sqlite.prepare('DELETE FROM moderation_libraries WHERE id = ?').run(id).changes > 0;
    })();
  }

  /**
   * Adds terms in one transaction. A term already in the library (or repeated in `terms`) keeps
   * its first risk and counts as skipped. Terms are trimmed; empty ones are skipped.
   */
  addTerms(
    libraryId: string,
    terms: readonly LibraryTerm[],
  ): { added: number; skipped: number } | Promise<{ added: number; skipped: number }> {
    const sqlite = this.sqlite;
    if (!sqlite) return pgAddTerms(this.db, libraryId, terms).then((added) => ({ added, skipped: terms.length - added }));
    return sqlite.transaction(() => {
      const added = this.insertBatch(libraryId, terms, 0, terms.length);
      this.stmts!.addToCount.run(added, libraryId);
      this.touch(libraryId);
      return { added, skipped: terms.length - added };
    })();
  }

  /**
   * {@link addTerms} for uploads: one transaction per slice of a few milliseconds, serving the event
   * loop between them. Readers may see part of an import until it ends (the policy service reloads
   * when the caller reports the change). On PostgreSQL the whole upload is one transaction on the
   * request thread (the statements' time is the server's; the event loop runs while they do).
   */
  async addTermsTimeSliced(libraryId: string, terms: readonly LibraryTerm[]): Promise<{ added: number; skipped: number }> {
    if (!this.sqlite) return this.addTerms(libraryId, terms);
    const sqlite = this.sqlite;
    let added = 0;
    // A database file: the inserts, their commits and WAL checkpoints run on a thread of their own.
    // Should that thread fail, the whole upload goes in here (INSERT OR IGNORE: what the thread already
    // inserted counts as skipped).
    if (!sqlite.memory && terms.length > IN_THREAD_TERMS) {
      try {
        added = await importTermsInWorker(sqlite.name, libraryId, terms);
        this.touch(libraryId);
        return { added, skipped: terms.length - added };
      } catch (err) {
        this.warn?.(`baimo: the term import thread failed, importing on the main thread: ${(err as Error).message}`);
      }
    }
    for (let from = 0; from < terms.length;) {
      if (from > 0) await nextTurn();
      const deadline = performance.now() + SLICE_MS;
      let to = from;
      added += sqlite.transaction(() => {
        let n = 0;
        // Batches of 64 inserts until the slice is used up, then commit and let others run.
        do {
          const start = to;
          to = Math.min(terms.length, to + 64);
          n += this.insertBatch(libraryId, terms, start, to);
        } while (to < terms.length && performance.now() < deadline);
        this.stmts!.addToCount.run(n, libraryId);
        return n;
      })();
      from = to;
    }
    this.touch(libraryId);
    return { added, skipped: terms.length - added };
  }

  private insertBatch(libraryId: string, terms: readonly LibraryTerm[], from: number, to: number): number {
    let added = 0;
    for (let i = from; i < to; i++) {
      const term = terms[i].term.trim();
      if (term && this.stmts!.insertTerm.run(libraryId, term, terms[i].risk).changes > 0) added++;
    }
    return added;
  }

  /** Deletes the given terms of a library; returns how many existed. */
  deleteTerms(libraryId: string, terms: readonly string[]): number | Promise<number> {
    const sqlite = this.sqlite;
    if (!sqlite) return pgDeleteTerms(this.db, libraryId, terms);
    const s = this.stmts!;
    return sqlite.transaction(() => {
      let deleted = 0;
      for (const t of terms) deleted += s.deleteTerm.run(libraryId, t).changes;
      if (deleted) {
        s.addToCount.run(-deleted, libraryId);
        this.touch(libraryId);
      }
      return deleted;
    })();
  }

  /** Terms of a library in term order, optionally only those containing `q`, `limit` at a time. */
  terms(libraryId: string, opts: { q?: string; cursor?: string; limit: number }): TermPage | Promise<TermPage> {
    if (!this.sqlite) return this.pgTerms(libraryId, opts);
    const where = ['library_id = ?'];
    const args: Array<string | number> = [libraryId];
    if (opts.q) {
      where.push("term LIKE ? ESCAPE '\\'");
      args.push(`%${likeEscape(opts.q)}%`);
    }
    if (opts.cursor) {
      where.push('term > ?');
      args.push(decodeCursor(opts.cursor));
    }
    args.push(opts.limit + 1);
    const rows = this.sqlite
      .prepare(`SELECT term, risk FROM moderation_terms WHERE ${where.join(' AND ')} ORDER BY term LIMIT ?`)
      .all(...args) as LibraryTerm[];
    return pageOf(rows, opts.limit);
  }

  /** {@link terms} on PostgreSQL: ILIKE, as SQLite's LIKE ignores ASCII case. */
  private async pgTerms(libraryId: string, opts: { q?: string; cursor?: string; limit: number }): Promise<TermPage> {
    const search = pgSearchable(opts.q, opts.cursor ? decodeCursor(opts.cursor) : undefined);
    if (!search.ok) return { data: [], nextCursor: null };
    let s = this.db.selectFrom('moderation_terms').select(['term', 'risk']).where('library_id', '=', libraryId);
    if (opts.q) s = s.where('term', 'ilike', `%${likeEscape(opts.q)}%`);
    if (search.after !== undefined) s = s.where('term', '>', search.after);
    return pageOf(
      await s
        .orderBy('term')
        .limit(opts.limit + 1)
        .execute(),
      opts.limit,
    );
  }

  /**
   * Every term of one library in term order, read a page of {@link BATCH} terms at a time with the
   * event loop served between pages (the policy service reads only the libraries that changed).
   */
  async allTerms(libraryId: string): Promise<LibraryTerm[]> {
    const out: LibraryTerm[] = [];
    for (let after: string | undefined; ;) {
      const rows = this.stmts
        ? ((after === undefined
            ? this.stmts.firstTermsPage.all(libraryId, BATCH)
            : this.stmts.termsPageAfter.all(libraryId, after, BATCH)) as LibraryTerm[])
        : await this.pgTermsPage(libraryId, after);
      for (const r of rows) out.push({ term: r.term, risk: r.risk });
      if (rows.length < BATCH) return out;
      after = rows[rows.length - 1].term;
      await nextTurn();
    }
  }

  /** A page of {@link BATCH} terms after `after`, in term order (PostgreSQL). */
  private pgTermsPage(libraryId: string, after: string | undefined): Promise<LibraryTerm[]> {
    let s = this.db.selectFrom('moderation_terms').select(['term', 'risk']).where('library_id', '=', libraryId);
    if (after !== undefined) s = s.where('term', '>', after);
    return s.orderBy('term').limit(BATCH).execute();
  }

  private touch(libraryId: string): void {
    // Strictly increasing: the policy service re-reads a library's terms when its updated_at moves.
    this.sqlite!.prepare('UPDATE moderation_libraries SET updated_at = max(updated_at + 1, ?) WHERE id = ?').run(Date.now(), libraryId);
  }
}
