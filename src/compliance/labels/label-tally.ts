import type { AuditLog } from '../audit/audit-log.js';

interface Tally {
  count: number;
  first: string;
  last: string;
  from: number;
  to: number;
}

/**
 * Labelled answers, summarised in the audit chain once a minute per workspace (`label.applied` with
 * the count and the first and last content ids): every answer's own signed label is in the request
 * log, and one audit entry per answer would grow the chain by the request rate.
 */
export class LabelTally {
  private readonly open = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditLog,
    intervalMs = 60_000,
  ) {
    this.timer = setInterval(() => this.flush(), intervalMs);
    this.timer.unref();
  }

  add(workspaceId: string | null, contentId: string): void {
    const k = workspaceId ?? '';
    const now = Date.now();
    const t = this.open.get(k);
    if (t) {
      t.count++;
      t.last = contentId;
      t.to = now;
    } else this.open.set(k, { count: 1, first: contentId, last: contentId, from: now, to: now });
  }

  flush(): void {
    for (const [k, t] of this.open) {
      this.audit.record({
        actorType: 'system',
        workspaceId: k || undefined,
        action: 'label.applied',
        detail: { count: t.count, first_content_id: t.first, last_content_id: t.last, from: t.from, to: t.to },
      });
    }
    this.open.clear();
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
