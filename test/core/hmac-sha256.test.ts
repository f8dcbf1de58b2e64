import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from '../../src/compliance/labels/hmac-sha256.js';

const reference = (key: Uint8Array, text: string): string => createHmac('sha256', key).update(text).digest('base64url');

describe('HmacSha256 (the label signer)', () => {
  it('matches RFC 4231 test case 2', () => {
    const mac = new HmacSha256(Buffer.from('Jefe'));
    const hex = Buffer.from(mac.sign('what do ya want for nothing?'), 'base64url').toString('hex');
    expect(hex).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    const key = randomBytes(32);
    const mac = new HmacSha256(key);
    for (let n = 0; n <= 300; n++) {
      const text = 'a'.repeat(n);
      expect(mac.sign(text), `length ${n}`).toBe(reference(key, text));
    }
    // Long texts grow the buffer; CJK is 3 bytes per character, astral characters 4.
    for (const text of ['中'.repeat(5000), '😀'.repeat(700) + 'x', 'é'.repeat(1000)]) expect(mac.sign(text)).toBe(reference(key, text));
  });

  it('agrees with node:crypto on random keys (short, block-sized and longer than a block) and texts (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 400 }), (key, text) => {
        expect(new HmacSha256(key).sign(text)).toBe(reference(key, text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps no state between messages', () => {
    const key = randomBytes(16);
    const mac = new HmacSha256(key);
    const texts = ['x'.repeat(2000), 'short', '', 'v=1; aigc=1; cid=c1'];
    for (const t of [...texts, ...texts.reverse()]) expect(mac.sign(t)).toBe(reference(key, t));
  });
});
