import { wallClock, wallClockFormat } from './wall-clock.js';

/**
 * Calendar days and months in a fixed IANA time zone (Asia/Shanghai by default): quotas reset and
 * reports roll up at local midnight, not UTC midnight. The range of the last day seen is cached, so
 * the common case (many timestamps on the same day) costs two comparisons.
 */
export class Calendar {
  private readonly fmt: Intl.DateTimeFormat;
  private cached = { start: 0, end: -1, day: '' };

  constructor(readonly timeZone: string) {
    this.fmt = wallClockFormat(timeZone);
  }

  /** `YYYY-MM-DD` of the local day holding `ts`. */
  day(ts: number): string {
    const c = this.cached;
    if (ts >= c.start && ts < c.end) return c.day;
    const { day, start } = this.local(ts);
    const end = this.nextMidnight(start);
    this.cached = { start, end, day };
    return day;
  }

  /** `YYYY-MM` of the local month holding `ts`. */
  month(ts: number): string {
    return this.day(ts).slice(0, 7);
  }

  /** Epoch ms of the local midnight that ends the day holding `ts`. */
  dayEnd(ts: number): number {
    this.day(ts);
    return this.cached.end;
  }

  /** Epoch ms of the local midnight that ends the month holding `ts`. */
  monthEnd(ts: number): number {
    const [y, m] = this.month(ts).split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return this.startOf(next);
  }

  /** Epoch ms of the local midnight that starts `day` (`YYYY-MM-DD`). */
  startOf(day: string): number {
    const guess = Date.parse(`${day}T12:00:00Z`);
    // The zone's offset is within ±14 h, so local noon of `day` is within 14 h of UTC noon.
    for (let h = 0; h <= 14; h += 2) {
      for (const probe of [guess - h * 3_600_000, guess + h * 3_600_000]) {
        const l = this.local(probe);
        if (l.day === day) return l.start;
      }
    }
    throw new Error(`not a day: ${day}`);
  }

  /**
   * The zone's offset from UTC at `ts` in ms: the local wall clock reads `ts + offset(ts)` as if it
   * were UTC (+8 h = 28,800,000 for Asia/Shanghai, +5:45 for Asia/Kathmandu, −4 h or −5 h for
   * America/New_York depending on DST).
   */
  offset(ts: number): number {
    const p = wallClock(this.fmt, ts);
    const ms = ((ts % 1000) + 1000) % 1000;
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second), ms);
    return wall - ts;
  }

  private local(ts: number): { day: string; start: number } {
    const { day, since } = this.wall(ts);
    let start = ts - since;
    // Across a DST change the wall-clock distance is off by the shift: correct it once.
    const d = this.wall(start).since;
    if (d !== 0) start += d > 12 * 3_600_000 ? 24 * 3_600_000 - d : -d;
    return { day, start };
  }

  private wall(ts: number): { day: string; since: number } {
    const p = wallClock(this.fmt, ts);
    const since = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (((ts % 1000) + 1000) % 1000);
    return { day: `${p.year}-${p.month}-${p.day}`, since };
  }

  private nextMidnight(start: number): number {
    // Days are 23–25 h long around DST changes: probe 25 h ahead and walk back to that day's midnight.
    return this.local(start + 25 * 3_600_000).start;
  }
}
