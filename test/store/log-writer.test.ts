import { describe, expect, it } from 'vitest';
import { LogWriter } from '../../src/store/log-writer.js';
import type { RequestLogRow } from '../../src/store/schema.js';

const row = (id: string) => ({ id }) as RequestLogRow;

describe('batched log writer', () => {
  it('writes in batches and flushes the rest on close', async () => {
    const batches: number[] = [];
    const w = new LogWriter({ insertMany: async (rows) => void batches.push(rows.length) }, { batchSize: 3, flushMs: 10_000 });
    for (let i = 0; i < 7; i++) w.write(row(`r${i}`));
    await new Promise((r) => setTimeout(r, 10));
    await w.close();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(7);
    expect(Math.max(...batches)).toBeLessThanOrEqual(3 + 1);
  });

  it('retries a failed batch once, then succeeds without losing rows', async () => {
    const written: string[] = [];
    let fail = 1;
    const w = new LogWriter(
      {
        insertMany: async (rows) => {
          if (fail-- > 0) throw new Error('database is locked');
          written.push(...rows.map((r) => r.id));
        },
      },
      { batchSize: 100, flushMs: 10_000 },
    );
    w.write(row('a'));
    w.write(row('b'));
    await w.flush();
    w.write(row('c'));
    await w.close();
    expect(written.sort()).toEqual(['a', 'b', 'c']);
    expect(w.dropped).toBe(0);
  });

  it('drops a batch that fails twice instead of growing without bound', async () => {
    const errors: unknown[] = [];
    const w = new LogWriter(
      { insertMany: async () => Promise.reject(new Error('constraint failed')) },
      { batchSize: 10, flushMs: 10_000, onError: (e) => errors.push(e) },
    );
    for (let i = 0; i < 1000; i++) w.write(row(`r${i}`));
    await w.close();
    expect(w.pending).toBe(0);
    expect(w.dropped).toBe(1000);
    expect(errors.length).toBeGreaterThan(0);
  });
});
