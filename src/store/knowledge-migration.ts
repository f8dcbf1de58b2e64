import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * The knowledge bases (issue 17): `kb_bases` per workspace, their `kb_documents` (files and URLs, one
 * row per name), the `kb_chunks` each document was cut into (the text search hits show; the vectors
 * and BM25 postings live in the vector store and keyword index, under the base id as collection), and
 * `kb_uploads`, an uploaded file's bytes until its ingestion finishes, kept in the database so that any
 * replica or worker can ingest it. Deleting a base deletes its documents, and a document its chunks and
 * upload (foreign keys, cascading). Times are epoch milliseconds; settings, title paths and metadata are
 * JSON text.
 */
export const knowledgeMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = dialectOf(db) === 'postgres';
    await db.schema
      .createTable('kb_bases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('embedding_model', 'text', (c) => c.notNull())
      .addColumn('dimensions', 'integer')
      // chunking, user_words, stopwords, retrieval
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('document_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('chunk_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_bases_workspace_name').unique().on('kb_bases').columns(['workspace_id', 'name']).execute();

    await db.schema
      .createTable('kb_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kb_id', 'text', (c) => c.notNull().references('kb_bases.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      // file | url
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('format', 'text')
      .addColumn('title', 'text')
      .addColumn('bytes', 'bigint')
      .addColumn('content_hash', 'text')
      // queued | processing | ready | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error_reason', 'text')
      .addColumn('error_message', 'text')
      .addColumn('chunk_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('job_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_documents_kb_name').unique().on('kb_documents').columns(['kb_id', 'name']).execute();
    // Lists, newest first, paged by (created_at, id).
    await db.schema.createIndex('kb_documents_kb_created').on('kb_documents').columns(['kb_id', 'created_at', 'id']).execute();

    await db.schema
      .createTable('kb_chunks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kb_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull().references('kb_documents.id').onDelete('cascade'))
      .addColumn('idx', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('title_path', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('tokens', 'integer', (c) => c.notNull())
      // text | table | code
      .addColumn('kind', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kb_chunks_document_idx').on('kb_chunks').columns(['document_id', 'idx']).execute();

    await db.schema
      .createTable('kb_uploads')
      .addColumn('document_id', 'text', (c) => c.primaryKey().references('kb_documents.id').onDelete('cascade'))
      .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
      .addColumn('content_type', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['kb_uploads', 'kb_chunks', 'kb_documents', 'kb_bases']) await sql`drop table if exists ${sql.table(t)}`.execute(db);
  },
};
