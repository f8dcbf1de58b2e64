import pg from 'pg';
import { TEST_POSTGRES_URL } from './test-database.js';

/** Whether process `pid` still runs (its schemas may be in use by another test run). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * After the PostgreSQL run: drops the test schemas (`t_<pid>_<random>`) a crashed or killed test left behind
 * (each test drops its own); schemas of processes still running belong to another run and stay.
 */
export async function teardown(): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  c.on('error', () => undefined);
  try {
    await c.connect();
    const r = await c.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 't\\_%'`);
    for (const { nspname } of r.rows) {
      const pid = Number(/^t_(\d+)_/.exec(nspname)?.[1]);
      if (!pid || alive(pid)) continue;
      await c.query(`drop schema if exists "${nspname}" cascade`);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
}
