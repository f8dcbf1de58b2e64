import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import {
  labelName,
  OTHER_LABEL_ID,
  parseTaxonomy,
  TAXONOMY_LIMITS,
  TaxonomyError,
  taxonomyHash,
  type Taxonomy,
} from '../../src/analytics/taxonomy.js';
import { LIMITS } from '../../src/core/limits.js';

const label = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  zh: `标签${id}`,
  en: `Label ${id}`,
  examples: [`example ${id}`],
  ...extra,
});

function parseError(input: unknown): TaxonomyError {
  try {
    parseTaxonomy(input);
  } catch (err) {
    expect(err).toBeInstanceOf(TaxonomyError);
    return err as TaxonomyError;
  }
  throw new Error('expected the taxonomy to be refused');
}

describe('taxonomy', () => {
  it('ships a valid bilingual default with the scenarios of public usage reports', () => {
    const t = parseTaxonomy(DEFAULT_TAXONOMY);
    const ids = t.labels.map((l) => l.id);
    for (const id of [
      'knowledge_qa',
      'writing',
      'code',
      'translation',
      'education',
      'finance',
      'medical',
      'legal',
      'office',
      'marketing',
      'data_analysis',
      'companionship',
      'roleplay',
      'chitchat',
      OTHER_LABEL_ID,
    ])
      expect(ids).toContain(id);
    expect(t.labels.find((l) => l.id === 'knowledge_qa')!.zh).toBe('知识问答');
    for (const l of t.labels.filter((x) => x.id !== OTHER_LABEL_ID)) {
      expect(
        l.examples.some((e) => /[\u4e00-\u9fff]/.test(e)),
        `${l.id} has a Chinese example`,
      ).toBe(true);
      expect(
        l.examples.some((e) => /^[\x20-\x7e]+$/.test(e)),
        `${l.id} has an English example`,
      ).toBe(true);
      expect(l.description.length).toBeGreaterThan(0);
    }
  });

  it('a full taxonomy fits one embeddings request (label vectors are built in one call)', () => {
    expect(TAXONOMY_LIMITS.maxLabels * TAXONOMY_LIMITS.maxExamples).toBeLessThanOrEqual(LIMITS.embeddingInputs);
  });

  it('fills defaults and trims', () => {
    const t = parseTaxonomy({
      labels: [
        { id: 'a', zh: ' 甲 ', en: ' A ', examples: [' x '] },
        { id: 'other', zh: '其他', en: 'Other' },
      ],
    });
    expect(t.labels[0]).toEqual({ id: 'a', zh: '甲', en: 'A', description: '', examples: ['x'] });
    expect(t.labels[1]!.examples).toEqual([]);
  });

  it.each([
    ['no labels', { labels: [] }, 'labels', 'must not be empty', '不能为空'],
    ['too many labels', { labels: Array.from({ length: 101 }, (_, i) => label(`l${i}`)) }, 'labels', 'more than 100', '超过 100 项'],
    ['a bad id', { labels: [label('Bad Id')] }, 'labels[0].id', 'lowercase letter', '小写字母'],
    ['an id ending in _', { labels: [label('ab_')] }, 'labels[0].id', 'lowercase letter', '小写字母'],
    ['a duplicate id', { labels: [label('a'), label('a', { zh: '别的', en: 'Else' })] }, 'labels[1].id', 'another label', '重复'],
    ['a duplicate English name', { labels: [label('a'), label('b', { en: 'label A' })] }, 'labels[1].en', 'another label', '重复'],
    ['a label without examples', { labels: [label('a', { examples: [] })] }, 'labels[0].examples', 'at least one example', '示例'],
    ['only other', { labels: [label('other', { examples: [] })] }, 'labels', 'besides "other"', '至少需要一个标签'],
    ['a long name', { labels: [label('a', { zh: '长'.repeat(61) })] }, 'labels[0].zh', 'longer than 60', '超过 60 个字符'],
    [
      'too many examples',
      { labels: [label('a', { examples: Array.from({ length: 21 }, (_, i) => `e${i}`) })] },
      'labels[0].examples',
      'more than 20',
      '超过 20',
    ],
    ['a long example', { labels: [label('a', { examples: ['x'.repeat(501)] })] }, 'labels[0].examples[0]', 'longer than 500', '超过 500'],
    ['an unknown field', { labels: [label('a', { colour: 'red' })] }, 'labels[0]', 'unknown fields: colour', '未知字段'],
    ['a wrong type', { labels: 'code' }, 'labels', 'must be a list', '类型'],
  ])('refuses %s with a bilingual error and its path', (_name, input, path, en, zh) => {
    const err = parseError(input);
    expect(err.path).toBe(path);
    expect(err.en).toContain(en);
    expect(err.zh).toContain(zh);
    expect(err.message).toContain(`${path}: `);
  });

  it('hashes content, not order', () => {
    const a: Taxonomy = parseTaxonomy({ labels: [label('a'), label('b')] });
    const b: Taxonomy = {
      labels: [...a.labels].reverse().map((l) => ({ examples: l.examples, description: l.description, en: l.en, zh: l.zh, id: l.id })),
    };
    expect(taxonomyHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(taxonomyHash(b)).toBe(taxonomyHash(a));
    expect(taxonomyHash(parseTaxonomy(structuredClone(a)))).toBe(taxonomyHash(a));
    const edits: Array<(t: Taxonomy) => void> = [
      (t) => (t.labels[0]!.id = 'c'),
      (t) => (t.labels[0]!.zh = '改'),
      (t) => (t.labels[0]!.en = 'Changed'),
      (t) => (t.labels[0]!.description = 'new'),
      (t) => t.labels[0]!.examples.push('another'),
      (t) => t.labels.pop(),
    ];
    const hashes = new Set([taxonomyHash(a)]);
    for (const edit of edits) {
      const t = structuredClone(a);
      edit(t);
      hashes.add(taxonomyHash(t));
    }
    expect(hashes.size).toBe(edits.length + 1);
  });

  it('names labels in both languages, other included', () => {
    const t = parseTaxonomy({ labels: [label('a')] });
    expect(labelName(t, 'a', 'zh')).toBe('标签a');
    expect(labelName(t, 'a', 'en')).toBe('Label a');
    expect(labelName(t, OTHER_LABEL_ID, 'zh')).toBe('其他');
    expect(labelName(t, OTHER_LABEL_ID, 'en')).toBe('Other');
  });
});
