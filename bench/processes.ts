import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Server processes for the benchmark. Each server runs in its own Node process (its own event loop
 * and core), talks to the parent over the IPC channel, and exits when that channel closes, so a
 * crashed parent leaves nothing behind.
 */

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(BENCH_DIR, '..');

/** Parent → child. */
export type Command = { type: 'call'; id: number; what: 'stats' | 'shutdown' };
/** Child → parent. */
export type Message = { type: 'ready'; port: number } | { type: 'reply'; id: number; value?: unknown; error?: string };

export interface ProcessStats {
  /** `process.memoryUsage().rss`, bytes. */
  rss: number;
  heapUsed: number;
  /** VmRSS / VmHWM from /proc/self/status, bytes (0 where /proc is missing). */
  vmRss: number;
  vmHwm: number;
  /** `process.cpuUsage()` user + system since the process started, µs (all threads). */
  cpuMicros: number;
  /** The same for the main (event-loop) thread alone, from /proc (0 where /proc is missing), µs. */
  mainCpuMicros: number;
  /** Event-loop delay since the previous `stats` call, ms. */
  loopP99Ms: number;
  loopMaxMs: number;
  /** V8 heap spaces (committed bytes) and memory outside the V8 heap. */
  heapSpaces: Record<string, number>;
  external: number;
}

export interface ServerProcess {
  name: string;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  stats(): Promise<ProcessStats>;
  /** Asks the child to close cleanly (so profiles and logs get written); kills it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every child still running (SIGKILL). Safe to call from an `exit` handler. */
export function killAll(): void {
  for (const c of live) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  live.clear();
}

/** Forks a server script (a `.ts` file runs under tsx, a compiled `.js` one on plain node) and waits for its port. */
export function startProcess(name: string, file: string, env: Record<string, string>, execArgv: string[] = []): Promise<ServerProcess> {
  const child = fork(file, [], {
    cwd: REPO_ROOT,
    execArgv: [...(file.endsWith('.ts') ? ['--import', 'tsx'] : []), ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('exit', (code, signal) => {
    live.delete(child);
    for (const p of pending.values()) p.reject(new Error(`${name} exited (code ${code}, signal ${signal})`));
    pending.clear();
  });
  child.on('message', (m: Message) => {
    if (m.type !== 'reply') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.error) p.reject(new Error(`${name}: ${m.error}`));
    else p.resolve(m.value);
  });
  const call = <T>(what: Command['what']): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ type: 'call', id, what } satisfies Command, (err) => {
        if (err) {
          pending.delete(id);
          reject(err);
        }
      });
    });

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 60 s`));
    }, 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready (code ${code}, signal ${signal})`));
    });
    child.on('message', (m: Message) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve({
        name,
        pid: child.pid ?? -1,
        url: `http://127.0.0.1:${m.port}`,
        stats: () => call<ProcessStats>('stats'),
        stop: async (graceMs = 15_000) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await call('shutdown').catch(() => undefined);
          await exited;
          clearTimeout(kill);
        },
      });
    });
  });
}

// ---- child side ----

function procStatus(field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const LOOP_RESOLUTION_MS = 10;
let loop: IntervalHistogram | undefined;

/** Memory, CPU time and the event-loop delay seen since the last call (which resets it). */
export function processStats(): ProcessStats {
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  const stats: ProcessStats = {
    rss: m.rss,
    heapUsed: m.heapUsed,
    vmRss: procStatus('VmRSS'),
    vmHwm: procStatus('VmHWM'),
    cpuMicros: cpu.user + cpu.system,
    mainCpuMicros: mainThreadCpu(),
    // The histogram holds whole timer intervals; the delay is what exceeds the resolution.
    loopP99Ms: loop ? Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS) : 0,
    loopMaxMs: loop ? Math.max(0, loop.max / 1e6 - LOOP_RESOLUTION_MS) : 0,
    heapSpaces: Object.fromEntries(getHeapSpaceStatistics().map((sp) => [sp.space_name, sp.physical_space_size])),
    external: m.external,
  };
  loop?.reset();
  return stats;
}

/** utime + stime of the main thread (its task id is the pid) in µs, from /proc/self/task/<pid>/stat. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), counted from the state field (3rd): utime is the 14th, stime the 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/**
 * Called by a server script once it listens: reports the port, answers `stats`, and on `shutdown`
 * (or when the parent goes away) runs `close` and exits.
 */
export function serveParent(port: number, close: () => Promise<void>): void {
  if (!process.send) throw new Error('bench servers must be started by bench/gateway.ts (no IPC channel)');
  loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let closing = false;
  const shutdown = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    try {
      await close();
    } catch (err) {
      process.stderr.write(`close failed: ${(err as Error).message}\n`);
    }
  };
  process.on('message', (m: Command) => {
    if (m?.type !== 'call') return;
    if (m.what === 'stats') {
      process.send!({ type: 'reply', id: m.id, value: processStats() } satisfies Message);
      return;
    }
    void shutdown().then(() => {
      // Reply, then leave once the message is flushed (process.exit lets --cpu-prof write its file).
      process.send!({ type: 'reply', id: m.id } satisfies Message, () => process.exit(0));
    });
  });
  process.on('disconnect', () => void shutdown().then(() => process.exit(0)));
  process.send({ type: 'ready', port } satisfies Message);
}
