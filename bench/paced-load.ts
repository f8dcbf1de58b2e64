import { Pool } from 'undici';
import type { LoadOptions, LoadResult } from './run-autocannon.js';

/**
 * An open-loop load at a steady rate, for latency at equal load. autocannon's own `overallRate`
 * sends each second's quota in a burst at the start of the second, which measures saturation
 * again; here requests leave on a fixed schedule (catching up in small steps if the timer is late)
 * and each latency runs from the scheduled send time to the last byte of the answer, so queueing
 * anywhere counts. Microsecond resolution.
 */
export async function runPaced(o: LoadOptions & { rate: number }): Promise<LoadResult> {
  const url = new URL(o.url);
  const pool = new Pool(url.origin, { connections: o.connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const total = Math.round(o.rate * o.seconds);
  const latencies = new Float64Array(total);
  const statuses: Record<string, number> = {};
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let done = 0;
  let sent = 0;
  const interval = 1000 / o.rate;
  const t0 = performance.now() + 5;

  const fire = (i: number, scheduled: number): void => {
    pool
      .request({ path: url.pathname, method: 'POST', headers: o.headers, body: o.body })
      .then(async (res) => {
        await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        latencies[i] = performance.now() - scheduled;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode >= 200 && res.statusCode < 300) ok++;
        else non2xx++;
      })
      .catch(() => {
        latencies[i] = performance.now() - scheduled;
        errors++;
      })
      .finally(() => {
        done++;
      });
  };

  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && t0 + sent * interval <= now) {
        fire(sent, t0 + sent * interval);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, t0 + sent * interval - performance.now()));
      else resolve();
    };
    setTimeout(tick, 5);
  });
  const deadline = performance.now() + 15_000;
  while (done < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await pool.destroy();

  const sorted = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
  const pct = (p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
  const seconds = o.seconds;
  return {
    rps: done / seconds,
    p50: round(pct(50)),
    p99: round(pct(99)),
    avg: round(sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length)),
    max: round(sorted[sorted.length - 1] ?? 0),
    ok,
    non2xx,
    errors: errors + (total - done),
    timeouts: 0,
    statuses,
    seconds,
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
