import { describe, expect, it } from 'vitest';
import { AimdLane } from '../../src/eval/aimd-lane.js';

describe('AimdLane', () => {
  it('lets `limit` calls in at once and the rest in order as calls end', async () => {
    const lane = new AimdLane(2);
    const order: number[] = [];
    await lane.acquire();
    await lane.acquire();
    const third = lane.acquire().then(() => order.push(3));
    const fourth = lane.acquire().then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(lane.busy).toBe(2);
    lane.release();
    await third;
    expect(order).toEqual([3]);
    lane.release();
    await fourth;
    expect(order).toEqual([3, 4]);
  });

  it('halves on a rate limit (once per cooldown, never below 1) and climbs back by one per `limit` answers', () => {
    let now = 0;
    const lane = new AimdLane(8, 1_000, () => now);
    lane.rateLimited();
    expect(lane.limit).toBe(4);
    lane.rateLimited(); // the same burst
    expect(lane.limit).toBe(4);
    now += 1_000;
    lane.rateLimited();
    expect(lane.limit).toBe(2);
    for (let i = 0; i < 3; i++) {
      now += 1_000;
      lane.rateLimited();
    }
    expect(lane.limit).toBe(1);
    lane.succeeded();
    expect(lane.limit).toBe(2);
    lane.succeeded();
    expect(lane.limit).toBe(2);
    lane.succeeded();
    expect(lane.limit).toBe(3);
    for (let i = 0; i < 100; i++) lane.succeeded();
    expect(lane.limit).toBe(8);
  });

  it('a waiter leaves when its signal aborts', async () => {
    const lane = new AimdLane(1);
    await lane.acquire();
    const ctl = new AbortController();
    const waiting = lane.acquire(ctl.signal);
    ctl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    lane.release();
    await lane.acquire(); // the aborted waiter did not take the slot
    expect(lane.busy).toBe(1);
  });
});
