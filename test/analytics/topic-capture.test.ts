import { describe, expect, it } from 'vitest';
import {
  batches,
  TOPIC_BATCH_BYTES,
  TOPIC_BATCH_ITEMS,
  TopicCaptureBuffer,
  topicItemSchema,
  type TopicItem,
} from '../../src/analytics/topic-capture.js';

const item = (i: number, text = `prompt ${i}`): TopicItem => ({
  id: `req_${i}`,
  ts: 1_700_000_000_000 + i,
  workspace: 'ws_default',
  model: 'chat',
  scenario: null,
  app: null,
  key: null,
  provider: null,
  user: null,
  segments: {},
  text,
});

describe('the topic capture buffer', () => {
  it('drops and counts what does not fit, never waiting', async () => {
    const got: TopicItem[][] = [];
    const buffer = new TopicCaptureBuffer({ enqueue: async (b) => void got.push(b), maxItems: 3, flushMs: 60_000 });
    expect([1, 2, 3, 4, 5].map((i) => buffer.push(item(i)))).toEqual([true, true, true, false, false]);
    expect(buffer).toMatchObject({ pending: 3, dropped: 2, enqueued: 0 });
    await buffer.flush();
    expect(got.map((b) => b.map((x) => x.id))).toEqual([['req_1', 'req_2', 'req_3']]);
    expect(buffer).toMatchObject({ pending: 0, dropped: 2, enqueued: 3 });
  });

  it('flushes on its own after flushMs, and at once when a batch is full', async () => {
    const got: TopicItem[][] = [];
    const buffer = new TopicCaptureBuffer({ enqueue: async (b) => void got.push(b), flushMs: 30 });
    buffer.push(item(0));
    await new Promise((r) => setTimeout(r, 80));
    expect(got).toHaveLength(1);
    const full = new TopicCaptureBuffer({ enqueue: async (b) => void got.push(b), flushMs: 60_000 });
    for (let i = 0; i < TOPIC_BATCH_ITEMS; i++) full.push(item(i));
    await new Promise((r) => setTimeout(r, 20));
    expect(got.at(-1)).toHaveLength(TOPIC_BATCH_ITEMS);
  });

  it('counts a batch the queue refused as dropped, and takes nothing once closed', async () => {
    const errors: unknown[] = [];
    const buffer = new TopicCaptureBuffer({
      enqueue: async () => {
        throw new Error('queue down');
      },
      onError: (e) => errors.push(e),
      flushMs: 60_000,
    });
    buffer.push(item(1));
    buffer.push(item(2));
    await buffer.close();
    expect(buffer).toMatchObject({ dropped: 2, enqueued: 0 });
    expect(errors).toHaveLength(1);
    expect(buffer.push(item(3))).toBe(false);
    expect(buffer.dropped).toBe(3);
  });

  it('cuts batches by count and by bytes, each a valid job input', () => {
    const many = Array.from({ length: 250 }, (_, i) => item(i));
    expect(batches(many).map((b) => b.length)).toEqual([100, 100, 50]);
    const long = Array.from({ length: 40 }, (_, i) => item(i, '长'.repeat(2000)));
    const cut = batches(long);
    expect(cut.length).toBeGreaterThan(1);
    for (const b of cut) {
      expect(Buffer.byteLength(JSON.stringify({ items: b }))).toBeLessThan(64 * 1024);
      expect(Buffer.byteLength(JSON.stringify(b))).toBeLessThanOrEqual(TOPIC_BATCH_BYTES + 2);
      for (const x of b) expect(topicItemSchema.safeParse(x).success).toBe(true);
    }
    expect(cut.flat()).toHaveLength(40);
  });
});
