import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.BAIMO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether a Redis answers at `url`; prints why not, so a skipped test always says why. */
export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const r = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch (err) {
    console.warn(`skipping Redis tests: no Redis at ${url} (${(err as Error).message}); they run in CI, where Redis is up`);
    return false;
  } finally {
    r.disconnect();
  }
}
