import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../core/canonical-json.js';

/** The fallback label: chosen when no label is close enough; never matched by embeddings. */
export const OTHER_LABEL_ID = 'other';

export const TAXONOMY_LIMITS = {
  maxLabels: 100,
  idMaxLength: 40,
  nameMaxLength: 60,
  descriptionMaxLength: 500,
  maxExamples: 20,
  exampleMaxLength: 500,
} as const;

/** One topic/task of the taxonomy; `examples` are the prompts embedded to represent it. */
export interface TopicLabel {
  /** Stable id stored with each classified request: lowercase letters, digits, `_` and `-`. */
  id: string;
  /** Display name in Chinese. */
  zh: string;
  /** Display name in English. */
  en: string;
  description: string;
  /** Typical prompts, Chinese and English; at least one for every label but `other`. */
  examples: string[];
}

export interface Taxonomy {
  labels: TopicLabel[];
}

const L = TAXONOMY_LIMITS;
const text = (max: number) => z.string().trim().min(1).max(max);

/** One label's fields and bounds (what an API documents); `taxonomySchema` adds the checks across labels. */
export const taxonomyLabelSchema = z.strictObject({
  id: z
    .string()
    .max(L.idMaxLength)
    .regex(/^[a-z](?:[a-z0-9_-]*[a-z0-9])?$/),
  zh: text(L.nameMaxLength),
  en: text(L.nameMaxLength),
  description: z.string().trim().max(L.descriptionMaxLength).default(''),
  examples: z.array(text(L.exampleMaxLength)).max(L.maxExamples).default([]),
});

/** A user's edited taxonomy, bounded: at most 100 labels, unique ids and names, examples for each matchable label. */
export const taxonomySchema = z
  .strictObject({
    labels: z.array(taxonomyLabelSchema).min(1).max(L.maxLabels),
  })
  .superRefine((t, ctx) => {
    const seen = new Map<string, number>();
    t.labels.forEach((label, i) => {
      for (const [field, key] of [
        ['id', label.id],
        ['zh', `zh:${label.zh}`],
        ['en', `en:${label.en.toLowerCase()}`],
      ] as const) {
        if (seen.has(key))
          ctx.addIssue({ code: 'custom', path: ['labels', i, field], message: 'duplicate', params: { kind: 'duplicate' } });
        else seen.set(key, i);
      }
      if (label.id !== OTHER_LABEL_ID && label.examples.length === 0)
        ctx.addIssue({ code: 'custom', path: ['labels', i, 'examples'], message: 'no examples', params: { kind: 'no_examples' } });
    });
    if (t.labels.every((l) => l.id === OTHER_LABEL_ID))
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'only other', params: { kind: 'only_other' } });
  });

/** A taxonomy that cannot be used: what is wrong and where, in English and Chinese. */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  constructor(
    readonly en: string,
    readonly zh: string,
    /** Where in the document, e.g. `labels[3].examples`. */
    readonly path: string,
  ) {
    super(`${path ? `${path}: ` : ''}${en} / ${zh}`);
  }
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue): { en: string; zh: string } {
  switch (issue.code) {
    case 'custom': {
      const kind = (issue.params as { kind?: string } | undefined)?.kind;
      if (kind === 'duplicate') return { en: 'is used by another label', zh: '与另一个标签重复' };
      if (kind === 'no_examples') return { en: 'needs at least one example prompt', zh: '至少需要一个示例提示词' };
      return { en: `needs at least one label besides "${OTHER_LABEL_ID}"`, zh: `除 "${OTHER_LABEL_ID}" 外至少需要一个标签` };
    }
    case 'too_big':
      return issue.origin === 'array'
        ? { en: `has more than ${issue.maximum} items`, zh: `超过 ${issue.maximum} 项` }
        : { en: `is longer than ${issue.maximum} characters`, zh: `超过 ${issue.maximum} 个字符` };
    case 'too_small':
      return issue.origin === 'array' ? { en: 'must not be empty', zh: '不能为空' } : { en: 'must not be empty', zh: '不能为空' };
    case 'invalid_format':
      return {
        en: 'must start with a lowercase letter, end with a letter or digit and hold only a-z, 0-9, "_" and "-"',
        zh: '必须以小写字母开头、以字母或数字结尾，只能包含 a-z、0-9、"_" 和 "-"',
      };
    case 'invalid_type':
      return { en: `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`, zh: `类型应为 ${issue.expected}` };
    case 'unrecognized_keys':
      return { en: `has unknown fields: ${issue.keys.join(', ')}`, zh: `包含未知字段：${issue.keys.join(', ')}` };
    default:
      return { en: 'is not valid', zh: '无效' };
  }
}

/** Validates a user's taxonomy (trimmed, defaults filled in) or throws a bilingual {@link TaxonomyError}. */
export function parseTaxonomy(input: unknown): Taxonomy {
  const r = taxonomySchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const { en, zh } = describeIssue(issue);
  throw new TaxonomyError(en, zh, pathText(issue.path) || 'taxonomy');
}

/**
 * A stable content hash of a taxonomy (hex SHA-256): the same labels in any order, with any key order,
 * hash alike; any change to an id, name, description or example changes it. Cached label vectors and
 * classifications are keyed by it, so they are dropped when the taxonomy is edited.
 */
export function taxonomyHash(taxonomy: Taxonomy): string {
  const labels = [...taxonomy.labels]
    .map((l) => ({ id: l.id, zh: l.zh, en: l.en, description: l.description, examples: l.examples }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash('sha256')
    .update(canonicalJson({ v: 1, labels }))
    .digest('hex');
}

/** The label's display name in a language, `other` included even when the taxonomy does not list it. */
export function labelName(taxonomy: Taxonomy, id: string, language: 'zh' | 'en'): string {
  const label = taxonomy.labels.find((l) => l.id === id);
  if (label) return label[language];
  if (id === OTHER_LABEL_ID) return language === 'zh' ? '其他' : 'Other';
  return id;
}
