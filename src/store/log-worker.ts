import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Calendar } from '../core/calendar.js';
import { LOG_COLUMNS, prepareInsert, rowFromValues } from './log-insert.js';
import type { RequestLogRow } from './schema.js';
import { tuneConnection } from './tune-connection.js';

/**
 * The log writer thread: inserts batches of request-log rows (and their rollups) through its own
 * connection to the SQLite file, so the request thread never waits on SQLite. Rows arrive as one
 * flat array of values in `LOG_COLUMNS` order (cheaper to copy between threads than objects).
 */

export interface LogWorkerData {
  path: string;
  timezone: string;
  usdToCny: number;
}

/** Main → worker. */
export type LogWorkerRequest = { type: 'insert'; id: number; values: unknown[] } | { type: 'close' };
/** Worker → main. */
export type LogWorkerReply = { type: 'done'; id: number; error?: string };

const port = parentPort;
if (port) {
  const data = workerData as LogWorkerData;
  const sqlite = new SQLite(data.path, { fileMustExist: true });
  tuneConnection(sqlite);
  const insert = prepareInsert(sqlite, { calendar: new Calendar(data.timezone), usdToCny: data.usdToCny });
  const width = LOG_COLUMNS.length;

  port.on('message', (msg: LogWorkerRequest) => {
    if (msg.type === 'close') {
      sqlite.close();
      port.close(); // nothing else keeps the thread alive: it exits
      return;
    }
    const { id, values } = msg;
    try {
      const rows: RequestLogRow[] = new Array(values.length / width);
      for (let r = 0; r < rows.length; r++) rows[r] = rowFromValues(values, r * width);
      insert(rows);
      port.postMessage({ type: 'done', id } satisfies LogWorkerReply);
    } catch (err) {
      port.postMessage({ type: 'done', id, error: (err as Error).message || String(err) } satisfies LogWorkerReply);
    }
  });
}
