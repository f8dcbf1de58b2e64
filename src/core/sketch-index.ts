/**
 * The bucket mapping of src/core/latency-sketch.ts on its own (no dependencies): what the request-log
 * writer thread needs to count latencies into stored sketch buckets. See latency-sketch.ts for the
 * precision these buckets give.
 */
export const SKETCH_ALPHA = 0.01;
/** Smallest value with the stated relative precision (ms); smaller values count in the zero bucket. */
export const SKETCH_MIN_MS = 0.1;
/** Largest value with the stated relative precision (ms): one hour; larger values count in the top bucket. */
export const SKETCH_MAX_MS = 3_600_000;

export const GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const LN_GAMMA = Math.log(GAMMA);
export const indexOf = (v: number): number => Math.ceil(Math.log(v) / LN_GAMMA);
/** Bucket index of the smallest and of the largest value with the stated precision. */
export const SKETCH_MIN_INDEX = indexOf(SKETCH_MIN_MS);
export const SKETCH_MAX_INDEX = indexOf(SKETCH_MAX_MS);
/** Number of non-zero buckets plus the zero bucket. */
export const SKETCH_MAX_BUCKETS = SKETCH_MAX_INDEX - SKETCH_MIN_INDEX + 2;
/** The index {@link sketchIndexOf} gives values below {@link SKETCH_MIN_MS} (the zero bucket). */
export const SKETCH_ZERO_INDEX = SKETCH_MIN_INDEX - 1;

/**
 * The bucket a value (ms) counts in, as stored rollups keep it: {@link SKETCH_ZERO_INDEX} for values
 * below 0.1 ms, else the logarithmic bucket (capped at the top one); null for non-finite or negative
 * values (not a sample). Rows of `(index, count)` added up and read back with
 * `LatencySketch.fromBuckets` (latency-sketch.ts) give the sketch of every value they counted.
 */
export function sketchIndexOf(valueMs: number): number | null {
  if (!Number.isFinite(valueMs) || valueMs < 0) return null;
  return valueMs < SKETCH_MIN_MS ? SKETCH_ZERO_INDEX : Math.min(indexOf(valueMs), SKETCH_MAX_INDEX);
}
