import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Calendar } from '../core/calendar.js';
import { isPostgresUrl } from './dialect.js';
import { LOG_COLUMNS, prepareInsert, rowFromValues, type RollupSettings } from './log-insert.js';
import { createPool, parsePostgresUrl } from './open-postgres.js';
import { preparePgInsert } from './pg-log-insert.js';
import type { RequestLogRow } from './schema.js';
import { tuneWriterConnection } from './tune-connection.js';

/**
 * The log writer thread: inserts batches of request-log rows (and their rollups) through its own
 * connection to the SQLite file, or its own small pool to PostgreSQL, so the request thread never waits
 * on the database nor spends time building statements. Rows arrive as one flat array of values in
 * `LOG_COLUMNS` order (cheaper to copy between threads than objects). Batches are written one after
 * another, in the order they were sent.
 */

export interface LogWorkerData {
  /** The SQLite file, or the `postgres://` URL. */
  path: string;
  timezone: string;
  usdToCny: number;
  /** The usage-analytics session gap (default 30 minutes). */
  sessionGapMs?: number;
  /** False: no usage analytics (RollupSettings.analytics; benchmarks). Default true. */
  analytics?: boolean;
}

/** Main → worker. */
export type LogWorkerRequest = { type: 'insert'; id: number; values: unknown[] } | { type: 'close' };
/** Worker → main. */
export type LogWorkerReply = { type: 'done'; id: number; error?: string };

const port = parentPort;
if (port) {
  const data = workerData as LogWorkerData;
  const rollup: RollupSettings = {
    calendar: new Calendar(data.timezone),
    usdToCny: data.usdToCny,
    sessionGapMs: data.sessionGapMs,
    analytics: data.analytics,
  };
  const target = isPostgresUrl(data.path) ? parsePostgresUrl(data.path) : undefined;
  const pool = target ? createPool(target, 2) : undefined;
  const sqlite = target ? undefined : new SQLite(data.path, { fileMustExist: true });
  if (sqlite) tuneWriterConnection(sqlite);
  const insert = pool ? preparePgInsert(pool, rollup) : prepareInsert(sqlite!, rollup);
  const width = LOG_COLUMNS.length;
  let queue: Promise<void> = Promise.resolve();

  const write = async (id: number, values: unknown[]): Promise<void> => {
    try {
      const rows: RequestLogRow[] = new Array(values.length / width);
      for (let r = 0; r < rows.length; r++) rows[r] = rowFromValues(values, r * width);
      await insert(rows);
      port.postMessage({ type: 'done', id } satisfies LogWorkerReply);
    } catch (err) {
      port.postMessage({ type: 'done', id, error: (err as Error).message || String(err) } satisfies LogWorkerReply);
    }
  };

  port.on('message', (msg: LogWorkerRequest) => {
    if (msg.type === 'close') {
      void queue.then(async () => {
        sqlite?.close();
        await pool?.end().catch(() => undefined);
        port.close(); // nothing else keeps the thread alive: it exits
      });
      return;
    }
    queue = queue.then(() => write(msg.id, msg.values));
  });
}
