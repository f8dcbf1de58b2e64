import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/core/calendar.js';

describe('Calendar (quota periods and report days in a time zone)', () => {
  const sh = new Calendar('Asia/Shanghai');

  it('puts 01:30 Shanghai time on the new local day, not the UTC one', () => {
    const t = Date.parse('2026-11-28T17:30:00Z'); // 2026-11-29 01:30 in Shanghai
    expect(sh.day(t)).toBe('2026-11-29');
    expect(sh.month(t)).toBe('2026-11');
    expect(new Date(sh.dayEnd(t)).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(new Date(sh.monthEnd(t)).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(new Date(sh.startOf('2026-11-29')).toISOString()).toBe('2026-11-28T16:00:00.000Z');
  });

  it('rolls over the year', () => {
    const t = Date.parse('2026-12-31T15:59:59Z');
    expect(sh.day(t)).toBe('2026-12-31');
    expect(new Date(sh.monthEnd(t)).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(sh.day(t + 1000)).toBe('2027-01-01');
  });

  it('handles days of 23 hours around a DST change', () => {
    const ny = new Calendar('America/New_York');
    const t = Date.parse('2026-03-08T12:00:00Z');
    expect(ny.day(t)).toBe('2026-03-08');
    expect(new Date(ny.startOf('2026-03-08')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(ny.dayEnd(t)).toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('answers many timestamps of one day consistently (cached range)', () => {
    const start = sh.startOf('2026-11-28');
    for (let i = 0; i < 1000; i++) expect(sh.day(start + i * 86_000)).toBe('2026-11-28');
    expect(sh.day(start - 1)).toBe('2026-11-27');
    expect(sh.day(start + 86_400_000)).toBe('2026-11-29');
  });
});
