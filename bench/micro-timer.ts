import { performance } from 'node:perf_hooks';

/** Percentiles of one synchronous call, in milliseconds. */
export interface CallTimes {
  p50: number;
  p95: number;
  p99: number;
}

/** Times `fn` `iterations` times after `warmup` unmeasured calls (for in-process micro-benchmarks). */
export function timeCalls(fn: () => unknown, iterations: number, warmup = 500): CallTimes {
  for (let i = 0; i < warmup; i++) fn();
  const s: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    s.push(performance.now() - t0);
  }
  s.sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}
