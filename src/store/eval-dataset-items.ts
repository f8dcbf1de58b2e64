import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { canonicalJson } from '../core/canonical-json.js';
import type { Database, EvalDatasetItemTable } from './schema.js';

/** One item of a version to add: `data` is stored as canonical JSON. */
export interface NewEvalDatasetItem {
  item_id: string;
  subject: string | null;
  split: string | null;
  data: object;
}

/** Rows per multi-row INSERT of items on SQLite (7 parameters each, far below its 32,766) and per `unnest` on PostgreSQL. */
const ITEM_BATCH = { sqlite: 500, postgres: 1000 } as const;

/**
 * The content hash of a version's items and each item's `data` as stored: SHA-256 (hex) over the
 * items' canonical JSON (`{data, item_id, split, subject}`, keys sorted at every level), one per line,
 * in order; `texts[k]` is item k's `data` as canonical JSON.
 */
export function hashItems(items: readonly NewEvalDatasetItem[]): { contentHash: string; texts: string[] } {
  const hash = createHash('sha256');
  const texts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const data = canonicalJson(it.data);
    texts[i] = data;
    hash.update(
      `{"data":${data},"item_id":${JSON.stringify(it.item_id)},"split":${JSON.stringify(it.split)},"subject":${JSON.stringify(it.subject)}}\n`,
    );
  }
  return { contentHash: hash.digest('hex'), texts };
}

/**
 * Inserts a version's items (`seq` = position) inside the caller's transaction: multi-row INSERTs of
 * {@link ITEM_BATCH}.sqlite rows on SQLite, one `unnest` INSERT of five array parameters per
 * {@link ITEM_BATCH}.postgres rows on PostgreSQL.
 */
export async function insertDatasetItems(
  trx: Kysely<Database>,
  pg: boolean,
  datasetId: string,
  version: number,
  items: readonly NewEvalDatasetItem[],
  texts: readonly string[],
): Promise<void> {
  const batch = pg ? ITEM_BATCH.postgres : ITEM_BATCH.sqlite;
  for (let i = 0; i < items.length; i += batch) {
    const end = Math.min(items.length, i + batch);
    if (!pg) {
      const rows: EvalDatasetItemTable[] = [];
      for (let k = i; k < end; k++) {
        const it = items[k];
        rows.push({ dataset_id: datasetId, version, seq: k, item_id: it.item_id, subject: it.subject, split: it.split, data: texts[k] });
      }
      await trx.insertInto('eval_dataset_items').values(rows).execute();
      continue;
    }
    const part = items.slice(i, end);
    await sql`insert into eval_dataset_items (dataset_id, version, seq, item_id, subject, split, data)
      select ${datasetId}, ${version}, u.seq, u.item_id, u.subject, u.split, u.data
      from unnest(${part.map((_, k) => i + k)}::int[], ${part.map((p) => p.item_id)}::text[], ${part.map((p) => p.subject)}::text[],
        ${part.map((p) => p.split)}::text[], ${texts.slice(i, end)}::text[]) as u(seq, item_id, subject, split, data)`.execute(trx);
  }
}
