/**
 * Group commit of a run's finished items: each `add` resolves once its row is stored; rows that
 * arrive in the same turn of the event loop, or while a write is under way, go together in the next
 * one (at most `max` a write). At a trickle every row is written at once; under load one transaction
 * carries many (one counter update
 * on the run's row instead of one per item, which on PostgreSQL every writer would queue for).
 */
export class ItemWriter<Row> {
  private pending: Array<{ row: Row; resolve: () => void; reject: (err: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (rows: Row[]) => Promise<unknown>,
    private readonly max = 500,
  ) {}

  add(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      // Rows finished in this turn of the event loop (other answers read in the same poll) go together.
      await new Promise<void>((r) => setImmediate(r));
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.max);
        try {
          await this.write(batch.map((b) => b.row));
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
