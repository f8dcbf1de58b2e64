import { describe, expect, it } from 'vitest';
import { redisAvailable, TEST_REDIS_URL } from '../helpers/redis-available.js';
import { startBaimo } from '../helpers/start-baimo.js';

// A server with redis_url stopped right after it started (a failed deploy, a test, a quick restart):
// BullMQ's connections are still initialising then, and closing them must not leave an unhandled
// rejection behind — in a server process that would be a crash.
const redisUp = await redisAvailable();

describe.runIf(redisUp)('the BullMQ job queue closed while connecting', () => {
  it('leaves no unhandled rejection, however early the server is stopped', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown): void => void unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (let i = 0; i < 8; i++) {
        const baimo = await startBaimo({ redis_url: TEST_REDIS_URL, retention: { request_logs_days: 30 } });
        await new Promise((r) => setTimeout(r, i * 5));
        await baimo.close();
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled.map((e) => String((e as Error)?.message ?? e))).toEqual([]);
  }, 60_000);
});
