import type { Calendar } from '../core/calendar.js';
import type { AppRepository } from '../store/app-repository.js';

const DAY_MS = 86_400_000;
/** Page-event sessions remembered per process, so one browser session counts once. */
const SEEN_SESSIONS = 10_000;

/** Page views and sessions per day, and runs per version, for the end-user app page's analytics. */
export interface AppStats {
  days: Array<{ day: string; views: number; sessions: number }>;
  runs: Array<{ version: number | null; runs: number }>;
}

/** An app page's views and sessions, counted per day in the configured time zone. */
export class AppPageStats {
  private readonly sessions = new Set<string>();

  constructor(
    private readonly repo: AppRepository,
    private readonly calendar: Calendar,
  ) {}

  /** Counts a view or a session (once per `sessionId` in this process) of the app's page, today. */
  async event(id: string, kind: 'view' | 'session', sessionId: string): Promise<void> {
    const day = this.calendar.day(Date.now());
    if (kind === 'session') {
      const key = `${id}\u0000${day}\u0000${sessionId}`;
      if (this.sessions.has(key)) return;
      if (this.sessions.size >= SEEN_SESSIONS) this.sessions.clear();
      this.sessions.add(key);
    }
    await this.repo.countPageEvent(id, day, kind);
  }

  /** Page views and sessions per day, and logged calls per version, over the last `days` days. */
  async stats(id: string, days: number): Promise<AppStats> {
    const from = this.calendar.day(Date.now() - (days - 1) * DAY_MS);
    const [pages, runs] = await Promise.all([this.repo.pageStats(id, from), this.repo.runsByVersion(id, this.calendar.startOf(from))]);
    return { days: pages.map((p) => ({ day: p.day, views: p.views, sessions: p.sessions })), runs };
  }
}
