import type SQLite from 'better-sqlite3';
import {
  checkCollection,
  checkId,
  checkIds,
  checkItems,
  checkSearch,
  KEYWORD_LIMITS,
  type KeywordIndex,
  type KeywordItem,
  type KeywordMatch,
  type KeywordQuery,
} from './keyword-index.js';

/**
 * Table names: `kw:<name>:fts` and `kw:<name>:ids`. The `:` cannot occur in a collection name, so no
 * collection's tables (nor FTS5's shadow tables, `kw:<name>:fts_data`…) can be another's.
 */
const fts = (name: string) => `"kw:${name}:fts"`;
const ids = (name: string) => `"kw:${name}:ids"`;

/**
 * The keyword index on SQLite: per collection, an FTS5 table over the space-joined tokens (the
 * `unicode61` tokenizer without diacritic folding keeps a CJK word between spaces whole) and an id
 * table that maps the caller's ids and documents to the FTS rowid. A search is the OR of the quoted
 * tokens, ranked by FTS5's `bm25()` (k1 1.2, b 0.75; its score is the negated value, larger is better).
 */
export class SqliteKeywordIndex implements KeywordIndex {
  readonly dialect = 'sqlite' as const;

  constructor(private readonly db: SQLite.Database) {}

  async upsert(collection: string, items: readonly KeywordItem[]): Promise<void> {
    const name = checkCollection(collection);
    const checked = checkItems(items);
    if (checked.length === 0) return;
    this.db.transaction(() => {
      this.ensure(name);
      const find = this.db.prepare<[string], { rowid: number | bigint }>(`select rowid from ${ids(name)} where id = ?`);
      const move = this.db.prepare(`update ${ids(name)} set document_id = ? where rowid = ?`);
      const add = this.db.prepare(`insert into ${ids(name)} (id, document_id) values (?, ?)`);
      const drop = this.db.prepare(`delete from ${fts(name)} where rowid = ?`);
      const put = this.db.prepare(`insert into ${fts(name)} (rowid, body) values (?, ?)`);
      for (const item of checked) {
        const existing = find.get(item.id);
        let rowid: number | bigint;
        if (existing) {
          rowid = existing.rowid;
          move.run(item.documentId, rowid);
          drop.run(rowid);
        } else {
          rowid = add.run(item.id, item.documentId).lastInsertRowid;
        }
        put.run(rowid, item.tokens.join(' '));
      }
    })();
  }

  async delete(collection: string, idList: readonly string[]): Promise<number> {
    const name = checkCollection(collection);
    const unique = checkIds(idList, 'ids', KEYWORD_LIMITS.deleteIds);
    if (unique.length === 0 || !this.exists(name)) return 0;
    return this.remove(name, 'id in (select value from json_each(?))', JSON.stringify(unique));
  }

  async deleteByDocument(collection: string, documentId: string): Promise<number> {
    const name = checkCollection(collection);
    const doc = checkId(documentId, 'documentId');
    if (!this.exists(name)) return 0;
    return this.remove(name, 'document_id = ?', doc);
  }

  async search(collection: string, queryTokens: readonly string[], options: KeywordQuery): Promise<KeywordMatch[]> {
    const name = checkCollection(collection);
    const { terms, k, documentIds } = checkSearch(queryTokens, options);
    if (terms.length === 0 || documentIds?.length === 0 || !this.exists(name)) return [];
    const match = terms.map((t) => `"${t}"`).join(' OR ');
    const filter = documentIds ? 'and i.document_id in (select value from json_each(?))' : '';
    const params: unknown[] = [match];
    if (documentIds) params.push(JSON.stringify(documentIds));
    params.push(k);
    const rows = this.db
      .prepare<unknown[], { id: string; rank: number }>(
        `select i.id as id, bm25(${fts(name)}) as rank from ${fts(name)} join ${ids(name)} i on i.rowid = ${fts(name)}.rowid ` +
          `where ${fts(name)} match ? ${filter} order by rank, i.id limit ?`,
      )
      .all(...params);
    return rows.map((r) => ({ id: r.id, score: -r.rank }));
  }

  async count(collection: string): Promise<number> {
    const name = checkCollection(collection);
    if (!this.exists(name)) return 0;
    return this.db.prepare<[], { n: number }>(`select count(*) as n from ${ids(name)}`).get()!.n;
  }

  async dropCollection(collection: string): Promise<boolean> {
    const name = checkCollection(collection);
    return this.db.transaction(() => {
      if (!this.exists(name)) return false;
      this.db.exec(`drop table ${fts(name)}; drop table ${ids(name)}`);
      return true;
    })();
  }

  private exists(name: string): boolean {
    return !!this.db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(`kw:${name}:ids`);
  }

  private ensure(name: string): void {
    if (this.exists(name)) return;
    this.db.exec(
      `create virtual table ${fts(name)} using fts5(body, tokenize = 'unicode61 remove_diacritics 0');` +
        `create table ${ids(name)} (rowid integer primary key, id text not null unique, document_id text not null);` +
        `create index "kw:${name}:doc" on ${ids(name)} (document_id)`,
    );
  }

  /** Deletes the id rows matching `where` and their FTS rows; returns how many. */
  private remove(name: string, where: string, param: string): number {
    return this.db.transaction(() => {
      const gone = this.db
        .prepare<[string], { rowid: number | bigint }>(`delete from ${ids(name)} where ${where} returning rowid`)
        .all(param);
      const drop = this.db.prepare(`delete from ${fts(name)} where rowid = ?`);
      for (const r of gone) drop.run(r.rowid);
      return gone.length;
    })();
  }
}
