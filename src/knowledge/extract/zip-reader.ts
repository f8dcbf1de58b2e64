import { inflateRawSync } from 'node:zlib';
import { ExtractError } from './extract-error.js';

/** One file in a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** More entries than any real .docx has: bounds the directory walk. */
const MAX_ENTRIES = 20_000;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as zip computes it (node:zlib's crc32 only exists from Node 20.15). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const broken = (detail: string) => new ExtractError('broken-zip', `The DOCX file is damaged (${detail}).`);

/**
 * A minimal zip reader (no zip64, no encryption): the central directory, and stored or deflated entries
 * inflated with a bound on their size, so a zip bomb is refused instead of filling memory.
 */
export class ZipReader {
  private readonly view: DataView;
  readonly entries: ReadonlyMap<string, ZipEntry>;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readDirectory();
  }

  private u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  private u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  private findEnd(): number {
    const last = this.bytes.length - 22;
    const first = Math.max(0, last - 0xffff);
    for (let at = last; at >= first; at--) if (this.u32(at) === EOCD) return at;
    throw broken('no end of central directory record');
  }

  private readDirectory(): Map<string, ZipEntry> {
    if (this.bytes.length < 22) throw broken('too short to be a zip');
    const end = this.findEnd();
    const count = this.u16(end + 10);
    const size = this.u32(end + 12);
    const offset = this.u32(end + 16);
    if (count === 0xffff || offset === 0xffffffff) throw broken('zip64 archives are not supported');
    if (count > MAX_ENTRIES) throw broken(`more than ${MAX_ENTRIES} entries`);
    if (offset + size > end) throw broken('central directory out of range');
    const entries = new Map<string, ZipEntry>();
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || this.u32(at) !== CENTRAL) throw broken('bad central directory entry');
      const nameLength = this.u16(at + 28);
      const extraLength = this.u16(at + 30);
      const commentLength = this.u16(at + 32);
      if (at + 46 + nameLength > end) throw broken('entry name out of range');
      const name = new TextDecoder('utf-8').decode(this.bytes.subarray(at + 46, at + 46 + nameLength));
      const entry: ZipEntry = {
        name,
        flags: this.u16(at + 8),
        method: this.u16(at + 10),
        crc: this.u32(at + 16),
        compressedSize: this.u32(at + 20),
        uncompressedSize: this.u32(at + 24),
        localOffset: this.u32(at + 42),
      };
      if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
        throw broken('zip64 entries are not supported');
      if (!entries.has(name)) entries.set(name, entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's bytes, refused when it would expand beyond `maxBytes` or beyond its declared size. */
  read(name: string, maxBytes: number): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw broken(`no entry ${name}`);
    if (entry.flags & 1)
      throw new ExtractError('encrypted-zip', 'The DOCX file is password-protected. Remove the password and upload it again.');
    if (entry.uncompressedSize > maxBytes) throw bomb(name, maxBytes);
    const at = entry.localOffset;
    if (at + 30 > this.bytes.length || this.u32(at) !== LOCAL) throw broken(`bad local header for ${name}`);
    const start = at + 30 + this.u16(at + 26) + this.u16(at + 28);
    if (start + entry.compressedSize > this.bytes.length) throw broken(`${name} is truncated`);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw broken(`stored entry ${name} has mismatched sizes`);
      out = data;
    } else if (entry.method === 8) {
      try {
        // One byte past the declared size is enough to catch an entry that lies about its size.
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(maxBytes, entry.uncompressedSize + 1)) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw bomb(name, maxBytes);
        throw broken(`${name} does not inflate`);
      }
    } else {
      throw broken(`${name} uses unsupported compression method ${entry.method}`);
    }
    if (out.length > entry.uncompressedSize) throw bomb(name, maxBytes);
    if (out.length < entry.uncompressedSize) throw broken(`${name} is shorter than its declared size`);
    if (crc32(out) !== entry.crc) throw broken(`${name} fails its checksum`);
    return out;
  }
}

function bomb(name: string, maxBytes: number): ExtractError {
  return new ExtractError(
    'zip-bomb',
    `The DOCX entry ${name} expands beyond its declared size or the limit of ${maxBytes} bytes; it is refused as a possible zip bomb.`,
  );
}
