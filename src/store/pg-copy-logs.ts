import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LOG_COLUMNS } from './log-insert.js';
import type { RequestLogRow } from './schema.js';

/**
 * The request-log rows of a batch into PostgreSQL with `COPY … FROM STDIN` (text format): the server
 * parses one tab-separated line per row, with no statement to plan and no arrays to build and take apart,
 * the cheapest way in. Runs on the caller's client, inside its transaction.
 */

const COPY_LOGS = `copy request_logs (${LOG_COLUMNS.map((c) => `"${c}"`).join(', ')}) from stdin`;
/** Rows per chunk handed to the socket: bounded memory for batches with bodies. */
const CHUNK_ROWS = 2_000;
const SPECIAL = /[\\\t\n\r]/;

/** A value as a COPY text field: `\N` for null, backslash escapes, NUL (which text cannot hold) as U+FFFD. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  let t = String(v);
  if (t.includes('\u0000')) t = t.replaceAll('\u0000', '\uFFFD');
  if (!SPECIAL.test(t)) return t;
  return t.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function* lines(rows: RequestLogRow[]): Generator<string> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    let out = '';
    const end = Math.min(rows.length, start + CHUNK_ROWS);
    for (let r = start; r < end; r++) {
      const row = rows[r] as unknown as Record<string, unknown>;
      for (let c = 0; c < LOG_COLUMNS.length; c++) {
        if (c > 0) out += '\t';
        out += copyField(row[LOG_COLUMNS[c]]);
      }
      out += '\n';
    }
    yield out;
  }
}

/** COPYs `rows` into request_logs on `client`. */
export async function copyLogs(client: pg.PoolClient, rows: RequestLogRow[]): Promise<void> {
  await pipeline(Readable.from(lines(rows)), client.query(copyFrom(COPY_LOGS)));
}
