/**
 * A progress display for work counted in items (documents ingested, searches run) on stderr: a
 * redrawn bar on a terminal, and plain lines otherwise (when a milestone is reached, else at most
 * every few seconds), so logs and CI output stay readable. The byte-download bar of `baimo models
 * pull` is src/engine/progress-bar.ts.
 */
export interface TaskProgressOptions {
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Minimum time between redraws: 100 ms on a terminal, 5 s for plain lines (milestones are always shown). */
  intervalMs?: number;
  now?: () => number;
}

const BAR_WIDTH = 24;

function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export class TaskProgress {
  private readonly stream: NodeJS.WritableStream;
  private readonly tty: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastDraw = -Infinity;
  private lastLine = '';
  private pending: { fraction: number; detail: string } | null = null;
  private drawnOnTty = false;
  private finished = false;

  constructor(
    private readonly label: string,
    opts: TaskProgressOptions = {},
  ) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = Boolean((opts.stream ?? process.stderr).isTTY);
    this.now = opts.now ?? Date.now;
    this.intervalMs = opts.intervalMs ?? (this.tty ? 100 : 5000);
    this.startedAt = this.now();
  }

  /** One line for a state: label, bar, percent, the caller's detail and the time spent. */
  render(fraction: number, detail: string): string {
    const ratio = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    return `${this.label} ${bar} ${(ratio * 100).toFixed(1).padStart(5)}% ${detail} ${elapsed(this.now() - this.startedAt)}`;
  }

  /**
   * Shows the state, throttled. `milestone` (an item finished, say) draws at once, so a plain log
   * gets a line per finished item without a line per poll.
   */
  update(fraction: number, detail: string, milestone = false): void {
    if (this.finished) return;
    this.pending = { fraction, detail };
    const t = this.now();
    if (!milestone && t - this.lastDraw < this.intervalMs) return;
    this.draw(t);
  }

  private draw(t: number): void {
    if (!this.pending) return;
    const { fraction, detail } = this.pending;
    this.pending = null;
    this.lastDraw = t;
    const line = this.render(fraction, detail);
    if (this.tty) {
      this.stream.write(`\r${line}\x1b[K`);
      this.drawnOnTty = true;
    } else if (this.stripTime(line) !== this.stripTime(this.lastLine)) {
      // Plain output: the same state again (only the clock moved) is not worth another line.
      this.stream.write(`${line}\n`);
    }
    this.lastLine = line;
  }

  private stripTime(line: string): string {
    return line.replace(/ [\d:]+$/, '');
  }

  /** Draws the last state and ends the line; safe to call more than once. */
  done(): void {
    if (this.finished) return;
    this.draw(this.now());
    this.finished = true;
    if (this.tty && this.drawnOnTty) this.stream.write('\n');
  }
}
