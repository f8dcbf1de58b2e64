import { describe, expect, it } from 'vitest';
import { WORKER_BUILD_CHARS, buildTablesInWorker } from '../../src/compliance/text/ac-build.js';
import { AhoCorasick } from '../../src/compliance/text/aho-corasick.js';

/** Large libraries build their automaton on a worker thread: it must match exactly like the in-thread one. */
describe('AhoCorasick built on a worker thread', () => {
  const ALPHABET = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水';
  const a = ALPHABET.length;
  const patterns = Array.from(
    { length: 40_000 },
    (_, i) => `${ALPHABET[i % a]}${ALPHABET[Math.floor(i / a) % a]}${ALPHABET[Math.floor(i / (a * a)) % a]}词`,
  );
  patterns.push('ＡＢＣ', 'abc', '');
  const text = Array.from({ length: 2_000 }, (_, i) => patterns[(i * 7919) % patterns.length] + '。abc ').join('');

  it('is used above WORKER_BUILD_CHARS and finds the same matches as the in-thread build', async () => {
    expect(patterns.reduce((n, p) => n + p.length, 0)).toBeGreaterThanOrEqual(WORKER_BUILD_CHARS);
    const tables = await buildTablesInWorker(patterns);
    expect(tables.kind).toBe('ac-tables');
    const threaded = new AhoCorasick(tables);
    const built = await AhoCorasick.build(patterns);
    const inThread = new AhoCorasick(patterns);
    const expected = inThread.findAll(text);
    expect(expected.length).toBeGreaterThan(2_000);
    expect(threaded.findAll(text)).toEqual(expected);
    expect(built.findAll(text)).toEqual(expected);
    expect(threaded.size).toBe(inThread.size);
    expect(threaded.stateCount).toBe(inThread.stateCount);
  });
});
