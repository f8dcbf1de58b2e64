/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type Rng = () => number;

/**
 * A small, fast, seeded generator (mulberry32: 32 bits of state, period 2^32) so bootstrap intervals
 * are the same on every run with the same seed. Not for anything secret.
 */
export function seededRng(seed: number): Rng {
  let s = Math.trunc(seed) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
