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
