import { sql, type Kysely, type Selectable, type Updateable } from 'kysely';
import { chunked } from './chunked.js';
import { dialectOf } from './dialect.js';
import type { Database, KbBaseTable, KbChunkTable, KbDocumentTable, KbUploadTable } from './schema.js';

export type KbBaseRow = Selectable<KbBaseTable>;
export type KbDocumentRow = Selectable<KbDocumentTable>;
export type KbChunkRow = Selectable<KbChunkTable>;
export type KbUploadRow = Selectable<KbUploadTable>;
/** What search hits show of their documents. */
export type KbDocumentBrief = Pick<KbDocumentRow, 'id' | 'name' | 'title' | 'metadata'>;

/** Ids per `in (…)` list: well below SQLite's 32,766 bound variables and PostgreSQL's 65,535. */
export const IDS_PER_QUERY = 1000;

/** A page of documents, newest first: the cursor is the last row's (created_at, id). */
export interface DocumentCursor {
  createdAt: number;
  id: string;
}

/**
 * All SQL of the knowledge bases (knowledge-migration.ts): bases, documents, chunks and upload bytes.
 * Rows come back as stored (JSON columns as text); the knowledge service turns them into its
 * entities. Lookups by many ids run {@link IDS_PER_QUERY} at a time.
 */
export class KnowledgeRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.pg = dialectOf(db as unknown as Kysely<unknown>) === 'postgres';
  }

  // ---- bases ----

  /** Inserts a base; undefined when the workspace has one of that name already. */
  async insertBase(row: KbBaseRow): Promise<KbBaseRow | undefined> {
    return this.db
      .insertInto('kb_bases')
      .values(row)
      .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async countBases(workspaceId: string): Promise<number> {
    const r = await this.db
      .selectFrom('kb_bases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listBases(workspaceId: string): Promise<KbBaseRow[]> {
    return this.db.selectFrom('kb_bases').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  }

  /** A base of the workspace by id or by name. */
  async findBase(workspaceId: string, nameOrId: string): Promise<KbBaseRow | undefined> {
    return (
      this.db
        .selectFrom('kb_bases')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('id', '=', nameOrId), eb('name', '=', nameOrId)]))
        // An id matches before another base's name that happens to spell it.
        .orderBy(sql`case when id = ${nameOrId} then 0 else 1 end`)
        .limit(1)
        .executeTakeFirst()
    );
  }

  async baseById(id: string): Promise<KbBaseRow | undefined> {
    return this.db.selectFrom('kb_bases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Updates a base; with `settings`, only while its settings are still that text (a compare-and-set:
   * undefined when they changed meanwhile, or the base is gone).
   */
  async updateBase(id: string, patch: Updateable<KbBaseTable>, settings?: string): Promise<KbBaseRow | undefined> {
    let u = this.db.updateTable('kb_bases').set(patch).where('id', '=', id);
    if (settings !== undefined) u = u.where('settings', '=', settings);
    return u.returningAll().executeTakeFirst();
  }

  /** Sets the base's dimensions unless set already; returns the dimensions it has now. */
  async fixDimensions(id: string, dimensions: number, now: number): Promise<number | null> {
    await this.db
      .updateTable('kb_bases')
      .set({ dimensions, updated_at: now })
      .where('id', '=', id)
      .where('dimensions', 'is', null)
      .executeTakeFirst();
    const row = await this.db.selectFrom('kb_bases').select('dimensions').where('id', '=', id).executeTakeFirst();
    return row?.dimensions ?? null;
  }

  /** Recounts the base's documents and chunks from its documents' rows. */
  async refreshCounts(id: string, now: number): Promise<void> {
    await this.db
      .updateTable('kb_bases')
      .set((eb) => ({
        document_count: eb
          .selectFrom('kb_documents')
          .select((d) => d.fn.countAll<number>().as('n'))
          .where('kb_id', '=', id),
        chunk_count: eb
          .selectFrom('kb_documents')
          .select((d) => d.fn.coalesce(d.fn.sum<number>('chunk_count'), d.val(0)).as('n'))
          .where('kb_id', '=', id),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Deletes the base with its documents, chunks and uploads (cascading); false when there was none. */
  async deleteBase(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('kb_bases').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---- documents ----

  async insertDocument(row: KbDocumentRow): Promise<KbDocumentRow | undefined> {
    return this.db
      .insertInto('kb_documents')
      .values(row)
      .onConflict((oc) => oc.columns(['kb_id', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst();
  }

  async documentByName(kbId: string, name: string): Promise<KbDocumentRow | undefined> {
    return this.db.selectFrom('kb_documents').selectAll().where('kb_id', '=', kbId).where('name', '=', name).executeTakeFirst();
  }

  /** A document of the base (undefined when it belongs to another). */
  async document(kbId: string, id: string): Promise<KbDocumentRow | undefined> {
    return this.db.selectFrom('kb_documents').selectAll().where('kb_id', '=', kbId).where('id', '=', id).executeTakeFirst();
  }

  async documentById(id: string): Promise<KbDocumentRow | undefined> {
    return this.db.selectFrom('kb_documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first, `limit` per page, over the (kb_id, created_at, id) index. */
  async listDocuments(
    kbId: string,
    q: { limit: number; cursor?: DocumentCursor; status?: KbDocumentRow['status'] },
  ): Promise<{ rows: KbDocumentRow[]; next?: DocumentCursor }> {
    let s = this.db.selectFrom('kb_documents').selectAll().where('kb_id', '=', kbId);
    if (q.status) s = s.where('status', '=', q.status);
    const c = q.cursor;
    if (c)
      s = s.where((eb) => eb.or([eb('created_at', '<', c.createdAt), eb.and([eb('created_at', '=', c.createdAt), eb('id', '<', c.id)])]));
    const rows = await s
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return rows.length > q.limit && last ? { rows: page, next: { createdAt: last.created_at, id: last.id } } : { rows: page };
  }

  /**
   * Updates a document; with `jobId`, only while the document is still that job's (a newer add took it
   * over otherwise). Returns the row, or undefined when nothing changed.
   */
  async updateDocument(id: string, patch: Updateable<KbDocumentTable>, jobId?: string): Promise<KbDocumentRow | undefined> {
    let u = this.db.updateTable('kb_documents').set(patch).where('id', '=', id);
    if (jobId !== undefined) u = u.where('job_id', '=', jobId);
    return u.returningAll().executeTakeFirst();
  }

  /** Deletes the document with its chunks and upload (cascading). */
  async deleteDocument(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('kb_documents').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The ids, names, titles and metadata of these documents (search hits), in one query per thousand. */
  async documentBriefs(ids: readonly string[]): Promise<KbDocumentBrief[]> {
    const out: KbDocumentBrief[] = [];
    for (const part of chunked([...new Set(ids)], IDS_PER_QUERY))
      out.push(...(await this.db.selectFrom('kb_documents').select(['id', 'name', 'title', 'metadata']).where('id', 'in', part).execute()));
    return out;
  }

  /** The job ids of the base's documents still queued or processing (to cancel them). */
  async unfinishedJobs(kbId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('kb_documents')
      .select('job_id')
      .where('kb_id', '=', kbId)
      .where('status', 'in', ['queued', 'processing'])
      .where('job_id', 'is not', null)
      .execute();
    return rows.map((r) => r.job_id!);
  }

  /** Ids of the base's documents, up to `limit`. */
  async documentIds(kbId: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('kb_documents').select('id').where('kb_id', '=', kbId).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  /** Ids of the base's documents after `after` in id order, up to `limit` (a keyset page). */
  async documentIdsAfter(kbId: string, after: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('kb_documents')
      .select('id')
      .where('kb_id', '=', kbId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Ids of the base's documents whose metadata has, for every key of `filter`, one of its values (at
   * most `limit`; ask one more than needed to learn that there are more).
   */
  async documentIdsByMetadata(kbId: string, filter: Readonly<Record<string, readonly string[]>>, limit: number): Promise<string[]> {
    let s = this.db.selectFrom('kb_documents').select('id').where('kb_id', '=', kbId);
    for (const [key, values] of Object.entries(filter)) {
      if (values.length === 0) return [];
      const list = sql.join(values.map((v) => sql`${v}`));
      s = this.pg
        ? s.where(sql<boolean>`(metadata::jsonb ->> ${key}) in (${list})`)
        : s.where(sql<boolean>`exists (select 1 from json_each(kb_documents.metadata) as j where j.key = ${key} and j.value in (${list}))`);
    }
    const rows = await s.orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  }

  // ---- chunks ----

  /** The ids of the document's chunks and their positions. */
  async chunkIndexes(documentId: string): Promise<Map<string, number>> {
    const rows = await this.db.selectFrom('kb_chunks').select(['id', 'idx']).where('document_id', '=', documentId).execute();
    return new Map(rows.map((r) => [r.id, r.idx]));
  }

  /** Inserts chunks (an id present already is left as it is: a resumed batch). */
  async insertChunks(rows: readonly KbChunkRow[]): Promise<void> {
    for (const part of chunked(rows, 200))
      await this.db
        .insertInto('kb_chunks')
        .values(part)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
  }

  /** Moves chunks to new positions (a changed document kept them, elsewhere). */
  async setChunkIndexes(moves: ReadonlyArray<{ id: string; idx: number }>): Promise<void> {
    if (moves.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const m of moves) await trx.updateTable('kb_chunks').set({ idx: m.idx }).where('id', '=', m.id).execute();
    });
  }

  /** The chunks with these ids (any order), in one query per thousand. */
  async chunksByIds(ids: readonly string[]): Promise<KbChunkRow[]> {
    const out: KbChunkRow[] = [];
    for (const part of chunked([...new Set(ids)], IDS_PER_QUERY))
      out.push(...(await this.db.selectFrom('kb_chunks').selectAll().where('id', 'in', part).execute()));
    return out;
  }

  /** Which of these chunk ids exist, in one query per thousand. */
  async presentChunkIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunked([...new Set(ids)], IDS_PER_QUERY))
      for (const r of await this.db.selectFrom('kb_chunks').select('id').where('id', 'in', part).execute()) out.add(r.id);
    return out;
  }

  /** A page of the document's chunks in order, and how many it has. */
  async listChunks(documentId: string, limit: number, offset: number): Promise<{ rows: KbChunkRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db
        .selectFrom('kb_chunks')
        .selectAll()
        .where('document_id', '=', documentId)
        .orderBy('idx')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.db
        .selectFrom('kb_chunks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('document_id', '=', documentId)
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  async deleteChunks(ids: readonly string[]): Promise<number> {
    let n = 0;
    for (const part of chunked(ids, IDS_PER_QUERY))
      n += Number((await this.db.deleteFrom('kb_chunks').where('id', 'in', part).executeTakeFirst()).numDeletedRows);
    return n;
  }

  async deleteChunksOfDocument(documentId: string): Promise<number> {
    const r = await this.db.deleteFrom('kb_chunks').where('document_id', '=', documentId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async countChunks(kbId: string): Promise<number> {
    const r = await this.db
      .selectFrom('kb_chunks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kb_id', '=', kbId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- uploads ----

  /** Stores (or replaces) the bytes of a document's upload. */
  async putUpload(documentId: string, bytes: Uint8Array, contentType: string | null, now: number): Promise<void> {
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await this.db
      .insertInto('kb_uploads')
      .values({ document_id: documentId, bytes: data, content_type: contentType, created_at: now })
      .onConflict((oc) => oc.column('document_id').doUpdateSet({ bytes: data, content_type: contentType, created_at: now }))
      .execute();
  }

  async upload(documentId: string): Promise<KbUploadRow | undefined> {
    return this.db.selectFrom('kb_uploads').selectAll().where('document_id', '=', documentId).executeTakeFirst();
  }

  async deleteUpload(documentId: string): Promise<void> {
    await this.db.deleteFrom('kb_uploads').where('document_id', '=', documentId).execute();
  }

  /** Runs `fn` in one transaction, with a repository bound to it. */
  async transaction<T>(fn: (repo: KnowledgeRepository) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new KnowledgeRepository(trx)));
  }
}
