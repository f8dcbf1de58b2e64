import { parentPort, workerData } from 'node:worker_threads';
import { buildTables, type AcTables } from './aho-corasick.js';
import { runToEnd } from '../../core/time-sliced.js';

/**
 * Builds an Aho–Corasick automaton on a thread of its own (large libraries: a 150k-term build
 * allocates ~100 MB of tables, and that allocation and its garbage collections would otherwise land
 * on the request thread). The patterns arrive as one string and their lengths; the tables go back
 * as transferred buffers, so neither direction copies per pattern.
 */

export interface AcBuildData {
  joined: string;
  lengths: Int32Array;
}

const port = parentPort;
if (port) {
  const { joined, lengths } = workerData as AcBuildData;
  const patterns: string[] = new Array(lengths.length);
  for (let i = 0, at = 0; i < lengths.length; i++) {
    patterns[i] = joined.slice(at, at + lengths[i]);
    at += lengths[i];
  }
  const tables: AcTables = runToEnd(buildTables(patterns));
  const buffers = Object.values(tables)
    .filter((v): v is Int32Array => ArrayBuffer.isView(v))
    .map((v) => v.buffer as ArrayBuffer);
  port.postMessage(tables, buffers);
}
