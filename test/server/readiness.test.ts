import { sql } from 'kysely';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { startBaimo } from '../helpers/start-baimo.js';

// `/readyz` is what a load balancer or a Kubernetes readiness probe asks. A replica whose limits live
// in Redis shares them with the others: when it cannot reach Redis it answers 503, so traffic goes to
// the replicas that can; `/healthz` (liveness) still answers, so it is not restarted for it.

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('readiness with limits in Redis', () => {
  it('Redis unreachable: /readyz is 503 and says why, /healthz is 200', async () => {
    const baimo = await startBaimo({ redis_url: `redis://127.0.0.1:${await closedPort()}` });
    try {
      expect((await fetch(`${baimo.url}/healthz`)).status).toBe(200);
      const r = await fetch(`${baimo.url}/readyz`);
      expect(r.status).toBe(503);
      const body = (await r.json()) as { checks: Record<string, string> };
      expect(body).toMatchObject({ status: 'not_ready', checks: { database: 'ok', limits: 'redis' } });
      expect(body.checks.redis).not.toBe('ok');
      expect(body.checks.redis.length).toBeGreaterThan(0);
    } finally {
      await baimo.close();
    }
  });

  it('Redis up: /readyz is 200 with redis ok', async () => {
    if (!(await redisAvailable())) return;
    const baimo = await startBaimo({ redis_url: TEST_REDIS_URL });
    try {
      const r = await fetch(`${baimo.url}/readyz`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', limits: 'redis', redis: 'ok' } });
    } finally {
      await baimo.close();
    }
  });
});

describe('readiness of the schema', () => {
  it('/readyz names the migrations: ok, 503 when one this build needs is missing, ready but "ahead" when a newer build migrated', async () => {
    const baimo = await startBaimo({});
    const db = baimo.runtime.database.db;
    const ready = async () => {
      const r = await fetch(`${baimo.url}/readyz`);
      return { status: r.status, body: (await r.json()) as { checks: Record<string, string> } };
    };
    try {
      expect(await ready()).toMatchObject({ status: 200, body: { checks: { migrations: 'ok' } } });
      // A newer replica of a rolling deploy migrated first: this one still serves, and says so.
      await sql`insert into kysely_migration (name, timestamp) values ('9999_from_a_newer_build', '2026-12-07T00:00:00.000Z')`.execute(db);
      expect(await ready()).toMatchObject({ status: 200, body: { checks: { migrations: 'ahead: 9999_from_a_newer_build' } } });
      // The database was restored from before a migration this build relies on: not ready.
      await sql`delete from kysely_migration where name = '0009_stats_all'`.execute(db);
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.checks.migrations).toBe('pending: 0009_stats_all');
    } finally {
      await baimo.close();
    }
  });
});
