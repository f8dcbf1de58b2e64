import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import { parseTaxonomy } from '../../src/analytics/taxonomy.js';
import { parseZeroShotReply, zeroShotMessages } from '../../src/analytics/topic-zero-shot.js';

describe('zero-shot prompt', () => {
  it('lists every label with id, both names and description, in both languages, and bounds the request', () => {
    const messages = zeroShotMessages(DEFAULT_TAXONOMY, `  写一段代码\n${'x'.repeat(10_000)}`);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    const system = String(messages[0]!.content);
    for (const l of DEFAULT_TAXONOMY.labels) expect(system).toContain(`- ${l.id}: ${l.zh} / ${l.en} — ${l.description}`);
    expect(system).toContain('只回答一个类别 id');
    expect(system).toContain('exactly one category id');
    const user = String(messages[1]!.content);
    expect(user).toContain('写一段代码 xxx');
    expect(user.length).toBeLessThan(2100);
  });

  it('adds other when the taxonomy does not list it', () => {
    const t = parseTaxonomy({ labels: [{ id: 'a', zh: '甲', en: 'A', examples: ['x'] }] });
    expect(String(zeroShotMessages(t, 'q')[0]!.content)).toContain('- other: 其他 / Other');
  });
});

describe('zero-shot reply parser', () => {
  it.each<[string, string | undefined]>([
    ['code', 'code'],
    ['  knowledge_qa\n', 'knowledge_qa'],
    ['"translation"', 'translation'],
    ['`data_analysis`', 'data_analysis'],
    ['**finance**', 'finance'],
    ['Code.', 'code'],
    ['代码', 'code'],
    ['「翻译」', 'translation'],
    ['知识问答。', 'knowledge_qa'],
    ['办公/总结', 'office'],
    ['Knowledge Q&A', 'knowledge_qa'],
    ['marketing copy', 'marketing'],
    ['Emotional Support', 'companionship'],
    ['{"label": "legal"}', 'legal'],
    ['```json\n{"id": "medical", "reason": "symptoms"}\n```', 'medical'],
    ['{"category": "角色扮演"}', 'roleplay'],
    ['The request asks to debug a function, so the category is code.', 'code'],
    ['这个请求属于「翻译」类别。', 'translation'],
    ['类别：医疗', 'medical'],
    ['Answer: education', 'education'],
    ['<think>It could be writing or marketing… the user wants a slogan.</think>marketing', 'marketing'],
    ['other', 'other'],
    ['其他', 'other'],
    ['Not writing but marketing copy? The answer is: marketing', 'marketing'],
    ['I think this is about copywriting', undefined],
    ['It could be code or translation.', undefined],
    ['', undefined],
    ['I cannot decide.', undefined],
    ['codebase', undefined],
    ['{"label": "nonsense"}', undefined],
  ])('%j → %s', (reply, want) => {
    expect(parseZeroShotReply(reply, DEFAULT_TAXONOMY)).toBe(want);
  });

  it('reads only the head of a huge reply', () => {
    expect(parseZeroShotReply(`code${' filler'.repeat(10_000)} translation`, DEFAULT_TAXONOMY)).toBe('code');
  });
});
