import { CEVAL_GROUP_NAMES, cevalSubject } from './ceval-subjects.js';
import { CMMLU_CATEGORY_NAMES, cmmluSubject } from './cmmlu-subjects.js';

/** The two multiple-choice benchmark formats. */
export type McqFormat = 'ceval' | 'cmmlu';

/** What scoring and prompts need to know of a subject: its Chinese name and the groups it counts in. */
export interface McqSubjectInfo {
  id: string;
  /** The name the prompt uses (`计算机网络`); for a subject the benchmark does not list, the id with spaces. */
  zh: string;
  /** Group ids (C-Eval `stem`…`hard`, CMMLU `stem`…`china_specific`); none for an unlisted subject. */
  groups: string[];
  /** Whether the benchmark lists the subject (else it is a user's own file in the benchmark's format). */
  known: boolean;
}

/** The subject `id` of `format`: a benchmark subject, or a user's own one (named after its id, no groups). */
export function mcqSubjectInfo(format: McqFormat, id: string): McqSubjectInfo {
  if (format === 'ceval') {
    const s = cevalSubject(id);
    if (s) return { id, zh: s.zh, groups: s.hard ? [s.group, 'hard'] : [s.group], known: true };
  } else {
    const s = cmmluSubject(id);
    if (s) return { id, zh: s.zh, groups: [...s.categories], known: true };
  }
  return { id, zh: id.replace(/_/g, ' '), groups: [], known: false };
}

/** A group id's display names for `format` (the id itself for an unknown one). */
export function mcqGroupName(format: McqFormat, group: string): { en: string; zh: string } {
  const table: Record<string, { en: string; zh: string }> = format === 'ceval' ? CEVAL_GROUP_NAMES : CMMLU_CATEGORY_NAMES;
  return Object.prototype.hasOwnProperty.call(table, group) ? table[group] : { en: group, zh: group };
}
