import { describe, expect, it } from 'vitest';
import { isValidTimeZone, wallClock, wallClockFormat } from '../../src/core/wall-clock.js';

describe('wall clock in a time zone (calendar days, AIGC label times, report dates)', () => {
  it('reads zero-padded fields on a 24-hour clock, midnight as 00', () => {
    const t = Date.parse('2026-11-28T16:04:05Z');
    expect(wallClock(wallClockFormat('Asia/Shanghai'), t)).toEqual({
      year: '2026',
      month: '11',
      day: '29',
      hour: '00',
      minute: '04',
      second: '05',
    });
    expect(wallClock(wallClockFormat('Asia/Kathmandu'), new Date(t))).toMatchObject({ day: '28', hour: '21', minute: '49' });
    expect(wallClock(wallClockFormat('America/New_York'), Date.parse('2025-07-01T12:00:00Z')).hour).toBe('08');
  });

  it('knows IANA zones and refuses others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(() => wallClockFormat('Mars/Olympus')).toThrow(RangeError);
  });
});
