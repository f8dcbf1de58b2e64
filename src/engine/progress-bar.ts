/**
 * A small download progress display on stderr: a redrawn bar (percent, MB/s, ETA) on a terminal,
 * and an occasional plain line otherwise, so logs and CI output stay readable.
 */
export interface ProgressBarOptions {
  stream?: NodeJS.WriteStream;
  /** Minimum time between redraws (TTY) — default 100 ms; plain lines are at most every 5 s. */
  intervalMs?: number;
  now?: () => number;
}

const MB = 1024 * 1024;

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export class ProgressBar {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private first?: { at: number; received: number };
  private lastDraw = -Infinity;
  private drawn: number | null = null;
  private last = { received: 0, total: undefined as number | undefined };
  private finished = false;

  constructor(
    private readonly label: string,
    opts: ProgressBarOptions = {},
  ) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean(this.stream.isTTY);
    this.now = opts.now ?? Date.now;
    this.intervalMs = opts.intervalMs ?? (this.tty ? 100 : 5000);
  }

  /** Renders one line for the given state (exported for tests and non-TTY output). */
  render(received: number, total?: number): string {
    const t = this.now();
    // Speed counts only this session's bytes, so a resumed download does not look impossibly fast.
    this.first ??= { at: t, received };
    const secs = Math.max((t - this.first.at) / 1000, 1e-3);
    const speed = (received - this.first.received) / secs;
    const mb = `${(received / MB).toFixed(1)}${total ? `/${(total / MB).toFixed(1)}` : ''} MB`;
    const rate = `${(speed / MB).toFixed(1)} MB/s`;
    if (!total) return `${this.label} ${mb} ${rate}`;
    const ratio = Math.min(1, received / total);
    const eta = speed > 0 ? formatDuration((total - received) / speed) : '--:--';
    const width = 24;
    const filled = Math.round(ratio * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    return `${this.label} ${bar} ${(ratio * 100).toFixed(1).padStart(5)}% ${mb} ${rate} ETA ${eta}`;
  }

  update(received: number, total?: number): void {
    this.last = { received, total };
    const t = this.now();
    const complete = total !== undefined && received >= total;
    if (!complete && t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    this.draw();
  }

  private draw(): void {
    this.drawn = this.last.received;
    const line = this.render(this.last.received, this.last.total);
    if (this.tty) this.stream.write(`\r${line}\x1b[K`);
    else this.stream.write(`${line}\n`);
  }

  /** Final redraw and newline; safe to call more than once. */
  done(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drawn !== null && this.drawn !== this.last.received) this.draw();
    if (this.tty && this.drawn !== null) this.stream.write('\n');
  }
}
