import pg from 'pg';

/** Undefined when the PostgreSQL at `url` answers a query within two seconds, else why not (the driver's message). */
export async function postgresProblemAt(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('select 1');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}
