import { spawnWorker } from '../../core/spawn-worker.js';
import type { AcBuildData } from './ac-build-worker.js';
import type { AcTables } from './aho-corasick.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Pattern code units from which an automaton is built on its own thread (~30k CJK terms). */
export const WORKER_BUILD_CHARS = 100_000;
/** Patterns joined per turn of the event loop while preparing the thread's input. */
const JOIN_STEP = 20_000;

export function totalLength(patterns: readonly string[]): number {
  let n = 0;
  for (const p of patterns) n += p.length;
  return n;
}

/**
 * Builds the automaton's tables on a worker thread (ac-build-worker.ts). The request thread only
 * joins the patterns (a slice at a time) and receives the tables' buffers without a copy.
 */
export async function buildTablesInWorker(patterns: readonly string[]): Promise<AcTables> {
  const lengths = new Int32Array(patterns.length);
  const parts: string[] = [];
  for (let from = 0; from < patterns.length; from += JOIN_STEP) {
    const to = Math.min(patterns.length, from + JOIN_STEP);
    for (let i = from; i < to; i++) lengths[i] = patterns[i].length;
    parts.push(patterns.slice(from, to).join(''));
    await nextTurn();
  }
  const worker = spawnWorker(import.meta.url, 'ac-build-worker', { joined: parts.join(''), lengths } satisfies AcBuildData);
  try {
    return await new Promise<AcTables>((resolve, reject) => {
      worker.once('message', (tables: AcTables) => resolve(tables));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the automaton build thread stopped (exit code ${code})`)));
    });
  } finally {
    void worker.terminate();
  }
}
