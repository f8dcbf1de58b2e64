import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';

export interface Sample {
  /** performance.now() when the request was handed to the client. */
  start: number;
  end: number;
  status: number;
  error?: string;
}

/**
 * A steady open-loop load of chat completions from one virtual key: a request every `1000 / rps` ms
 * whether or not earlier ones were answered (so a stalled server shows as latency, not as fewer
 * requests). Latency is measured from the moment each request is handed to the client.
 */
export class BackgroundLoad {
  readonly samples: Sample[] = [];
  private readonly pool: Pool;
  /** Requests not answered yet, with the time each was sent. */
  private readonly inFlight = new Map<Promise<void>, number>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly body: string;

  constructor(
    url: string,
    private readonly key: string,
    private readonly rps = 100,
    model = 'chat',
  ) {
    this.pool = new Pool(url, { connections: 64, headersTimeout: 15_000, bodyTimeout: 15_000 });
    this.body = JSON.stringify({ model, messages: [{ role: 'user', content: 'What is the capital of France?' }] });
  }

  start(): void {
    this.running = true;
    const interval = 1000 / this.rps;
    const t0 = performance.now();
    let n = 0;
    const tick = () => {
      if (!this.running) return;
      // Catch up if the timer fired late, then schedule the next one on the fixed grid.
      while (t0 + n * interval <= performance.now()) {
        n++;
        this.fire();
      }
      this.timer = setTimeout(tick, Math.max(0, t0 + n * interval - performance.now()));
    };
    tick();
  }

  private fire(): void {
    const sample: Sample = { start: performance.now(), end: 0, status: 0 };
    const p = this.pool
      .request({
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
        body: this.body,
        // A request still unanswered (or still queued for a connection) after 10 s counts as failed.
        signal: AbortSignal.timeout(10_000),
      })
      .then(async (res) => {
        await res.body.text();
        sample.status = res.statusCode;
      })
      .catch((err: Error) => {
        sample.error = err.message;
      })
      .finally(() => {
        sample.end = performance.now();
        this.samples.push(sample);
        this.inFlight.delete(p);
      });
    this.inFlight.set(p, sample.start);
  }

  /** Waits until every request sent before `before` is answered (or has failed; each gives up after 10 s). */
  async settle(before = Infinity): Promise<void> {
    for (;;) {
      const pending = [...this.inFlight].filter(([, start]) => start < before).map(([p]) => p);
      if (!pending.length) return;
      await Promise.race(pending);
    }
  }

  /** Samples of requests sent between `from` and `to` (performance.now() times). */
  between(from: number, to: number): Sample[] {
    return this.samples.filter((s) => s.start >= from && s.start < to);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pool.destroy();
  }
}

/** The p-th percentile (0–100) of the samples' latencies, in ms; failed requests count as infinitely slow. */
export function percentile(samples: Sample[], p: number): number {
  if (!samples.length) return NaN;
  const ms = samples.map((s) => (s.status >= 200 && s.status < 300 ? s.end - s.start : Infinity)).sort((a, b) => a - b);
  return ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)];
}

/** Drives a `BackgroundLoad` running in a child process (see load-process.ts). */
export class LoadProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, (reply: any) => void>();
  private next = 0;

  constructor() {
    this.child = fork(fileURLToPath(new URL('./load-process.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Never outlive the test process, whatever happens to it.
    const kill = () => this.child.kill('SIGKILL');
    process.once('exit', kill);
    this.child.once('exit', () => process.removeListener('exit', kill));
    this.child.on('message', (reply: { id: number }) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  private ask<T>(command: Record<string, unknown>): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...command, id }, (err) => err && reject(err));
    });
  }

  start(url: string, key: string, rps: number): Promise<void> {
    return this.ask({ cmd: 'start', url, key, rps });
  }

  /** The load process's clock, to delimit a window. */
  async mark(): Promise<number> {
    return (await this.ask<{ t: number }>({ cmd: 'mark' })).t;
  }

  /** Samples sent between two marks, once all of them are answered. */
  async window(from: number, to: number): Promise<Sample[]> {
    return (await this.ask<{ samples: Sample[] }>({ cmd: 'window', from, to })).samples;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGKILL');
    await exited;
  }
}
