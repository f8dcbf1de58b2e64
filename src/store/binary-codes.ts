/**
 * Binary codes of vectors: one bit per dimension, set when the unit vector lies above the
 * collection's centre in that dimension. The Hamming distance between two codes approximates the
 * angle between the vectors, so a scan of codes (a few XORs and popcounts per vector) picks the
 * candidates that an exact distance then ranks. Centring first keeps the bits informative for
 * embeddings that all lean one way (most models': unrelated texts still score a cosine of 0.3–0.8).
 */

/** Vectors per block of codes: a block is one row of the codes table, its slot i the vector of rowid block·1024 + i. */
export const BLOCK_SLOTS = 1024;

/** 32-bit words of a code of `dimensions` bits. */
export const codeWords = (dimensions: number): number => Math.ceil(dimensions / 32);

/** The code of `vector` around `center` (both `dimensions` long) into `out` at word `at`. */
export function encode(vector: Float32Array, center: Float32Array, out: Int32Array, at: number): void {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const words = codeWords(vector.length);
  for (let w = 0; w < words; w++) {
    let bits = 0;
    const end = Math.min(vector.length, (w + 1) * 32);
    for (let i = w * 32; i < end; i++) if (vector[i]! * scale > center[i]!) bits |= 1 << (i & 31);
    out[at + w] = bits;
  }
}

/** The mean of the unit vectors: the centre their codes are taken around. */
export function meanDirection(vectors: Iterable<Float32Array>, dimensions: number): Float32Array {
  const sum = new Float64Array(dimensions);
  let n = 0;
  for (const v of vectors) {
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += v[i]! * v[i]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) sum[i] += v[i]! * scale;
    n++;
  }
  return Float32Array.from(sum, (s) => (n > 0 ? s / n : 0));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** One block as read from the codes table: which slots hold a vector, and the codes of all slots. */
export interface CodeBlock {
  block: number;
  /** {@link BLOCK_SLOTS} bits: slot i holds a vector when bit i is set. */
  live: Int32Array;
  codes: Int32Array;
}

/** An Int32Array over a blob's bytes (copied when the blob is not 4-byte aligned). */
export function int32View(blob: Buffer | Uint8Array): Int32Array {
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2);
  return new Int32Array(Uint8Array.from(blob).buffer);
}

/**
 * The rowids of the `n` live vectors nearest `query` by Hamming distance (ties at the cut broken by
 * rowid), optionally only among `allowed` rowids. Two passes: the distances and their histogram, then
 * every vector under the cut distance and those at it until `n`.
 */
export function hammingNearest(blocks: readonly CodeBlock[], query: Int32Array, n: number, allowed?: ReadonlySet<number>): number[] {
  const words = query.length;
  const bits = words * 32;
  const histogram = new Uint32Array(bits + 1);
  // Empty slots (and those not allowed) stay at 0xffff, past any distance and any cut.
  const distances = new Uint16Array(blocks.length * BLOCK_SLOTS).fill(0xffff);
  for (let b = 0; b < blocks.length; b++) {
    const { block, live, codes } = blocks[b]!;
    const base = b * BLOCK_SLOTS;
    for (let lw = 0; lw < live.length; lw++) {
      const mask = live[lw]!;
      if (mask === 0) continue;
      for (let bit = 0; bit < 32; bit++) {
        if ((mask & (1 << bit)) === 0) continue;
        const slot = lw * 32 + bit;
        if (allowed && !allowed.has(block * BLOCK_SLOTS + slot)) continue;
        let d = 0;
        for (let w = 0, o = slot * words; w < words; w++) d += popcount(codes[o + w]! ^ query[w]!);
        distances[base + slot] = d;
        histogram[d]++;
      }
    }
  }
  let cut = 0;
  let below = 0;
  while (cut <= bits && below + histogram[cut]! < n) below += histogram[cut++]!;
  let atCut = n - below;
  const out: number[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const base = b * BLOCK_SLOTS;
    const first = blocks[b]!.block * BLOCK_SLOTS;
    for (let slot = 0; slot < BLOCK_SLOTS; slot++) {
      const d = distances[base + slot]!;
      if (d < cut || (d === cut && atCut-- > 0)) out.push(first + slot);
    }
  }
  return out;
}
