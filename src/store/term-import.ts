import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../core/spawn-worker.js';
import type { TermImportData, TermImportReply, TermImportRequest } from './term-import-worker.js';

/** Terms sent to the import thread per message (and inserted per transaction there). */
const CHUNK = 2_000;

/**
 * Inserts `terms` into a library of the SQLite file at `path` on a thread of its own
 * (term-import-worker.ts), a chunk at a time; resolves with how many were new. The request thread
 * only copies each chunk (well under a millisecond). A term already in the library keeps its first
 * risk, as with the in-thread insert. Rejects if the thread cannot start or a chunk fails; the chunks
 * before it stay (an upload is not atomic: see docs/compliance.md).
 */
export async function importTermsInWorker(
  path: string,
  libraryId: string,
  terms: ReadonlyArray<{ term: string; risk: string }>,
): Promise<number> {
  const worker = spawnWorker(import.meta.url, 'term-import-worker', { path, libraryId } satisfies TermImportData);
  try {
    let added = 0;
    for (let from = 0, id = 1; from < terms.length; from += CHUNK, id++) {
      const t: string[] = [];
      const r: string[] = [];
      for (let i = from; i < Math.min(terms.length, from + CHUNK); i++) {
        const term = terms[i].term.trim();
        if (!term) continue;
        t.push(term);
        r.push(terms[i].risk);
      }
      added += await send(worker, { type: 'chunk', id, terms: t, risks: r });
    }
    return added;
  } finally {
    worker.postMessage({ type: 'close' } satisfies TermImportRequest);
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    worker.once('exit', () => clearTimeout(timer));
  }
}

function send(worker: Worker, msg: TermImportRequest & { type: 'chunk' }): Promise<number> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: TermImportReply): void => {
      if (reply.id !== msg.id) return;
      cleanup();
      if (reply.error !== undefined) reject(new Error(`importing terms failed: ${reply.error}`));
      else resolve(reply.added);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onExit = (code: number): void => {
      cleanup();
      reject(new Error(`the term import thread stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(msg);
  });
}
