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
/** The FTS table's vocabulary (`fts5vocab`, one row per term with the number of items holding it). */
const vocab = (name: string) => `"kw:${name}:vocab"`;

/**
 * A term held by more items than this is common: it adds to the scores of the items that the rarer
 * terms of the query find, but finds none itself (unless those are fewer than k). BM25 gives such a
 * term little weight, and ranking its tens of thousands of items is what makes a search slow.
 */
const COMMON_DF = 1000;

/**
 * The keyword index on SQLite: per collection, an FTS5 table over the space-joined tokens (the
 * `unicode61` tokenizer without diacritic folding keeps a CJK word between spaces whole) and an id
 * table that maps the caller's ids and documents to the FTS rowid. A search is the OR of the quoted
 * tokens, ranked by FTS5's `bm25()` (k1 1.2, b 0.75; its score is the negated value, larger is better).
 *
 * Common terms (see {@link COMMON_DF}) only score: the candidates are the items holding a rarer term of
 * the query, each scored by `bm25()` over every term of the query (the score the plain OR would give
 * it), as Lucene's common-terms query does. Items holding common terms alone are left out, unless the
 * rarer terms reach fewer than k items. A search over chosen documents ranks every item that holds any
 * term. Document frequencies come from an `fts5vocab` table over the FTS table.
 */
export class SqliteKeywordIndex implements KeywordIndex {
  readonly dialect = 'sqlite' as const;

  /** Collections known to have their vocabulary table (collections made before it get one on their first search). */
  private readonly withVocab = new Set<string>();

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
    const { rare, common } = documentIds ? { rare: terms, common: [] } : this.split(name, terms, k);
    if (rare.length === 0) return [];
    const anyOf = (list: string[]) => list.map((t) => `"${t}"`).join(' OR ');
    // Each candidate's best score: with the common terms when it holds one (the full query's score), else the rare terms' alone.
    const hits = common.length
      ? `select rowid, bm25(${fts(name)}) as rank from ${fts(name)} where ${fts(name)} match ? union all ` +
        `select rowid, bm25(${fts(name)}) as rank from ${fts(name)} where ${fts(name)} match ?`
      : `select rowid, bm25(${fts(name)}) as rank from ${fts(name)} where ${fts(name)} match ?`;
    const params: unknown[] = common.length ? [anyOf(rare), `(${anyOf(rare)}) AND (${anyOf(common)})`] : [anyOf(rare)];
    const filter = documentIds ? 'where i.document_id in (select value from json_each(?))' : '';
    if (documentIds) params.push(JSON.stringify(documentIds));
    params.push(k);
    const rows = this.db
      .prepare<unknown[], { id: string; rank: number }>(
        // Materialized: bm25() only works in a query of the FTS table itself, never flattened into the join.
        `with h as materialized (${hits}) select i.id as id, min(h.rank) as rank from h join ${ids(name)} i on i.rowid = h.rowid ${filter} ` +
          'group by h.rowid order by rank, i.id limit ?',
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
      this.db.exec(`drop table if exists ${vocab(name)}; drop table ${fts(name)}; drop table ${ids(name)}`);
      this.withVocab.delete(name);
      return true;
    })();
  }

  /**
   * The query's terms that some item holds, split into rare and common ones by their document
   * frequency: rarest first, a term is rare when at most {@link COMMON_DF} items hold it or while the
   * rare ones so far reach fewer than k items.
   */
  private split(name: string, terms: string[], k: number): { rare: string[]; common: string[] } {
    if (!this.withVocab.has(name)) {
      this.db.exec(`create virtual table if not exists ${vocab(name)} using fts5vocab('kw:${name}:fts', 'row')`);
      this.withVocab.add(name);
    }
    const df = new Map(
      this.db
        .prepare<[string], [string, number]>(`select term, doc from ${vocab(name)} where term in (select value from json_each(?))`)
        .raw()
        .all(JSON.stringify(terms)),
    );
    const held = terms.filter((t) => (df.get(t) ?? 0) > 0).sort((a, b) => df.get(a)! - df.get(b)!);
    const rare: string[] = [];
    const common: string[] = [];
    let reach = 0;
    for (const term of held) {
      const n = df.get(term)!;
      if (n <= COMMON_DF || reach < k) {
        rare.push(term);
        reach += n;
      } else common.push(term);
    }
    return { rare, common };
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
