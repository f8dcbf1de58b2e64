import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkTokens, groupResults, HEADING_TOKENS, outputReserve, splitChunks, textTokens } from '../../src/apps/chunk-text.js';

// The documented rule long inputs are cut by (src/apps/chunk-text.ts): checked against its statement.

describe('textTokens', () => {
  it('counts a Han character or full-width mark as one, other characters one per four', () => {
    expect(textTokens('')).toBe(0);
    expect(textTokens('你好，世界。')).toBe(6);
    expect(textTokens('abcd')).toBe(1);
    expect(textTokens('abcde')).toBe(2);
    expect(textTokens('会议 at 3pm')).toBe(2 + Math.ceil(8 / 4));
  });
});

describe('the window', () => {
  it('keeps max_tokens for the answer, else a quarter of the window up to 4,096; a chunk is half of the rest', () => {
    expect(outputReserve(8192, undefined)).toBe(2048);
    expect(outputReserve(128_000, undefined)).toBe(4096);
    expect(outputReserve(8192, 1000)).toBe(1000);
    expect(chunkTokens(8192, 2048)).toBe(3072);
  });
});

describe('splitChunks', () => {
  const text = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '。', '字', '.', '😀', 'b', '\n\n'), maxLength: 3000 });

  it('cuts into chunks that give the text back, each within the budget, the same way every time', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 300 }), (t, max) => {
        const chunks = splitChunks(t, max);
        expect(chunks.join('')).toBe(t);
        for (const c of chunks) {
          expect(c.length).toBeGreaterThan(0);
          // A chunk never ends inside a surrogate pair (whose two halves count one token each).
          expect(/[\ud800-\udbff]$/.test(c) && c !== chunks.at(-1)).toBe(false);
          expect(textTokens(c)).toBeLessThanOrEqual(max + 1);
        }
        expect(splitChunks(t, max)).toEqual(chunks);
      }),
    );
  });

  it('ends a chunk after its last line break in the back half, else a sentence end, else a space', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `${'字'.repeat(9)}${i % 10}\n`).join('');
    // 9 wide and 2 narrow characters a line: 6 lines are 54 + ⌈12 / 4⌉ = 57 tokens, 7 are 67 (budget 60).
    expect(splitChunks(lines, 60)[0]).toBe(lines.slice(0, 66));
    expect(splitChunks('一二三四五。六七八九十一二', 10)).toEqual(['一二三四五。', '六七八九十一二']);
    expect(splitChunks('aaaa bbbb cccc dddd', 3)).toEqual(['aaaa bbbb ', 'cccc dddd']);
    expect(splitChunks('字'.repeat(25), 10)).toEqual(['字'.repeat(10), '字'.repeat(10), '字'.repeat(5)]);
  });

  it('puts the rest in the last chunk past the most chunks asked for', () => {
    expect(splitChunks('字'.repeat(100), 10, 3).map((c) => c.length)).toEqual([10, 10, 80]);
  });
});

describe('groupResults', () => {
  it('groups answers in order so each group fits the budget with 8 tokens of heading each', () => {
    const a = '长'.repeat(1000);
    expect(groupResults([a, a, a, a, a], 3072).map((g) => g.length)).toEqual([3, 2]);
    expect(groupResults(['x', 'y'], 3072)).toEqual([['x', 'y']]);
    // An answer alone over the budget is cut to fit.
    const [[cut]] = groupResults(['长'.repeat(5000)], 3072);
    expect(textTokens(cut) + HEADING_TOKENS).toBeLessThanOrEqual(3072);
  });
});
