import { describe, expect, it } from 'vitest';
import type { BuiltinPiiType } from '../../src/compliance/contracts.js';
import { isValidLegacyResidentId, isValidResidentId, isValidUscc, luhnValid } from '../../src/compliance/pii/checksums.js';
import { PiiScanner } from '../../src/compliance/pii/pii-scanner.js';
import * as corpus from '../helpers/pii-corpus.js';

const N = 600;

interface Generators {
  label: string;
  valid: (r: corpus.Rand) => string;
  invalid: (r: corpus.Rand) => string;
}

const RECOGNIZERS: Record<BuiltinPiiType, Generators> = {
  id_card: { label: '身份证号', valid: corpus.validResidentId, invalid: corpus.invalidResidentId },
  mobile: { label: '手机号', valid: corpus.validMobile, invalid: corpus.invalidMobile },
  bank_card: { label: '银行卡号', valid: corpus.validBankCard, invalid: corpus.invalidBankCard },
  uscc: { label: '统一社会信用代码', valid: corpus.validUscc, invalid: corpus.invalidUscc },
  passport: { label: '护照号', valid: corpus.validPassport, invalid: corpus.invalidPassport },
  email: { label: '邮箱', valid: corpus.validEmail, invalid: corpus.invalidEmail },
  ipv4: { label: 'IP地址', valid: corpus.validIpv4, invalid: corpus.invalidIpv4 },
  ipv6: { label: 'IP地址', valid: corpus.validIpv6, invalid: corpus.invalidIpv6 },
};

const scanner = new PiiScanner();

/** Precision and recall of one recognizer over its corpus of valid and invalid identifiers in prose. */
function measure(type: BuiltinPiiType, seed: number): { tp: number; fn: number; fp: number; precision: number; recall: number } {
  const gen = RECOGNIZERS[type];
  const r = corpus.seededRandom(seed);
  let tp = 0;
  let fn = 0;
  let fp = 0;
  const misses: string[] = [];
  for (let i = 0; i < N; i++) {
    const valid = gen.valid(r);
    const { text, start } = corpus.embed(r, valid, gen.label);
    const found = scanner.scan(text).filter((f) => f.type === type);
    const hit = found.some((f) => f.start === start && f.end === start + valid.length);
    if (hit) tp++;
    else {
      fn++;
      misses.push(`missed ${valid} in ${text}`);
    }
    fp += found.length - (hit ? 1 : 0);
  }
  for (let i = 0; i < N; i++) {
    const { text } = corpus.embed(r, gen.invalid(r), gen.label);
    const found = scanner.scan(text).filter((f) => f.type === type);
    fp += found.length;
    for (const f of found) misses.push(`false ${f.value} in ${text}`);
  }
  if (misses.length > 0) console.log(`${type}:\n  ${misses.slice(0, 10).join('\n  ')}`);
  return { tp, fn, fp, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

describe('PII recognizers on generated corpora in Chinese prose', () => {
  const types = Object.keys(RECOGNIZERS) as BuiltinPiiType[];
  it.each(types.map((t, i) => [t, 1000 + i] as const))('%s: precision and recall ≥ 0.99', (type, seed) => {
    const m = measure(type, seed);
    console.log(
      `${type.padEnd(10)} valid ${N} invalid ${N}  tp ${m.tp} fn ${m.fn} fp ${m.fp}  precision ${m.precision.toFixed(4)} recall ${m.recall.toFixed(4)}`,
    );
    expect(m.precision).toBeGreaterThanOrEqual(0.99);
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
  });

  it('checksum generators agree with the checksum functions', () => {
    const r = corpus.seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const id = corpus.validResidentId(r);
      expect(id.length === 18 ? isValidResidentId(id) : isValidLegacyResidentId(id)).toBe(true);
      expect(isValidUscc(corpus.validUscc(r))).toBe(true);
      expect(luhnValid(corpus.validBankCard(r).replace(/[ -]/g, ''))).toBe(true);
    }
  });
});

describe('checksums', () => {
  it('resident ID: GB 11643 check, region and birth date', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false); // wrong check
    expect(isValidResidentId('99010519491231002X')).toBe(false); // no such province
    expect(isValidResidentId('11010529991231002X')).toBe(false); // born in the future
    expect(isValidLegacyResidentId('110105491231002')).toBe(true);
    expect(isValidLegacyResidentId('110105491331002')).toBe(false);
  });

  it('USCC and Luhn', () => {
    expect(isValidUscc('91110000802100433B')).toBe(true);
    expect(isValidUscc('91110000802100433b')).toBe(true);
    expect(isValidUscc('91110000802100433C')).toBe(false);
    expect(luhnValid('6217000010001234569')).toBe(true);
    expect(luhnValid('6217000010001234568')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

const types = (text: string, s: PiiScanner = scanner): string[] => s.scan(text).map((f) => `${f.type}:${f.value}`);

describe('PII scanner edge cases', () => {
  it('finds identifiers in Chinese prose without spaces', () => {
    expect(types('身份证号11010519491231002X，手机13800138000')).toEqual(['id_card:11010519491231002X', 'mobile:13800138000']);
    expect(types('电话+86 138-0013-8000；邮箱zhang.san@example.com。')).toEqual([
      'mobile:+86 138-0013-8000',
      'email:zhang.san@example.com',
    ]);
    expect(types('服务器192.168.1.10和fe80::1ff:fe23:4567:890a，时间12:30:45')).toEqual([
      'ipv4:192.168.1.10',
      'ipv6:fe80::1ff:fe23:4567:890a',
    ]);
  });

  it('respects boundaries: no ASCII letters or digits around a number, no longer digit runs', () => {
    expect(types('abc13800138000')).toEqual([]);
    expect(types('13800138000123')).toEqual([]);
    expect(types('订单A13800138000x')).toEqual([]);
    expect(types('单价3.13800138000')).toEqual([]);
    expect(types('12800138000和10.0.0.256')).toEqual([]); // 12x segment; octet 256
    expect(types('号码：13800138000。')).toEqual(['mobile:13800138000']);
    expect(types('（13800138000）')).toEqual(['mobile:13800138000']);
  });

  it('full-width digits are recognized, values keep the original text', () => {
    expect(types('手机１３８００１３８０００')).toEqual(['mobile:１３８００１３８０００']);
  });

  it('overlaps: higher confidence wins, then the longer span; an ID that passes Luhn is an ID', () => {
    const r = corpus.seededRandom(99);
    let id = '';
    while (!(id.length === 18 && luhnValid(id))) id = corpus.validResidentId(r);
    expect(types(`证件${id}。`)).toEqual([`id_card:${id}`]);
    // A custom pattern overlapping a mobile: the mobile (0.9) beats the custom finding (0.8).
    const s = new PiiScanner({ custom: [{ name: 'ticket', pattern: '\\d{6}' }] });
    expect(types('联系13800138000', s)).toEqual(['mobile:13800138000']);
    expect(types('工单123456', s)).toEqual(['ticket:123456']);
  });

  it('passport confidence depends on context', () => {
    const [bare] = scanner.scan('编号E12345678');
    const [ctx] = scanner.scan('护照号码：E12345678');
    expect(bare.confidence).toBe(0.6);
    expect(ctx.confidence).toBe(0.9);
    expect(new PiiScanner({ minConfidence: 0.7 }).scan('编号E12345678')).toEqual([]);
    expect(new PiiScanner({ minConfidence: 0.7 }).scan('Passport No. EA1234567')).toHaveLength(1);
  });

  it('types restrict the built-in recognizers', () => {
    const s = new PiiScanner({ types: ['email'] });
    expect(types('手机13800138000，邮箱a@b.cn', s)).toEqual(['email:a@b.cn']);
    expect(new PiiScanner({ types: [] }).empty).toBe(true);
  });

  it('custom regexes: flags kept, global added, empty matches skipped, labels used', () => {
    const s = new PiiScanner({
      types: [],
      custom: [
        { name: 'employee_id', pattern: 'emp-\\d{6}', flags: 'i', label: '工号' },
        { name: 'maybe', pattern: 'x*' },
      ],
    });
    const found = s.scan('员工EMP-123456与emp-654321');
    expect(found.map((f) => [f.type, f.value, f.confidence])).toEqual([
      ['employee_id', 'EMP-123456', 0.8],
      ['employee_id', 'emp-654321', 0.8],
    ]);
    expect(s.labelFor('employee_id')).toBe('工号');
    expect(s.labelFor('maybe')).toBe('maybe');
    expect(s.labelFor('id_card', 'en')).toBe('ID card number');
  });

  it('a custom regex that does not compile is a clear error naming it', () => {
    expect(() => new PiiScanner({ custom: [{ name: 'broken', pattern: '(unclosed' }] })).toThrow(/Invalid custom PII pattern "broken"/);
    expect(() => new PiiScanner({ custom: [{ name: 'badflags', pattern: 'a', flags: 'q' }] })).toThrow(/badflags/);
  });

  it('dictionary terms: case-, width- and script-insensitive, not inside longer words', () => {
    const s = new PiiScanner({
      types: [],
      terms: [{ term: 'ACME Corp', type: 'customer', label: '客户名' }, { term: '天穹计划' }],
    });
    expect(types('客户acme corp与ＡＣＭＥ　Ｃｏｒｐ都提到了天穹计划', s)).toEqual([
      'customer:acme corp',
      'customer:ＡＣＭＥ　Ｃｏｒｐ',
      'term:天穹计划',
    ]);
    expect(types('ACME Corporation', s)).toEqual([]);
    expect(s.labelFor('customer')).toBe('客户名');
    expect(s.labelFor('term')).toBe('敏感词');
  });

  it('fromPolicy reads the stored snake_case policy', () => {
    const s = PiiScanner.fromPolicy({ types: ['mobile'], min_confidence: 0.95 });
    expect(s.minConfidence).toBe(0.95);
    expect(s.scan('13800138000')).toEqual([]);
  });
});
