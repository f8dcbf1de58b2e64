import { describe, expect, it } from 'vitest';
import { ItemWriter } from '../../src/eval/item-writer.js';

describe('ItemWriter (group commit)', () => {
  it('writes rows added in one turn together, and later ones in the next write', async () => {
    const writes: number[][] = [];
    const w = new ItemWriter<number>(async (rows) => {
      writes.push(rows);
      await new Promise((r) => setTimeout(r, 5));
    });
    const first = [1, 2, 3].map((n) => w.add(n));
    await Promise.all(first);
    const later = [4, 5].map((n) => w.add(n));
    await Promise.all(later);
    expect(writes).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('caps a write at `max` rows; rows added during a write wait for the next', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = new ItemWriter<number>(async (rows) => {
      writes.push(rows);
      if (writes.length === 1) await gate;
    }, 2);
    const a = [1, 2, 3].map((n) => w.add(n));
    await new Promise((r) => setImmediate(r));
    const b = w.add(4);
    release();
    await Promise.all([...a, b]);
    expect(writes).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('a failed write rejects its rows only', async () => {
    let calls = 0;
    const w = new ItemWriter<number>(async () => {
      if (++calls === 1) throw new Error('disk full');
    });
    const bad = w.add(1);
    await expect(bad).rejects.toThrow('disk full');
    await expect(w.add(2)).resolves.toBeUndefined();
  });
});
