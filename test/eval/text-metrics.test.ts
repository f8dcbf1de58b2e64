import { describe, expect, it } from 'vitest';
import { charF1, exactMatch, MAX_METRIC_TOKENS, metricTokens, normalizeAnswer, rougeL, toHalfWidth } from '../../src/eval/text-metrics.js';

describe('normalizeAnswer', () => {
  it('turns full-width forms half-width, lowers case, strips punctuation (Chinese too) and spaces', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）：，　')).toBe('ABC123():, ');
    expect(normalizeAnswer('“北京。”')).toBe('北京');
    expect(normalizeAnswer('《红楼梦》、曹雪芹！')).toBe('红楼梦曹雪芹');
    expect(normalizeAnswer('  New York! ')).toBe('newyork');
    expect(normalizeAnswer('ＧＰＴ－４')).toBe('gpt4');
    expect(normalizeAnswer('¥100…')).toBe('100');
  });
});

describe('exactMatch', () => {
  it('compares normalised texts, best of several references', () => {
    expect(exactMatch('北京。', '北京')).toBe(1);
    expect(exactMatch('Ｐａｒｉｓ', 'paris!')).toBe(1);
    expect(exactMatch('北京市', '北京')).toBe(0);
    expect(exactMatch('李白', ['杜甫', '李 白'])).toBe(1);
    expect(exactMatch('李白', [])).toBe(0);
  });
});

describe('tokens: CJK characters and Latin words', () => {
  it('splits mixed text into characters and words', () => {
    expect(metricTokens('GPT-4 模型很强！')).toEqual(['gpt', '4', '模', '型', '很', '强']);
    expect(metricTokens('The cat, the hat.')).toEqual(['the', 'cat', 'the', 'hat']);
    expect(metricTokens('2024年')).toEqual(['2024', '年']);
  });

  it('scores at most MAX_METRIC_TOKENS tokens of a runaway text', () => {
    expect(metricTokens('字'.repeat(MAX_METRIC_TOKENS + 500))).toHaveLength(MAX_METRIC_TOKENS);
  });
});

describe('charF1', () => {
  it('matches hand-computed values', () => {
    // 北 京 市 vs 北 京: common 2, P = 2/3, R = 1 → 2·(2/3)/(5/3) = 0.8.
    expect(charF1('北京市', '北京')).toBeCloseTo(0.8, 12);
    // the cat sat vs cat the mat: common 2 (the, cat), P = R = 2/3.
    expect(charF1('the cat sat', 'cat the mat')).toBeCloseTo(2 / 3, 12);
    // counted with multiplicity: a a b vs a b b → common 2 of 3 and 3.
    expect(charF1('a a b', 'a b b')).toBeCloseTo(2 / 3, 12);
    // mixed: gpt 4 模 型 vs gpt 模 型 很 强: common 3, P = 3/4, R = 3/5 → 2·0.45/1.35 = 2/3.
    expect(charF1('GPT-4模型', 'GPT 模型很强')).toBeCloseTo(2 / 3, 12);
    expect(charF1('北京', '上海')).toBe(0);
    expect(charF1('“北京！”', '北京')).toBe(1);
  });

  it('handles empty texts and several references', () => {
    expect(charF1('', '')).toBe(1);
    expect(charF1('。', '北京')).toBe(0);
    expect(charF1('北京', '')).toBe(0);
    expect(charF1('北京市', ['上海', '北京市'])).toBe(1);
  });
});

describe('rougeL', () => {
  it('matches hand-computed values', () => {
    // LCS(我爱北京天安门, 我在北京看天安门) = 我北京天安门 = 6; P = 6/7, R = 6/8 → 0.8.
    expect(rougeL('我爱北京天安门', '我在北京看天安门')).toBeCloseTo(0.8, 12);
    // LCS = the cat on the mat = 5 of 6 and 6.
    expect(rougeL('the cat sat on the mat', 'the cat is on the mat')).toBeCloseTo(5 / 6, 12);
    // Order matters for ROUGE-L, not for F1: 京北 vs 北京 has LCS 1 (P = R = 1/2) but F1 1.
    expect(rougeL('京北', '北京')).toBeCloseTo(0.5, 12);
    expect(charF1('京北', '北京')).toBe(1);
    // LCS(a b c d e, a x c y e) = a c e = 3 of 5 and 5.
    expect(rougeL('a b c d e', 'a x c y e')).toBeCloseTo(0.6, 12);
  });

  it('takes the best reference and handles empty texts', () => {
    expect(rougeL('北京', ['上海', '北京'])).toBe(1);
    expect(rougeL('', '')).toBe(1);
    expect(rougeL('北京', '')).toBe(0);
  });

  it('stays fast on long texts (the LCS is bounded by MAX_METRIC_TOKENS)', () => {
    const long = '今天天气很好我们去公园散步吧'.repeat(1000);
    const started = performance.now();
    expect(rougeL(long, long)).toBe(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
