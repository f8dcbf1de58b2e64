import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/store/dialect.js';
import { createKeywordIndex, type KeywordIndex, type KeywordItem } from '../../src/store/keyword-index.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';

// Terms held by more than 1,000 items only score the items that the query's rarer terms find (what
// keeps a search over 100,000 chunks fast). The rarer terms' items must come back in the order the
// plain OR of every term gives them, and common terms must still find items when the rare ones reach
// fewer than k. 2,400 items of ten tokens each: `common` in 1,098 of them (more often in r0–r4, ten
// times in `only`), `rare` in r0–r4, `gamma` in g0–g1.

const pgOk = await postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'baimo-common-terms-'));

const pad = (tokens: string[]) => [...tokens, ...Array.from({ length: 10 - tokens.length }, (_, i) => `pad${i}`)];
const ITEMS: KeywordItem[] = [
  ...Array.from({ length: 5 }, (_, i) => ({
    id: `r${i}`,
    documentId: 'rare-doc',
    tokens: pad(['rare', ...Array<string>(i + 1).fill('common')]),
  })),
  ...Array.from({ length: 2 }, (_, i) => ({ id: `g${i}`, documentId: 'gamma-doc', tokens: pad(['gamma', 'common']) })),
  { id: 'only', documentId: 'only-doc', tokens: Array<string>(10).fill('common') },
  ...Array.from({ length: 2392 }, (_, i) => ({
    id: `f${i}`,
    documentId: `fill${i % 20}`,
    tokens: pad(i < 1090 ? ['common', `w${i % 97}`] : [`w${i % 97}`]),
  })),
];

describe.each<Dialect>(['sqlite', 'postgres'])('common terms on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgOk;
  let db: OpenedDatabase;
  let index: KeywordIndex;

  beforeAll(async () => {
    if (skip) return;
    db = await openTestDatabase(dir, dialect);
    index = createKeywordIndex(db);
    for (let i = 0; i < ITEMS.length; i += 1000) await index.upsert('kb', ITEMS.slice(i, i + 1000));
  });
  afterAll(async () => {
    if (!skip) await db.close();
  });

  it.skipIf(skip)('ranks the rare term’s items by every term, leaving out items that hold only the common one', async () => {
    const hits = await index.search('kb', ['rare', 'common'], { k: 3 });
    expect(hits.map((h) => h.id)).toEqual(['r4', 'r3', 'r2']);
    if (dialect === 'postgres') {
      // With the column's statistics gathered, the common term's df comes from them instead of a count.
      await db.pool!.query('analyze "kw:kb"');
      const again = await index.search('kb', ['rare', 'common'], { k: 3 });
      expect(again.map((h) => h.id)).toEqual(['r4', 'r3', 'r2']);
      again.forEach((h, i) => expect(h.score).toBeCloseTo(hits[i]!.score, 1));
    }
    // Each score is the full BM25 of both terms: more of the common term, a higher score.
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    const rareAlone = await index.search('kb', ['rare'], { k: 5 });
    expect(hits[0]!.score).toBeGreaterThan(rareAlone.find((h) => h.id === 'r4')!.score);
  });

  it.skipIf(skip)('lets the common term find items when the rare ones reach fewer than k', async () => {
    const hits = await index.search('kb', ['gamma', 'common'], { k: 4 });
    expect(hits).toHaveLength(4);
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual(['g0', 'g1']);
    expect(hits.map((h) => h.id)).toContain('only'); // ten times the common term: first of the rest
  });

  it.skipIf(skip)('ranks every item of chosen documents that holds a term, common or not', async () => {
    const hits = await index.search('kb', ['rare', 'common'], { k: 10, documentIds: ['only-doc', 'rare-doc'] });
    expect(hits.map((h) => h.id).sort()).toEqual(['only', 'r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it.skipIf(skip)('keeps its statistics through replacements and deletes', async () => {
    await index.upsert('kb', [
      { id: 'r0', documentId: 'rare-doc', tokens: pad(['rare', 'common', 'common', 'common', 'common', 'common', 'common']) },
    ]);
    expect((await index.search('kb', ['rare', 'common'], { k: 1 }))[0]!.id).toBe('r0');
    expect(await index.deleteByDocument('kb', 'rare-doc')).toBe(5);
    // No item holds the rare term now: the common one finds the items.
    expect((await index.search('kb', ['rare', 'common'], { k: 3 }))[0]!.id).toBe('only');
    expect(await index.count('kb')).toBe(ITEMS.length - 5);
  });
});
