/** How often a run's progress is reported at most. */
export const PROGRESS_EVERY_MS = 500;
const MAX_MESSAGE_CHARS = 500;

/**
 * A run's progress: items finished per model (those finished before a resume included), reported as a
 * fraction of all and a message `model-a: 120/300, model-b: 80/300`, at most every
 * {@link PROGRESS_EVERY_MS} (a trailing report follows the last change).
 */
export class RunProgress {
  private readonly done = new Map<string, number>();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly models: readonly string[],
    private readonly perModel: number,
    private readonly report$: (fraction: number, message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    for (const m of models) this.done.set(m, 0);
  }

  /** Items of `model` finished before this job began. */
  start(model: string, finished: number): void {
    this.done.set(model, finished);
  }

  finished(model: string): void {
    this.done.set(model, (this.done.get(model) ?? 0) + 1);
    this.report(false);
  }

  /** Reports now when `force` or when the last report is old enough; else once the interval has passed. */
  report(force: boolean): void {
    const wait = this.last + PROGRESS_EVERY_MS - this.now();
    if (force || wait <= 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.emit();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.emit();
      }, wait);
      this.timer.unref();
    }
  }

  /** No more reports (a trailing one pending is dropped). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private emit(): void {
    this.last = this.now();
    let done = 0;
    for (const n of this.done.values()) done += n;
    const total = this.perModel * this.models.length;
    const message = this.models.map((m) => `${m}: ${this.done.get(m)}/${this.perModel}`).join(', ');
    this.report$(
      total > 0 ? done / total : 1,
      message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message,
    );
  }
}
