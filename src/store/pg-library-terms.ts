import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Moderation-library term writes on PostgreSQL (moderation-library-repository.ts keeps SQLite's): each
 * in one transaction that first locks the library's row, so writes to one library take turns (its
 * term_count stays exact and two uploads never deadlock on each other's terms), with terms sent as
 * arrays (`unnest`, `= any`) in bounded chunks.
 */

/** Terms per insert or delete statement. */
export const PG_TERM_CHUNK = 5_000;

/** PostgreSQL text cannot hold NUL: such a term can be neither stored nor found. */
const storable = (s: string): boolean => !s.includes('\0');

/**
 * The terms of an upload as SQLite's `INSERT OR IGNORE` in upload order would store them: trimmed,
 * empty ones left out, and only the first of a repeated term (its risk wins).
 */
function firstOfEach(terms: ReadonlyArray<{ term: string; risk: string }>): { terms: string[]; risks: string[] } {
  const seen = new Set<string>();
  const out = { terms: [] as string[], risks: [] as string[] };
  for (const t of terms) {
    const term = t.term.trim();
    if (!term || seen.has(term) || !storable(term) || !storable(t.risk)) continue;
    seen.add(term);
    out.terms.push(term);
    out.risks.push(t.risk);
  }
  return out;
}

/** Locks the library's row until the transaction ends (writes to its terms take turns). */
async function lockLibrary(trx: Transaction<Database>, libraryId: string): Promise<void> {
  await trx.selectFrom('moderation_libraries').select('id').where('id', '=', libraryId).forUpdate().execute();
}

/** Moves term_count by `delta` and updated_at strictly forward (the policy service reloads a library when it moves). */
async function recount(trx: Transaction<Database>, libraryId: string, delta: number): Promise<void> {
  await sql`update moderation_libraries set term_count = term_count + ${delta}, updated_at = greatest(updated_at + 1, ${Date.now()}::int8)
    where id = ${libraryId}`.execute(trx);
}

/**
 * Adds terms in ONE transaction, {@link PG_TERM_CHUNK} per statement; a term already in the library
 * (or repeated in `terms`) keeps its first risk. Resolves with how many were new.
 */
export async function pgAddTerms(
  db: Kysely<Database>,
  libraryId: string,
  terms: ReadonlyArray<{ term: string; risk: string }>,
): Promise<number> {
  const unique = firstOfEach(terms);
  return db.transaction().execute(async (trx) => {
    await lockLibrary(trx, libraryId);
    let added = 0;
    for (let from = 0; from < unique.terms.length; from += PG_TERM_CHUNK) {
      const t = unique.terms.slice(from, from + PG_TERM_CHUNK);
      const r = unique.risks.slice(from, from + PG_TERM_CHUNK);
      const res = await sql`insert into moderation_terms (library_id, term, risk)
        select ${libraryId}::text, u.term, u.risk from unnest(${t}::text[], ${r}::text[]) as u(term, risk)
        on conflict do nothing`.execute(trx);
      added += Number(res.numAffectedRows ?? 0);
    }
    await recount(trx, libraryId, added);
    return added;
  });
}

/** Deletes the given terms of a library in one transaction; resolves with how many existed. */
export async function pgDeleteTerms(db: Kysely<Database>, libraryId: string, terms: readonly string[]): Promise<number> {
  const wanted = terms.filter(storable);
  if (wanted.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    await lockLibrary(trx, libraryId);
    let deleted = 0;
    for (let from = 0; from < wanted.length; from += PG_TERM_CHUNK) {
      const res = await trx
        .deleteFrom('moderation_terms')
        .where('library_id', '=', libraryId)
        .where('term', '=', sql<string>`any(${wanted.slice(from, from + PG_TERM_CHUNK)}::text[])`)
        .executeTakeFirst();
      deleted += Number(res.numDeletedRows);
    }
    if (deleted) await recount(trx, libraryId, -deleted);
    return deleted;
  });
}

/** Deletes a library and its terms in one transaction; false when there was none. */
export async function pgDeleteLibrary(db: Kysely<Database>, libraryId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockLibrary(trx, libraryId);
    await trx.deleteFrom('moderation_terms').where('library_id', '=', libraryId).execute();
    const r = await trx.deleteFrom('moderation_libraries').where('id', '=', libraryId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

/** `q` or a cursor with NUL matches nothing stored; the cursor is cut at it (no stored term holds one). */
export function pgSearchable(q: string | undefined, after: string | undefined): { ok: boolean; after: string | undefined } {
  if (q !== undefined && !storable(q)) return { ok: false, after };
  return { ok: true, after: after === undefined || storable(after) ? after : after.slice(0, after.indexOf('\0')) };
}
