import { sql, type Kysely, type Migration } from 'kysely';

/**
 * `moderation_libraries.term_count`: a library's number of terms, kept by the writes instead of
 * counted (a count over a 150k-term library took milliseconds on the request thread, for every
 * list, view and audit entry). Existing libraries are counted once here.
 */
export const libraryTermCountMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('moderation_libraries')
      .addColumn('term_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`UPDATE moderation_libraries SET term_count = (SELECT count(*) FROM moderation_terms t WHERE t.library_id = moderation_libraries.id)`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('moderation_libraries').dropColumn('term_count').execute();
  },
};
