import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * PostgreSQL only (SQLite integers are 64-bit already): the audit chain's `seq` was created as `integer`
 * (int4). A chain can outgrow 2^31 entries over years of logging, and a forged head claiming a larger seq
 * must not make every later append fail: widen it to bigint.
 */
export const postgresWidenMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (dialectOf(db) !== 'postgres') return;
    await sql`alter table audit_log alter column seq type bigint`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (dialectOf(db) !== 'postgres') return;
    await sql`alter table audit_log alter column seq type integer`.execute(db);
  },
};
