import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/store/dialect.js';
import { ModerationLibraryRepository, type LibraryTerm } from '../../src/store/moderation-library-repository.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';

// The keyword-library repository's contract on both databases: large uploads (a worker thread on the
// SQLite file; bounded multi-row statements in one transaction on PostgreSQL) store each term once with
// its first risk, keep term_count exact, and deletes take terms and libraries away.

const pgUp = await postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'baimo-library-dialects-'));

/** `n` terms: 4 of every 5 new, every 5th a repeat of an earlier one with another risk; some padded, some blank. */
function upload(n: number, prefix: string): LibraryTerm[] {
  const out: LibraryTerm[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 5 === 4) out.push({ term: `${prefix}${i - 3}`, risk: 'A.2.1' });
    else if (i % 1_000 === 1) out.push({ term: `  ${prefix}${i}\t`, risk: 'A.1.1' });
    else if (i % 1_000 === 2) out.push({ term: '   ', risk: 'A.1.1' });
    else out.push({ term: `${prefix}${i}`, risk: 'A.1.1' });
  }
  return out;
}

describe.each<Dialect>(['sqlite', 'postgres'])('moderation libraries on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgUp;
  const opened: OpenedDatabase[] = [];
  const open = async (): Promise<OpenedDatabase & { location: string }> => {
    // A folder of its own: on SQLite the database is `baimo.db` in it (a file, so large uploads take the import thread).
    const db = await openTestDatabase(mkdtempSync(join(dir, 'db-')), dialect);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    // Second connections first: the test database's close drops the PostgreSQL schema.
    for (const db of opened.splice(0).reverse()) await db.close();
  });
  const library = async (repo: ModerationLibraryRepository, id: string): Promise<void> =>
    repo.create({ id, workspace_id: null, name: id, description: null, enabled: true });

  it.skipIf(skip)('imports 50,000 terms with repeats once each, first risk kept, counts exact; pages, searches and deletes', async () => {
    const db = await open();
    const repo = new ModerationLibraryRepository(db);
    await library(repo, 'lib_a');
    await library(repo, 'lib_b');
    const before = (await repo.get('lib_a'))!.updated_at;

    const terms = upload(50_000, '词');
    const blank = terms.filter((t) => !t.term.trim()).length;
    const unique = new Set(terms.map((t) => t.term.trim()).filter(Boolean)).size;
    expect(unique).toBe(40_000 - blank);
    expect(await repo.addTermsTimeSliced('lib_a', terms)).toEqual({ added: unique, skipped: 50_000 - unique });
    const libA = (await repo.get('lib_a'))!;
    expect(libA.term_count).toBe(unique);
    expect(libA.updated_at).toBeGreaterThan(before);
    const stored = await repo.allTerms('lib_a');
    expect(stored).toHaveLength(unique);
    const risk = new Map(stored.map((t) => [t.term, t.risk]));
    // A repeat keeps the first risk; padding is trimmed; blanks are not stored.
    expect(risk.get('词0')).toBe('A.1.1');
    expect(risk.get('词1')).toBe('A.1.1');
    expect(risk.has('  词1\t')).toBe(false);
    expect(risk.has('')).toBe(false);
    expect((await repo.get('lib_b'))!.term_count).toBe(0);

    // A second upload: half already there (their risk stays), half new.
    const more = Array.from({ length: 10_000 }, (_, i) => ({ term: i % 2 ? `词${i * 5}` : `新${i}`, risk: 'B.1.1' }));
    expect(await repo.addTermsTimeSliced('lib_a', more)).toEqual({ added: 5_000, skipped: 5_000 });
    expect((await repo.get('lib_a'))!.term_count).toBe(unique + 5_000);
    expect((await repo.allTerms('lib_a')).find((t) => t.term === '词5')?.risk).toBe('A.1.1');

    // Small writes (in the request's transaction); ASCII case is ignored and LIKE wildcards are literal in a search.
    const small = await repo.addTerms('lib_b', [
      { term: 'ABCword', risk: 'A.1.2' },
      { term: '100%纯', risk: 'A.1.2' },
      { term: '1000纯', risk: 'A.1.2' },
      { term: 'ABCword', risk: 'A.1.3' },
    ]);
    expect(small).toEqual({ added: 3, skipped: 1 });
    expect((await repo.terms('lib_b', { q: 'abc', limit: 10 })).data).toEqual([{ term: 'ABCword', risk: 'A.1.2' }]);
    expect((await repo.terms('lib_b', { q: '%纯', limit: 10 })).data.map((t) => t.term)).toEqual(['100%纯']);

    // Pages of a search, in term order, add up to the matching terms.
    const matching = (await repo.allTerms('lib_a')).filter((t) => t.term.includes('词12'));
    const paged: LibraryTerm[] = [];
    for (let cursor: string | undefined, n = 0; n < 100; n++) {
      const page = await repo.terms('lib_a', { q: '词12', cursor, limit: 150 });
      paged.push(...page.data);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(matching.length).toBeGreaterThan(300);
    expect(paged).toEqual(matching);

    // Deletes: repeats and absent terms count once or not at all.
    const gone = Array.from({ length: 20_000 }, (_, i) => `词${i}`);
    const existed = gone.filter((t) => risk.has(t)).length;
    const updated = (await repo.get('lib_a'))!.updated_at;
    expect(await repo.deleteTerms('lib_a', [...gone, '词0', '不存在'])).toBe(existed);
    const afterDelete = (await repo.get('lib_a'))!;
    expect(afterDelete.term_count).toBe(unique + 5_000 - existed);
    expect(afterDelete.updated_at).toBeGreaterThan(updated);
    expect(await repo.allTerms('lib_a')).toHaveLength(afterDelete.term_count);
    expect(await repo.deleteTerms('lib_a', ['不存在'])).toBe(0);

    // A library goes with its terms; the other stays.
    expect(await repo.delete('lib_a')).toBe(true);
    expect(await repo.get('lib_a')).toBeUndefined();
    expect(await repo.allTerms('lib_a')).toEqual([]);
    expect(await repo.delete('lib_a')).toBe(false);
    expect((await repo.get('lib_b'))!.term_count).toBe(3);
  });

  it.skipIf(skip)('two processes uploading overlapping terms at once store each once and count them exactly', async () => {
    const a = await open();
    const b = await openDatabase(a.location);
    opened.push(b);
    const repoA = new ModerationLibraryRepository(a);
    const repoB = new ModerationLibraryRepository(b);
    await library(repoA, 'lib_c');
    // The same 12,000 terms, in opposite orders (two uploads that would lock each other's terms crosswise).
    const terms = Array.from({ length: 12_000 }, (_, i) => ({ term: `并发${i}`, risk: 'A.1.1' }));
    const [ra, rb] = await Promise.all([repoA.addTermsTimeSliced('lib_c', terms), repoB.addTermsTimeSliced('lib_c', [...terms].reverse())]);
    expect(ra.added + rb.added).toBe(12_000);
    expect(ra.skipped + rb.skipped).toBe(12_000);
    expect((await repoA.get('lib_c'))!.term_count).toBe(12_000);
    expect(await repoB.allTerms('lib_c')).toHaveLength(12_000);
  });
});
