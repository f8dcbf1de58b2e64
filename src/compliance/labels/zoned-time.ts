import { wallClock, wallClockFormat } from '../../core/wall-clock.js';

/** Offsets are cached per quarter hour (UTC): every real time-zone transition falls on one. */
const BUCKET_MS = 15 * 60_000;

/**
 * Formats instants as ISO 8601 local times with the zone's offset (`2025-09-01T20:30:00+08:00`).
 * Intl is asked for the offset once per quarter hour, and the text is reused within a second.
 */
export class ZonedTime {
  private readonly fmt: Intl.DateTimeFormat;
  private bucket = Number.NaN;
  private offsetMs = 0;
  private suffix = '';
  private lastSecond = Number.NaN;
  private lastText = '';

  /** Throws RangeError for an unknown IANA time zone. */
  constructor(readonly timeZone: string = 'Asia/Shanghai') {
    this.fmt = wallClockFormat(timeZone);
  }

  /** `YYYY-MM-DDTHH:mm:ss±hh:mm` of `ms` in the time zone (seconds precision). */
  format(ms: number): string {
    const second = Math.floor(ms / 1000);
    // Answers finishing within the same second share the text.
    if (second === this.lastSecond) return this.lastText;
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket !== this.bucket) this.refresh(ms, bucket);
    this.lastSecond = second;
    return (this.lastText = new Date(second * 1000 + this.offsetMs).toISOString().slice(0, 19) + this.suffix);
  }

  private refresh(ms: number, bucket: number): void {
    const p = wallClock(this.fmt, ms);
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    const offsetMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
    const abs = Math.abs(offsetMin);
    this.offsetMs = offsetMin * 60_000;
    this.suffix = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    this.bucket = bucket;
  }
}
