/** C-Eval's four subject groups, plus C-Eval Hard (eight of the STEM subjects). */
export type CevalGroup = 'stem' | 'social_science' | 'humanities' | 'other' | 'hard';

/** Display names of the groups (C-Eval's own English names; the usual Chinese ones). */
export const CEVAL_GROUP_NAMES: Readonly<Record<CevalGroup, { en: string; zh: string }>> = {
  stem: { en: 'STEM', zh: '理工（STEM）' },
  social_science: { en: 'Social Science', zh: '社会科学' },
  humanities: { en: 'Humanities', zh: '人文科学' },
  other: { en: 'Other', zh: '其他' },
  hard: { en: 'Hard', zh: '困难（C-Eval Hard）' },
};

/** One of C-Eval's 52 subjects: its file-name id, names, group, and whether C-Eval Hard counts it. */
export interface CevalSubject {
  id: string;
  en: string;
  zh: string;
  group: Exclude<CevalGroup, 'hard'>;
  hard: boolean;
}

type Row = readonly [id: string, en: string, zh: string];

// C-Eval's subject_mapping.json, grouped; the Chinese names are the ones OpenCompass puts in its prompt.
const GROUPS: ReadonlyArray<readonly [Exclude<CevalGroup, 'hard'>, readonly Row[]]> = [
  [
    'stem',
    [
      ['computer_network', 'Computer Network', '计算机网络'],
      ['operating_system', 'Operating System', '操作系统'],
      ['computer_architecture', 'Computer Architecture', '计算机组成'],
      ['college_programming', 'College Programming', '大学编程'],
      ['college_physics', 'College Physics', '大学物理'],
      ['college_chemistry', 'College Chemistry', '大学化学'],
      ['advanced_mathematics', 'Advanced Mathematics', '高等数学'],
      ['probability_and_statistics', 'Probability and Statistics', '概率统计'],
      ['discrete_mathematics', 'Discrete Mathematics', '离散数学'],
      ['electrical_engineer', 'Electrical Engineer', '注册电气工程师'],
      ['metrology_engineer', 'Metrology Engineer', '注册计量师'],
      ['high_school_mathematics', 'High School Mathematics', '高中数学'],
      ['high_school_physics', 'High School Physics', '高中物理'],
      ['high_school_chemistry', 'High School Chemistry', '高中化学'],
      ['high_school_biology', 'High School Biology', '高中生物'],
      ['middle_school_mathematics', 'Middle School Mathematics', '初中数学'],
      ['middle_school_biology', 'Middle School Biology', '初中生物'],
      ['middle_school_physics', 'Middle School Physics', '初中物理'],
      ['middle_school_chemistry', 'Middle School Chemistry', '初中化学'],
      ['veterinary_medicine', 'Veterinary Medicine', '兽医学'],
    ],
  ],
  [
    'social_science',
    [
      ['college_economics', 'College Economics', '大学经济学'],
      ['business_administration', 'Business Administration', '工商管理'],
      ['marxism', 'Marxism', '马克思主义基本原理'],
      ['mao_zedong_thought', 'Mao Zedong Thought', '毛泽东思想和中国特色社会主义理论体系概论'],
      ['education_science', 'Education Science', '教育学'],
      ['teacher_qualification', 'Teacher Qualification', '教师资格'],
      ['high_school_politics', 'High School Politics', '高中政治'],
      ['high_school_geography', 'High School Geography', '高中地理'],
      ['middle_school_politics', 'Middle School Politics', '初中政治'],
      ['middle_school_geography', 'Middle School Geography', '初中地理'],
    ],
  ],
  [
    'humanities',
    [
      ['modern_chinese_history', 'Modern Chinese History', '近代史纲要'],
      ['ideological_and_moral_cultivation', 'Ideological and Moral Cultivation', '思想道德修养与法律基础'],
      ['logic', 'Logic', '逻辑学'],
      ['law', 'Law', '法学'],
      ['chinese_language_and_literature', 'Chinese Language and Literature', '中国语言文学'],
      ['art_studies', 'Art Studies', '艺术学'],
      ['professional_tour_guide', 'Professional Tour Guide', '导游资格'],
      ['legal_professional', 'Legal Professional', '法律职业资格'],
      ['high_school_chinese', 'High School Chinese', '高中语文'],
      ['high_school_history', 'High School History', '高中历史'],
      ['middle_school_history', 'Middle School History', '初中历史'],
    ],
  ],
  [
    'other',
    [
      ['civil_servant', 'Civil Servant', '公务员'],
      ['sports_science', 'Sports Science', '体育学'],
      ['plant_protection', 'Plant Protection', '植物保护'],
      ['basic_medicine', 'Basic Medicine', '基础医学'],
      ['clinical_medicine', 'Clinical Medicine', '临床医学'],
      ['urban_and_rural_planner', 'Urban and Rural Planner', '注册城乡规划师'],
      ['accountant', 'Accountant', '注册会计师'],
      ['fire_engineer', 'Fire Engineer', '注册消防工程师'],
      ['environmental_impact_assessment_engineer', 'Environmental Impact Assessment Engineer', '环境影响评价工程师'],
      ['tax_accountant', 'Tax Accountant', '税务师'],
      ['physician', 'Physician', '医师资格'],
    ],
  ],
];

/** C-Eval Hard: the eight mathematics, physics and chemistry subjects that need advanced reasoning. */
const HARD = new Set([
  'advanced_mathematics',
  'discrete_mathematics',
  'probability_and_statistics',
  'college_chemistry',
  'college_physics',
  'high_school_mathematics',
  'high_school_chemistry',
  'high_school_physics',
]);

/** The 52 subjects of C-Eval: 20 STEM, 10 social science, 11 humanities, 11 other. */
export const CEVAL_SUBJECTS: readonly CevalSubject[] = GROUPS.flatMap(([group, rows]) =>
  rows.map(([id, en, zh]) => ({ id, en, zh, group, hard: HARD.has(id) })),
);

const BY_ID = new Map(CEVAL_SUBJECTS.map((s) => [s.id, s]));

/** The C-Eval subject with this file-name id (`computer_network`), or undefined. */
export function cevalSubject(id: string): CevalSubject | undefined {
  return BY_ID.get(id);
}
