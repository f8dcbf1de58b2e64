import { describe, expect, it } from 'vitest';
import { hasSegments, mergeSegments, segmentsOf, segmentsOfJson, segmentsSchema } from '../../src/analytics/segments.js';
import { cleanText } from '../../src/core/clean-text.js';

describe('cleanText', () => {
  it('drops control characters and line separators, trims, and cuts without splitting a surrogate pair', () => {
    expect(cleanText(' a\u0000b\u001b[1mc\u0085d\u2028 ', 200)).toBe('ab[1mcd');
    expect(cleanText('x'.repeat(10), 4)).toBe('xxxx');
    expect(cleanText(`abc${'😀'}`, 4)).toBe('abc');
    expect(cleanText('ab  cd', 3)).toBe('ab');
    expect(cleanText(' \t\n', 10)).toBeNull();
    expect(cleanText(42, 10)).toBeNull();
  });
});

describe('segments', () => {
  it('reads only the three attributes’ string values, cleaned and cut to 64 characters', () => {
    expect(segmentsOf({ industry: ' 教育\u0007', region: 7, user_group: ['a'], team: 'x' })).toEqual({ industry: '教育' });
    expect(segmentsOf({ region: 'r'.repeat(100) }).region).toHaveLength(64);
    expect(segmentsOf(null)).toEqual({});
    expect(segmentsOf(['industry'])).toEqual({});
    expect(segmentsOf(JSON.parse('{"__proto__":{"industry":"x"}}'))).toEqual({});
    expect(segmentsOfJson('{"user_group":"teachers"}')).toEqual({ user_group: 'teachers' });
    expect(segmentsOfJson('not json')).toEqual({});
    expect(segmentsOfJson(null)).toEqual({});
  });

  it('merges key, app and end user, the later winning per attribute', () => {
    const key = { industry: '金融', region: '华北', user_group: 'analysts' };
    const app = { region: '华南' };
    const user = { industry: '医疗' };
    expect(mergeSegments(key, app, user)).toEqual({ industry: '医疗', region: '华南', user_group: 'analysts' });
    expect(mergeSegments(null, undefined, {})).toEqual({});
    expect(hasSegments({})).toBe(false);
    expect(hasSegments({ region: 'x' })).toBe(true);
  });

  it('bounds what the API takes: at most 64 characters each, nothing else, empty or null clears', () => {
    expect(segmentsSchema.parse({ industry: ' 教育 ', region: '', user_group: null })).toEqual({
      industry: '教育',
      region: undefined,
      user_group: null,
    });
    expect(segmentsSchema.safeParse({ industry: 'x'.repeat(65) }).success).toBe(false);
    expect(segmentsSchema.safeParse({ age: '30' }).success).toBe(false);
  });
});
