import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunk } from '../helpers/chunk-text.js';
import { AhoCorasick, type AcMatch } from '../../src/compliance/text/aho-corasick.js';
import { normalizeCode, normalizeText } from '../../src/compliance/text/normalize.js';

/**
 * The automaton must agree with a naive search over folded text: every (start, index) where the
 * folded text starts with the folded pattern at `start`. Alphabets are tiny and mix variants
 * (case, full width, traditional/simplified) so that matches and folding happen often.
 */

const ALPHABET = ['a', 'A', 'ａ', 'Ａ', 'b', 'B', 'ｂ', '国', '國', '家', '说', '說', ' ', '　', '!', '！', 'x'];

const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((cs) => cs.join(''));
const patternArb = fc.array(fc.constantFrom(...ALPHABET), { minLength: 0, maxLength: 5 }).map((cs) => cs.join(''));
const libraryArb = fc.array(patternArb, { minLength: 1, maxLength: 12 });

function naive(patterns: readonly string[], text: string): AcMatch[] {
  const folded = normalizeText(text);
  const out: AcMatch[] = [];
  patterns.forEach((pattern, index) => {
    if (pattern.length === 0) return;
    const p = normalizeText(pattern);
    for (let start = 0; start + p.length <= folded.length; start++) {
      if (folded.startsWith(p, start)) out.push({ start, end: start + p.length, index });
    }
  });
  return sorted(out);
}

function sorted(matches: AcMatch[]): AcMatch[] {
  return [...matches].sort((x, y) => x.start - y.start || x.end - y.end || x.index - y.index);
}

describe('normalize', () => {
  it('folds width, ASCII case and traditional characters 1:1', () => {
    expect(normalizeText('ＡＢＣ')).toBe('abc');
    expect(normalizeText('ABC xyz')).toBe('abc xyz');
    expect(normalizeText('國家說這個們')).toBe('国家说这个们');
    expect(normalizeText('Ｈｅｌｌｏ　Ｗｏｒｌｄ！')).toBe('hello world!');
    expect(normalizeText('普通文本')).toBe('普通文本');
    expect(normalizeCode('Ｚ'.charCodeAt(0))).toBe('z'.charCodeAt(0));
    expect(normalizeCode(0x3000)).toBe(0x20);
    expect(normalizeCode(0x1f600)).toBe(0x1f600);
  });

  it('keeps lengths and is idempotent on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalizeText(s);
        expect(n.length).toBe(s.length);
        expect(normalizeText(n)).toBe(n);
      }),
    );
  });

  it('handles long strings (chunked decoding)', () => {
    const long = 'Ａ國'.repeat(20_000);
    expect(normalizeText(long)).toBe('a国'.repeat(20_000));
  });
});

describe('AhoCorasick', () => {
  it('finds overlapping matches with offsets into the original text', () => {
    const ac = new AhoCorasick(['he', 'she', 'his', 'hers', '國家', '国家安全', '']);
    expect(ac.size).toBe(6);
    expect(ac.maxLength).toBe(4);
    expect(sorted(ac.findAll('ushers 国家安全'))).toEqual([
      { start: 1, end: 4, index: 1 },
      { start: 2, end: 4, index: 0 },
      { start: 2, end: 6, index: 3 },
      { start: 7, end: 9, index: 4 },
      { start: 7, end: 11, index: 5 },
    ]);
  });

  it('matches across width, case and script variants', () => {
    const ac = new AhoCorasick(['ABC', '國家']);
    expect(ac.findAll('xＡｂｃx 国家')).toEqual([
      { start: 1, end: 4, index: 0 },
      { start: 6, end: 8, index: 1 },
    ]);
    expect(new AhoCorasick(['abc']).findFirst('ＡＢＣ')).toEqual({ start: 0, end: 3, index: 0 });
  });

  it('reports every index of patterns that fold to the same string', () => {
    const ac = new AhoCorasick(['abc', 'ABC', 'ａｂｃ']);
    expect(ac.findAll('abc').map((m) => m.index)).toEqual([0, 1, 2]);
    expect(ac.findFirst('xxabc')).toEqual({ start: 2, end: 5, index: 0 });
  });

  it('has no matches without patterns', () => {
    const ac = new AhoCorasick(['', '']);
    expect(ac.size).toBe(0);
    expect(ac.findAll('anything')).toEqual([]);
    expect(ac.findFirst('anything')).toBeUndefined();
  });

  it('findAll agrees with a naive folded search', () => {
    fc.assert(
      fc.property(libraryArb, textArb, (patterns, text) => {
        expect(sorted(new AhoCorasick(patterns).findAll(text))).toEqual(naive(patterns, text));
      }),
      { numRuns: 500 },
    );
  });

  it('findFirst returns the match with the smallest end', () => {
    fc.assert(
      fc.property(libraryArb, textArb, (patterns, text) => {
        const all = naive(patterns, text);
        const first = new AhoCorasick(patterns).findFirst(text);
        if (all.length === 0) {
          expect(first).toBeUndefined();
          return;
        }
        const minEnd = Math.min(...all.map((m) => m.end));
        expect(first?.end).toBe(minEnd);
        expect(all).toContainEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('a cursor fed any chunking finds what findAll finds, with absolute offsets', () => {
    fc.assert(
      fc.property(libraryArb, textArb, fc.array(fc.nat(), { maxLength: 10 }), (patterns, text, cuts) => {
        const ac = new AhoCorasick(patterns);
        const cursor = ac.cursor();
        const found: AcMatch[] = [];
        let fed = '';
        for (const part of chunk(text, cuts)) {
          found.push(...cursor.feed(part));
          fed += part;
          // Nothing unreported may start before position - pendingLength.
          expect(cursor.position).toBe(fed.length);
          const pendingFrom = fed.length - cursor.pendingLength;
          for (const m of naive(patterns, text)) {
            if (m.end > fed.length) expect(m.start).toBeGreaterThanOrEqual(pendingFrom);
          }
        }
        expect(found).toEqual(ac.findAll(text));
      }),
      { numRuns: 300 },
    );
  });

  it('builds a 10,000-term library quickly and searches it', () => {
    const chars = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可';
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const terms: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      let t = '';
      for (let j = 2 + rnd(7); j > 0; j--) t += chars[rnd(chars.length)];
      terms.push(t);
    }
    const ac = new AhoCorasick(terms);
    let text = '';
    for (let i = 0; i < 2000; i++) text += chars[rnd(chars.length)];
    expect(sorted(ac.findAll(text))).toEqual(naive(terms, text));
  });
});
