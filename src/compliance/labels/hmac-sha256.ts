/**
 * HMAC-SHA256 (RFC 2104, FIPS 180-4) for short messages signed on every answer, in plain JS: the
 * key's inner and outer pad blocks are compressed once, so a label of ~200 bytes costs four block
 * compressions and no native call, stream object or key setup (createHmac spent most of its time
 * on those). Verification keeps using node:crypto; the tests check both agree on random inputs.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be,
  0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa,
  0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85,
  0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
  0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK = 64;

/** Message schedule, reused by every compression (the signer is synchronous). */
const W = new Int32Array(64);

/** One SHA-256 compression of the 64-byte block at `off` into `st`. */
function compress(st: Int32Array, b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const j = off + i * 4;
    W[i] = (b[j] << 24) | (b[j + 1] << 16) | (b[j + 2] << 8) | b[j + 3];
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15];
    const y = W[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = st[0];
  let b1 = st[1];
  let c = st[2];
  let d = st[3];
  let e = st[4];
  let f = st[5];
  let g = st[6];
  let h = st[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b1) ^ (a & c) ^ (b1 & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b1;
    b1 = a;
    a = (t1 + t2) | 0;
  }
  st[0] = (st[0] + a) | 0;
  st[1] = (st[1] + b1) | 0;
  st[2] = (st[2] + c) | 0;
  st[3] = (st[3] + d) | 0;
  st[4] = (st[4] + e) | 0;
  st[5] = (st[5] + f) | 0;
  st[6] = (st[6] + g) | 0;
  st[7] = (st[7] + h) | 0;
}

/**
 * Pads `len` message bytes in `b` and compresses them into `st`; `before` bytes (a key block, or
 * none) were compressed already and count in the length.
 */
function finish(st: Int32Array, b: Uint8Array, len: number, before: number): void {
  const bits = (len + before) * 8;
  let n = len;
  b[n++] = 0x80;
  while (n % BLOCK !== 56) b[n++] = 0;
  // Messages here are far below 2^32 bits: the high word of the length is zero.
  b[n++] = 0;
  b[n++] = 0;
  b[n++] = 0;
  b[n++] = 0;
  b[n++] = bits >>> 24;
  b[n++] = bits >>> 16;
  b[n++] = bits >>> 8;
  b[n++] = bits;
  for (let off = 0; off < n; off += BLOCK) compress(st, b, off);
}

const encoder = new TextEncoder();

/** A key's HMAC-SHA256, computing the MAC of strings as base64url (43 characters). */
export class HmacSha256 {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly state = new Int32Array(8);
  private buf = new Uint8Array(1024);
  private readonly digest = new Uint8Array(BLOCK);
  private readonly out = Buffer.alloc(32);

  constructor(key: Uint8Array) {
    let k = key;
    if (k.length > BLOCK) {
      const st = Int32Array.from(IV);
      const b = new Uint8Array(Math.ceil((k.length + 9) / BLOCK) * BLOCK);
      b.set(k);
      // A key longer than a block is hashed first (RFC 2104), with no pad block before it.
      finish(st, b, k.length, 0);
      k = toBytes(st);
    }
    this.inner = padState(k, 0x36);
    this.outer = padState(k, 0x5c);
  }

  /** HMAC-SHA256 of the UTF-8 bytes of `text`, base64url without padding. */
  sign(text: string): string {
    if (text.length * 3 + 72 > this.buf.length) this.buf = new Uint8Array(text.length * 3 + 128);
    const written = utf8Into(text, this.buf);
    const st = this.state;
    st.set(this.inner);
    finish(st, this.buf, written, BLOCK);
    wordsInto(st, this.digest);
    st.set(this.outer);
    finish(st, this.digest, 32, BLOCK);
    wordsInto(st, this.out);
    return this.out.toString('base64url');
  }
}

/** The 8 state words as 32 big-endian bytes. */
function wordsInto(st: Int32Array, d: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    const w = st[i];
    d[i * 4] = w >>> 24;
    d[i * 4 + 1] = w >>> 16;
    d[i * 4 + 2] = w >>> 8;
    d[i * 4 + 3] = w;
  }
}

/** UTF-8 bytes of `text` into `b`; labels are ASCII (percent-encoded), which a plain loop writes. */
function utf8Into(text: string, b: Uint8Array): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return encoder.encodeInto(text, b).written;
    b[i] = c;
  }
  return text.length;
}

function padState(key: Uint8Array, pad: number): Int32Array {
  const block = new Uint8Array(BLOCK).fill(pad);
  for (let i = 0; i < key.length; i++) block[i] ^= key[i];
  const st = Int32Array.from(IV);
  compress(st, block, 0);
  return st;
}

function toBytes(st: Int32Array): Uint8Array {
  const out = new Uint8Array(32);
  wordsInto(st, out);
  return out;
}
