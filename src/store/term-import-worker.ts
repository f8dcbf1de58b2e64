import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { tuneConnection } from './tune-connection.js';

/**
 * The term import thread: inserts a large moderation-library upload through its own connection to
 * the SQLite file, one transaction per chunk, so the request thread never spends the inserts'
 * time (nor their commits and WAL checkpoints) while other workspaces wait for answers.
 */

export interface TermImportData {
  path: string;
  libraryId: string;
}

/** Main → worker: a chunk of terms (already trimmed) and their risks, or the end. */
export type TermImportRequest = { type: 'chunk'; id: number; terms: string[]; risks: string[] } | { type: 'close' };
/** Worker → main: how many of the chunk's terms were new. */
export type TermImportReply = { type: 'done'; id: number; added: number; error?: string };

const port = parentPort;
if (port) {
  const data = workerData as TermImportData;
  const sqlite = new SQLite(data.path, { fileMustExist: true });
  tuneConnection(sqlite);
  const insert = sqlite.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO moderation_terms (library_id, term, risk) VALUES (?, ?, ?)',
  );
  const addToCount = sqlite.prepare<[number, string]>('UPDATE moderation_libraries SET term_count = term_count + ? WHERE id = ?');
  // The library's term_count moves in the same transaction as its terms.
  const insertChunk = sqlite.transaction((terms: string[], risks: string[]) => {
    let added = 0;
    for (let i = 0; i < terms.length; i++) added += insert.run(data.libraryId, terms[i], risks[i]).changes;
    addToCount.run(added, data.libraryId);
    return added;
  });
  port.on('message', (msg: TermImportRequest) => {
    if (msg.type === 'close') {
      sqlite.close();
      port.close();
      return;
    }
    try {
      port.postMessage({ type: 'done', id: msg.id, added: insertChunk(msg.terms, msg.risks) } satisfies TermImportReply);
    } catch (err) {
      port.postMessage({ type: 'done', id: msg.id, added: 0, error: (err as Error).message } satisfies TermImportReply);
    }
  });
}
