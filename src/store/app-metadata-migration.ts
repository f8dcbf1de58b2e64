import type { Kysely, Migration } from 'kysely';

/**
 * `apps.metadata`: an app's attributes as a JSON object (null: none). Usage analytics reads its segment
 * attributes (`industry`, `region`, `user_group`) for the app's requests and page views, over the
 * key's and under the end user's.
 */
export const appMetadataMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('apps').addColumn('metadata', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('apps').dropColumn('metadata').execute();
  },
};
