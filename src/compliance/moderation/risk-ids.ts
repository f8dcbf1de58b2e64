/**
 * The safety-risk table of GB/T 45654-2025 "Cybersecurity technology — Basic security requirements for
 * generative artificial intelligence service" (formerly TC260-003, 2024-02), appendix A: 5 classes,
 * 31 risks. Ids are `A.<class>.<item>` (the standard letters items a), b)…; `A.1.6` is A.1 item f).
 *
 * The names follow the widely reported text of TC260-003 appendix A, which GB/T 45654-2025 carries
 * over; verify them against the published standard before quoting them in a compliance filing.
 * Moderation libraries and rules may use these ids or any category string of the user's own.
 */

/** One of the five risk classes (A.1 … A.5). */
export interface RiskClass {
  id: string;
  zh: string;
  en: string;
}

/** One of the 31 risks. */
export interface Risk {
  /** `A.1.1` … `A.5.2`. */
  id: string;
  /** The class id (`A.1` … `A.5`). */
  classId: string;
  zh: string;
  en: string;
}

/** The five classes of appendix A. */
export const RISK_CLASSES: readonly RiskClass[] = [
  { id: 'A.1', zh: '违反社会主义核心价值观', en: 'Violating core socialist values' },
  { id: 'A.2', zh: '歧视性内容', en: 'Discriminatory content' },
  { id: 'A.3', zh: '商业违法违规', en: 'Commercial violations' },
  { id: 'A.4', zh: '侵犯他人合法权益', en: "Infringing others' lawful rights and interests" },
  { id: 'A.5', zh: '无法满足特定服务类型的安全需求', en: 'Failing the security needs of specific service types' },
];

const TABLE: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]> = [
  [
    'A.1',
    [
      ['煽动颠覆国家政权、推翻社会主义制度', 'Inciting subversion of state power or overthrow of the socialist system'],
      ['危害国家安全和利益、损害国家形象', 'Endangering national security and interests, harming the national image'],
      ['煽动分裂国家、破坏国家统一和社会稳定', 'Inciting secession, undermining national unity and social stability'],
      ['宣扬恐怖主义、极端主义', 'Promoting terrorism or extremism'],
      ['宣扬民族仇恨', 'Promoting ethnic hatred'],
      ['宣扬暴力、淫秽色情', 'Promoting violence, obscenity or pornography'],
      ['传播虚假有害信息', 'Spreading false and harmful information'],
      ['其他法律、行政法规禁止的内容', 'Other content prohibited by laws and administrative regulations'],
    ],
  ],
  [
    'A.2',
    [
      ['民族歧视内容', 'Ethnic discrimination'],
      ['信仰歧视内容', 'Discrimination by belief'],
      ['国别歧视内容', 'Discrimination by nationality'],
      ['地域歧视内容', 'Regional discrimination'],
      ['性别歧视内容', 'Gender discrimination'],
      ['年龄歧视内容', 'Age discrimination'],
      ['职业歧视内容', 'Occupational discrimination'],
      ['健康歧视内容', 'Health discrimination'],
      ['其他方面歧视内容', 'Other discrimination'],
    ],
  ],
  [
    'A.3',
    [
      ['侵犯他人知识产权', "Infringing others' intellectual property rights"],
      ['违反商业道德', 'Violating business ethics'],
      ['泄露他人商业秘密', "Disclosing others' trade secrets"],
      [
        '利用算法、数据、平台等优势，实施垄断和不正当竞争行为',
        'Using advantages in algorithms, data or platforms for monopoly or unfair competition',
      ],
      ['其他商业违法违规行为', 'Other commercial violations'],
    ],
  ],
  [
    'A.4',
    [
      ['危害他人身心健康', "Endangering others' physical or mental health"],
      ['侵害他人肖像权', "Infringing others' portrait rights"],
      ['侵害他人名誉权', "Infringing others' reputation rights"],
      ['侵害他人荣誉权', "Infringing others' honour rights"],
      ['侵害他人隐私权', "Infringing others' privacy rights"],
      ['侵害他人个人信息权益', "Infringing others' personal information rights"],
      ['侵犯他人其他合法权益', "Infringing others' other lawful rights and interests"],
    ],
  ],
  [
    'A.5',
    [
      [
        '内容不准确，严重不符合科学常识或主流认知',
        'Inaccurate content, seriously contrary to scientific common sense or mainstream understanding',
      ],
      ['内容不可靠，虽然不包含严重错误的内容，但无法对使用者形成帮助', 'Unreliable content that cannot help the user'],
    ],
  ],
];

/** The 31 risks of appendix A, in order. */
export const RISKS: readonly Risk[] = TABLE.flatMap(([classId, items]) =>
  items.map(([zh, en], i) => ({ id: `${classId}.${i + 1}`, classId, zh, en })),
);

const BY_ID = new Map(RISKS.map((r) => [r.id, r]));
const CLASS_BY_ID = new Map(RISK_CLASSES.map((c) => [c.id, c]));

/** Whether `id` is one of the 31 risk ids (`A.1.1` … `A.5.2`). */
export function isRiskId(id: string): boolean {
  return BY_ID.has(id);
}

/** The risk with this id, or undefined (user categories are not risks of the standard). */
export function riskById(id: string): Risk | undefined {
  return BY_ID.get(id);
}

/** The class of a risk id (`A.1.6` → A.1) or a class id itself (`A.1`), else undefined. */
export function riskClassOf(id: string): RiskClass | undefined {
  const risk = BY_ID.get(id);
  return CLASS_BY_ID.get(risk ? risk.classId : id);
}

/** A display name: the risk's or class's name for standard ids, the string itself for user categories. */
export function describeRisk(id: string, lang: 'zh' | 'en' = 'zh'): string {
  const named = BY_ID.get(id) ?? CLASS_BY_ID.get(id);
  return named ? `${id} ${named[lang]}` : id;
}
