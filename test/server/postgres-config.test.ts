import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parsePostgresUrl } from '../../src/store/open-postgres.js';
import { countRows, withDatabase } from '../helpers/db-query.js';
import { startFakeOpenAI } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo } from '../helpers/start-baimo.js';
import { postgresAvailable, TEST_POSTGRES_URL } from '../helpers/test-database.js';
import { spawnBaimo } from '../security/load/spawn-baimo.js';

const PASSWORD = 'pw-must-not-leak-7f3a';
/** The test server's URL with a password in it (trust auth ignores it): what must never be printed. */
const withPassword = (url: string): string => url.replace('postgres://postgres@', `postgres://postgres:${PASSWORD}@`);

describe('database: postgres://…', () => {
  it("baimo's own URL parameters are checked and removed before connecting", () => {
    expect(parsePostgresUrl('postgres://u:p@h:5432/db?schema=baimo_1&pool_max=4&sslmode=disable')).toEqual({
      connectionString: 'postgres://u:p@h:5432/db?sslmode=disable',
      schema: 'baimo_1',
      poolMax: 4,
    });
    expect(parsePostgresUrl('postgresql://h/db').poolMax).toBe(10);
    expect(() => parsePostgresUrl('postgres://h/db?schema=a;drop')).toThrow(/schema= must be letters, digits and _/);
    expect(() => parsePostgresUrl('postgres://h/db?schema=1abc')).toThrow(/schema=/);
    expect(() => parsePostgresUrl('postgres://h/db?pool_max=0')).toThrow(/pool_max= must be an integer from 1 to 200/);
    expect(() => parsePostgresUrl('postgres://h/db?pool_max=many')).toThrow(/pool_max=/);
  });

  it('an unreachable server is a clear start-up error that does not show the password', async () => {
    const err = await startBaimo({ database: withPassword('postgres://postgres@127.0.0.1:1/test') }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/cannot reach PostgreSQL/);
    expect(err?.message).not.toContain(PASSWORD);
  });

  it('serves, logs every request into PostgreSQL and never prints the password', async () => {
    if (!(await postgresAvailable())) return;
    const fake = await startFakeOpenAI();
    const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const database = withPassword(`${TEST_POSTGRES_URL}?schema=${schema}`);
    const baimo = await spawnBaimo({
      database,
      providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
      models: [{ name: 'chat', targets: [{ provider: 'up', model: 'm1' }] }],
    });
    try {
      expect(baimo.stderr()).toContain(`postgres://postgres:***@`);
      const ready = await fetch(`${baimo.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { database: 'ok' } });
      for (let i = 0; i < 5; i++) {
        const r = await fetch(`${baimo.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: '你好' }] }),
        });
        expect(r.status).toBe(200);
      }
    } finally {
      await baimo.close();
      await fake.close();
    }
    expect(baimo.stderr()).not.toContain(PASSWORD);
    // SIGTERM flushed the log writer: every request is a row in the schema named by the URL.
    expect(await withDatabase(database, (db) => countRows(db, 'select count(*) as n from request_logs'))).toBe(5);
  });
});
