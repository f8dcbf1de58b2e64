import { describe, expect, it } from 'vitest';
import { CEVAL_SUBJECTS, cevalSubject } from '../../src/eval/ceval-subjects.js';
import { CMMLU_SUBJECTS } from '../../src/eval/cmmlu-subjects.js';
import { mcqGroupName, mcqSubjectInfo } from '../../src/eval/mcq-subjects.js';

describe('C-Eval subjects', () => {
  it('lists the 52 subjects: 20 STEM, 10 social science, 11 humanities, 11 other; 8 of them Hard', () => {
    expect(CEVAL_SUBJECTS).toHaveLength(52);
    expect(new Set(CEVAL_SUBJECTS.map((s) => s.id)).size).toBe(52);
    const count = (g: string) => CEVAL_SUBJECTS.filter((s) => s.group === g).length;
    expect([count('stem'), count('social_science'), count('humanities'), count('other')]).toEqual([20, 10, 11, 11]);
    const hard = CEVAL_SUBJECTS.filter((s) => s.hard).map((s) => s.id);
    expect(hard.sort()).toEqual(
      [
        'advanced_mathematics',
        'college_chemistry',
        'college_physics',
        'discrete_mathematics',
        'high_school_chemistry',
        'high_school_mathematics',
        'high_school_physics',
        'probability_and_statistics',
      ].sort(),
    );
    expect(CEVAL_SUBJECTS.filter((s) => s.hard).every((s) => s.group === 'stem')).toBe(true);
  });

  it('names subjects in Chinese as the prompts use them', () => {
    expect(cevalSubject('computer_network')).toMatchObject({ zh: '计算机网络', en: 'Computer Network', group: 'stem', hard: false });
    expect(cevalSubject('mao_zedong_thought')?.zh).toBe('毛泽东思想和中国特色社会主义理论体系概论');
    expect(cevalSubject('accountant')?.zh).toBe('注册会计师');
    expect(cevalSubject('nope')).toBeUndefined();
  });
});

describe('CMMLU subjects', () => {
  it('lists the 67 subjects, each in one of the four main categories, some also China specific', () => {
    expect(CMMLU_SUBJECTS).toHaveLength(67);
    expect(new Set(CMMLU_SUBJECTS.map((s) => s.id)).size).toBe(67);
    for (const s of CMMLU_SUBJECTS) {
      const main = s.categories.filter((c) => c !== 'china_specific');
      expect(main, s.id).toHaveLength(1);
    }
    expect(mcqSubjectInfo('cmmlu', 'chinese_food_culture')).toEqual({
      id: 'chinese_food_culture',
      zh: '中国饮食文化',
      groups: ['social_science', 'china_specific'],
      known: true,
    });
  });
});

describe('mcqSubjectInfo and mcqGroupName', () => {
  it('gives C-Eval groups (Hard as well) and names a user subject by its id', () => {
    expect(mcqSubjectInfo('ceval', 'college_physics').groups).toEqual(['stem', 'hard']);
    expect(mcqSubjectInfo('ceval', 'law').groups).toEqual(['humanities']);
    expect(mcqSubjectInfo('ceval', 'our_products')).toEqual({ id: 'our_products', zh: 'our products', groups: [], known: false });
    expect(mcqGroupName('ceval', 'hard').en).toBe('Hard');
    expect(mcqGroupName('cmmlu', 'china_specific').zh).toBe('中国特定');
    expect(mcqGroupName('ceval', 'constructor')).toEqual({ en: 'constructor', zh: 'constructor' });
  });
});
