/** CMMLU's five categories; "China specific" overlaps the other four. */
export type CmmluCategory = 'stem' | 'humanities' | 'social_science' | 'other' | 'china_specific';

/** Display names of the categories. */
export const CMMLU_CATEGORY_NAMES: Readonly<Record<CmmluCategory, { en: string; zh: string }>> = {
  stem: { en: 'STEM', zh: '理工（STEM）' },
  humanities: { en: 'Humanities', zh: '人文科学' },
  social_science: { en: 'Social Science', zh: '社会科学' },
  other: { en: 'Other', zh: '其他' },
  china_specific: { en: 'China specific', zh: '中国特定' },
};

/** One of CMMLU's 67 subjects: its file-name id, Chinese name and categories. */
export interface CmmluSubject {
  id: string;
  zh: string;
  categories: CmmluCategory[];
}

const S: CmmluCategory = 'stem';
const H: CmmluCategory = 'humanities';
const SS: CmmluCategory = 'social_science';
const O: CmmluCategory = 'other';
const CN: CmmluCategory = 'china_specific';

// CMMLU's name_en2zh and categories.py (each subject's subcategory mapped to its category); the Chinese
// names are the ones OpenCompass puts in its prompt.
const ROWS: ReadonlyArray<readonly [string, string, readonly CmmluCategory[]]> = [
  ['agronomy', '农学', [O]],
  ['anatomy', '解剖学', [S]],
  ['ancient_chinese', '古汉语', [SS, CN]],
  ['arts', '艺术学', [H]],
  ['astronomy', '天文学', [S]],
  ['business_ethics', '商业伦理', [SS]],
  ['chinese_civil_service_exam', '中国公务员考试', [SS, CN]],
  ['chinese_driving_rule', '中国驾驶规则', [O, CN]],
  ['chinese_food_culture', '中国饮食文化', [SS, CN]],
  ['chinese_foreign_policy', '中国外交政策', [SS, CN]],
  ['chinese_history', '中国历史', [H, CN]],
  ['chinese_literature', '中国文学', [H, CN]],
  ['chinese_teacher_qualification', '中国教师资格', [SS, CN]],
  ['clinical_knowledge', '临床知识', [O]],
  ['college_actuarial_science', '大学精算学', [S]],
  ['college_education', '大学教育学', [SS]],
  ['college_engineering_hydrology', '大学工程水文学', [S]],
  ['college_law', '大学法律', [H]],
  ['college_mathematics', '大学数学', [S]],
  ['college_medical_statistics', '大学医学统计', [S]],
  ['college_medicine', '大学医学', [O]],
  ['computer_science', '计算机科学', [S]],
  ['computer_security', '计算机安全', [O]],
  ['conceptual_physics', '概念物理学', [S]],
  ['construction_project_management', '建设工程管理', [O, CN]],
  ['economics', '经济学', [SS]],
  ['education', '教育学', [SS]],
  ['electrical_engineering', '电气工程', [S]],
  ['elementary_chinese', '小学语文', [SS, CN]],
  ['elementary_commonsense', '小学常识', [O, CN]],
  ['elementary_information_and_technology', '小学信息技术', [O]],
  ['elementary_mathematics', '初等数学', [S]],
  ['ethnology', '民族学', [SS, CN]],
  ['food_science', '食品科学', [O]],
  ['genetics', '遗传学', [S]],
  ['global_facts', '全球事实', [H]],
  ['high_school_biology', '高中生物', [S]],
  ['high_school_chemistry', '高中化学', [S]],
  ['high_school_geography', '高中地理', [SS]],
  ['high_school_mathematics', '高中数学', [S]],
  ['high_school_physics', '高中物理学', [S]],
  ['high_school_politics', '高中政治', [SS, CN]],
  ['human_sexuality', '人类性行为', [O]],
  ['international_law', '国际法学', [H]],
  ['journalism', '新闻学', [SS]],
  ['jurisprudence', '法理学', [H]],
  ['legal_and_moral_basis', '法律与道德基础', [O]],
  ['logical', '逻辑学', [H]],
  ['machine_learning', '机器学习', [S]],
  ['management', '管理学', [SS]],
  ['marketing', '市场营销', [SS]],
  ['marxist_theory', '马克思主义理论', [H]],
  ['modern_chinese', '现代汉语', [SS, CN]],
  ['nutrition', '营养学', [O]],
  ['philosophy', '哲学', [H]],
  ['professional_accounting', '专业会计', [SS]],
  ['professional_law', '专业法学', [H]],
  ['professional_medicine', '专业医学', [O]],
  ['professional_psychology', '专业心理学', [SS]],
  ['public_relations', '公共关系', [SS]],
  ['security_study', '安全研究', [SS]],
  ['sociology', '社会学', [SS]],
  ['sports_science', '体育学', [O]],
  ['traditional_chinese_medicine', '中医中药', [O, CN]],
  ['virology', '病毒学', [S]],
  ['world_history', '世界历史', [H]],
  ['world_religions', '世界宗教', [H]],
];

/** The 67 subjects of CMMLU. */
export const CMMLU_SUBJECTS: readonly CmmluSubject[] = ROWS.map(([id, zh, categories]) => ({ id, zh, categories: [...categories] }));

const BY_ID = new Map(CMMLU_SUBJECTS.map((s) => [s.id, s]));

/** The CMMLU subject with this file-name id (`agronomy`), or undefined. */
export function cmmluSubject(id: string): CmmluSubject | undefined {
  return BY_ID.get(id);
}
