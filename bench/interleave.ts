import type { ServerProcess } from './processes.js';
import { runLoad } from './run-autocannon.js';

export interface InterleaveOptions {
  bare: ServerProcess;
  baimo: ServerProcess;
  path: string;
  body: string;
  connections: number;
  /** Cycles; each runs bare proxy, baimo, baimo with the key, then the same three in reverse order. */
  cycles: number;
  /** Seconds of each flat-out run. */
  seconds: number;
  headers: Record<string, string>;
  /** baimo's virtual-key headers; absent: no key runs. */
  keyHeaders?: Record<string, string>;
  /** Called with each cycle's ratios as they come (progress output). */
  onCycle?: (ratio: number, keyRatio: number | undefined) => void;
}

export interface InterleaveResult {
  /** Per cycle: baimo req/s over bare proxy req/s. */
  ratios: number[];
  /** The same with the virtual key (empty without `keyHeaders`). */
  keyRatios: number[];
  /** Per cycle: bare proxy req/s of the second run over the first (how far the machine moved within a cycle). */
  bareDrift: number[];
  /** 2xx answers baimo gave (the request-log check counts them). */
  answered: number;
}

/**
 * Short flat-out runs of the bare proxy and baimo, in mirrored cycles: bare, baimo, key, key, baimo,
 * bare. On a shared VM the machine's speed drifts by tens of percent within seconds; a mirrored
 * cycle gives every scenario the same mean position in time, so a drift that is linear over the
 * cycle cancels out of each ratio, and no scenario always runs after the others (running the key
 * last in every cycle measured it up to 0.1 lower than the same server with the admin token). Each
 * cycle's ratio is the sum of a scenario's two runs over the sum of the bare proxy's two; the median
 * over many short cycles is the steadiest figure the benchmark gives.
 */
export async function interleave(o: InterleaveOptions): Promise<InterleaveResult> {
  const res: InterleaveResult = { ratios: [], keyRatios: [], bareDrift: [], answered: 0 };
  const run = async (s: ServerProcess, headers: Record<string, string>): Promise<number> => {
    const r = await runLoad({ url: s.url + o.path, headers, body: o.body, connections: o.connections, seconds: o.seconds });
    if (s === o.baimo) res.answered += r.ok;
    return r.rps;
  };
  for (let i = 0; i < o.cycles; i++) {
    const b1 = await run(o.bare, o.headers);
    const m1 = await run(o.baimo, o.headers);
    const k1 = o.keyHeaders ? await run(o.baimo, o.keyHeaders) : 0;
    const k2 = o.keyHeaders ? await run(o.baimo, o.keyHeaders) : 0;
    const m2 = await run(o.baimo, o.headers);
    const b2 = await run(o.bare, o.headers);
    const bare = b1 + b2;
    res.ratios.push((m1 + m2) / bare);
    if (o.keyHeaders) res.keyRatios.push((k1 + k2) / bare);
    res.bareDrift.push(b2 / b1);
    o.onCycle?.(res.ratios[i], o.keyHeaders ? res.keyRatios[i] : undefined);
  }
  return res;
}
