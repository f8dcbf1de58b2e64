import { dirname, resolve } from 'node:path';
import type { BaimoConfig } from './schema.js';

/** Whether `database` names a PostgreSQL server (`postgres://…`) rather than an SQLite file. */
export function usesPostgres(config: Pick<BaimoConfig, 'database'>): boolean {
  return /^postgres(ql)?:\/\//i.test(config.database);
}

/**
 * The folder for files baimo keeps beside its data (the generated `master.key`): the SQLite file's folder,
 * or `./data` when the database is in memory or on PostgreSQL (where replicas must share `BAIMO_MASTER_KEY`).
 */
export function dataDirOf(config: Pick<BaimoConfig, 'database'>): string {
  return config.database === ':memory:' || usesPostgres(config) ? resolve('data') : dirname(resolve(config.database));
}
