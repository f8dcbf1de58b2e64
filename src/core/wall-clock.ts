/** The local wall-clock reading of an instant in a time zone, each field zero-padded (`hour` 00–23). */
export interface WallClock {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** Whether `timeZone` is an IANA zone this runtime knows (`Asia/Shanghai`, `UTC`, …). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The formatter {@link wallClock} reads: every field as two digits (the year four), 24-hour clock.
 * Make one per zone and keep it (creating one is the expensive part). Throws RangeError for an unknown zone.
 */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** What the wall clock of `fmt`'s zone (a {@link wallClockFormat}) reads at `at`. */
export function wallClock(fmt: Intl.DateTimeFormat, at: number | Date): WallClock {
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(at)) p[part.type] = part.value;
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}
