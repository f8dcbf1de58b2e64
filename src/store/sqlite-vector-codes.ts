import type SQLite from 'better-sqlite3';
import { BLOCK_SLOTS, codeWords, encode, int32View, meanDirection, type CodeBlock } from './binary-codes.js';

/** The centre each quantized collection's codes are taken around; a row here means the collection has codes. */
const CENTERS_SQL = `create table if not exists vector_code_centers (
  name text primary key,
  center blob not null
)`;

/** A collection's blocks of codes; `:` cannot occur in a collection name, so no name makes another's table. */
export const codesTable = (name: string): string => `"vec:${name}:codes"`;

/** A float32 blob as a Float32Array (copied when the blob is not 4-byte aligned). */
export function floatView(blob: Buffer): Float32Array {
  if (blob.byteOffset % 4 === 0) return new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2);
  return new Float32Array(Uint8Array.from(blob).buffer);
}

const bytes = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

interface Block {
  live: Int32Array;
  codes: Int32Array;
}

/**
 * The binary codes of the SQLite vector store's large collections (see `binary-codes.ts`), kept in the
 * same database and written in the same transactions as the vectors: per collection a table of blocks
 * (`block`, a bitmap of the live slots, the codes of its 1,024 slots), the vector of rowid r in slot
 * r mod 1,024 of block ⌊r / 1,024⌋, and a centre in `vector_code_centers`. A scan reads every block
 * (48 KB per 1,024 vectors of 384 dimensions) in one statement.
 */
export class SqliteVectorCodes {
  constructor(private readonly db: SQLite.Database) {
    db.exec(CENTERS_SQL);
  }

  /** The collection's centre, or undefined when it has no codes. */
  center(name: string): Float32Array | undefined {
    const row = this.db.prepare<[string], { center: Buffer }>('select center from vector_code_centers where name = ?').get(name);
    return row ? floatView(row.center) : undefined;
  }

  /** Gives every vector of `vectorTable` a code, around their mean direction. Call inside a transaction. */
  build(name: string, vectorTable: string, dimensions: number): Float32Array {
    const rows = this.db.prepare<[], { rowid: number; embedding: Buffer }>(`select rowid, embedding from ${vectorTable}`);
    const center = meanDirection(
      (function* () {
        for (const r of rows.iterate()) yield floatView(r.embedding);
      })(),
      dimensions,
    );
    this.db.exec(`create table if not exists ${codesTable(name)} (block integer primary key, live blob not null, codes blob not null)`);
    this.db.prepare('insert or replace into vector_code_centers (name, center) values (?, ?)').run(name, bytes(center));
    const words = codeWords(dimensions);
    const blocks = new Map<number, Block>();
    for (const r of rows.iterate()) {
      const b = Math.floor(r.rowid / BLOCK_SLOTS);
      let block = blocks.get(b);
      if (!block) blocks.set(b, (block = emptyBlock(words)));
      place(block, r.rowid % BLOCK_SLOTS, floatView(r.embedding), center, words);
    }
    const put = this.db.prepare(`insert or replace into ${codesTable(name)} (block, live, codes) values (?, ?, ?)`);
    for (const [b, block] of blocks) put.run(b, bytes(block.live), bytes(block.codes));
    return center;
  }

  /** Writes the codes of these vectors, by rowid. Call inside the transaction that wrote them. */
  write(name: string, center: Float32Array, entries: readonly { rowid: number; vector: Float32Array }[]): void {
    const words = codeWords(center.length);
    const get = this.db.prepare<[number], { live: Buffer; codes: Buffer }>(`select live, codes from ${codesTable(name)} where block = ?`);
    const put = this.db.prepare(`insert or replace into ${codesTable(name)} (block, live, codes) values (?, ?, ?)`);
    for (const [b, group] of byBlock(entries, (e) => e.rowid)) {
      const row = get.get(b);
      const block = row ? { live: copy(row.live), codes: copy(row.codes) } : emptyBlock(words);
      for (const e of group) place(block, e.rowid % BLOCK_SLOTS, e.vector, center, words);
      put.run(b, bytes(block.live), bytes(block.codes));
    }
  }

  /** Marks these rowids empty (their vectors deleted); a block left empty is deleted. Call inside the deleting transaction. */
  clear(name: string, rowids: readonly number[]): void {
    const get = this.db.prepare<[number], { live: Buffer }>(`select live from ${codesTable(name)} where block = ?`);
    const set = this.db.prepare(`update ${codesTable(name)} set live = ? where block = ?`);
    const remove = this.db.prepare(`delete from ${codesTable(name)} where block = ?`);
    for (const [b, group] of byBlock(rowids, (r) => r)) {
      const row = get.get(b);
      if (!row) continue;
      const live = copy(row.live);
      for (const r of group) {
        const slot = r % BLOCK_SLOTS;
        live[slot >> 5] &= ~(1 << (slot & 31));
      }
      if (live.every((w) => w === 0)) remove.run(b);
      else set.run(bytes(live), b);
    }
  }

  /** Every block of the collection's codes. */
  blocks(name: string): CodeBlock[] {
    const rows = this.db
      .prepare<[], [number, Buffer, Buffer]>(`select block, live, codes from ${codesTable(name)} order by block`)
      .raw()
      .all();
    return rows.map(([block, live, codes]) => ({ block, live: int32View(live), codes: int32View(codes) }));
  }

  /** Forgets the collection's codes. Call inside the dropping transaction. */
  drop(name: string): void {
    this.db.exec(`drop table if exists ${codesTable(name)}`);
    this.db.prepare('delete from vector_code_centers where name = ?').run(name);
  }
}

function emptyBlock(words: number): Block {
  return { live: new Int32Array(BLOCK_SLOTS / 32), codes: new Int32Array(BLOCK_SLOTS * words) };
}

function place(block: Block, slot: number, vector: Float32Array, center: Float32Array, words: number): void {
  encode(vector, center, block.codes, slot * words);
  block.live[slot >> 5] |= 1 << (slot & 31);
}

/** A blob's bytes as a fresh, writable Int32Array. */
function copy(blob: Buffer): Int32Array {
  return new Int32Array(Uint8Array.from(blob).buffer);
}

function byBlock<T>(items: readonly T[], rowid: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const b = Math.floor(rowid(item) / BLOCK_SLOTS);
    const group = groups.get(b);
    if (group) group.push(item);
    else groups.set(b, [item]);
  }
  return groups;
}
