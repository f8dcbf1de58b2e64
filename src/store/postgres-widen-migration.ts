import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * PostgreSQL only (SQLite integers are 64-bit already): columns created as `integer` (int4) that may hold
 * more than 2^31. The audit chain's `seq` (years of logging; a forged head claiming a larger seq must not
 * make every later append fail), and a key's RPM and TPM, which the API accepts up to 2^53.
 */
export const postgresWidenMigration: Migration = {
  async up(db: Kysely<unknown>) {
    if (dialectOf(db) !== 'postgres') return;
    await sql`alter table audit_log alter column seq type bigint`.execute(db);
    await sql`alter table virtual_keys alter column rpm type bigint, alter column tpm type bigint`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (dialectOf(db) !== 'postgres') return;
    await sql`alter table audit_log alter column seq type integer`.execute(db);
    await sql`alter table virtual_keys alter column rpm type integer, alter column tpm type integer`.execute(db);
  },
};
