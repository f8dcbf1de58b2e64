import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/core/errors.js';
import {
  groundingMessage,
  insertGrounding,
  MarkerScanner,
  numberPassages,
  PASSAGE_BUDGET_CHARS,
} from '../../src/knowledge/grounded-prompt.js';
import { knowledgeAsk, retrievalQuery, withoutExtension } from '../../src/knowledge/knowledge-request.js';
import type { SearchHit } from '../../src/knowledge/knowledge-types.js';

const hit = (id: string, text: string, score = 0.5, titlePath: string[] = []): SearchHit => ({
  chunk: { id, kbId: 'kb_x', documentId: `doc_${id}`, index: 0, text, titlePath, tokens: 10, kind: 'text' },
  document: { id: `doc_${id}`, name: `${id}.md`, title: null, metadata: {} },
  score,
  ranks: { fused: 1 },
  scores: { fused: score },
});

describe('grounded prompt', () => {
  it('numbers passages from 1 and stops at the character budget (always keeping the first)', () => {
    const big = 'x'.repeat(PASSAGE_BUDGET_CHARS - 10);
    const ps = numberPassages([
      { base: 'a', hit: hit('c1', big) },
      { base: 'a', hit: hit('c2', 'y'.repeat(20)) },
    ]);
    expect(ps.map((p) => p.index)).toEqual([1]);
    expect(numberPassages([{ base: 'a', hit: hit('c1', 'x'.repeat(PASSAGE_BUDGET_CHARS * 2)) }])).toHaveLength(1);
  });

  it('writes the passages with their markers, in Chinese for a Chinese question', () => {
    const ps = numberPassages([
      { base: 'hr', hit: hit('c1', '年假为十五天。', 0.9, ['员工手册', '休假']) },
      { base: 'hr', hit: hit('c2', '病假需提供证明。', 0.4) },
    ]);
    const zh = groundingMessage('年假有几天？', ps).content as string;
    expect(zh).toContain('[1] 《c1.md》 员工手册 > 休假\n年假为十五天。');
    expect(zh).toContain('[2] 《c2.md》\n病假需提供证明。');
    expect(zh).toContain('标注其编号');
    const en = groundingMessage('How many days of leave?', ps).content as string;
    expect(en).toContain('[1] "c1.md" 员工手册 > 休假');
    expect(en).toContain('End each sentence');
    expect(groundingMessage('年假？', []).content).toContain('没有检索到');
  });

  it('puts the grounding after the leading system messages', () => {
    const g = { role: 'system' as const, content: 'G' };
    expect(insertGrounding([{ role: 'user', content: 'q' }], g).map((m) => m.content)).toEqual(['G', 'q']);
    expect(
      insertGrounding(
        [
          { role: 'system', content: 's' },
          { role: 'developer', content: 'd' },
          { role: 'user', content: 'q' },
        ],
        g,
      ).map((m) => m.content),
    ).toEqual(['s', 'd', 'G', 'q']);
  });

  it('finds markers, also split between pieces and in full-width or list forms', () => {
    const s = new MarkerScanner();
    for (const piece of ['年假十五天[', '1]。病假【2', '】，见 [3, 4] 与 [5，6]', '。数组 a[0] 不算？']) s.push(piece);
    expect([...s.seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const t = new MarkerScanner();
    t.push('no markers here [ just a bracket');
    expect(t.seen.size).toBe(0);
  });
});

describe('knowledge request extension', () => {
  const req = (knowledge?: unknown) => ({
    model: 'm',
    messages: [{ role: 'user' as const, content: 'hi' }],
    ...(knowledge === undefined ? {} : { knowledge }),
  });

  it('merges the alias bases with the request bases, distinct, alias first', () => {
    expect(knowledgeAsk(undefined, req())).toBeUndefined();
    expect(knowledgeAsk([], req())).toBeUndefined();
    expect(knowledgeAsk(['hr'], req())).toEqual({ bases: ['hr'] });
    expect(knowledgeAsk(['hr'], req(['it', 'hr']))).toEqual({ bases: ['hr', 'it'] });
    expect(knowledgeAsk(undefined, req({ bases: ['产品手册'], top_k: 3, mode: 'keyword' }))).toEqual({
      bases: ['产品手册'],
      topK: 3,
      mode: 'keyword',
    });
  });

  it('refuses a malformed extension with a 400 naming the field', () => {
    for (const bad of [[], 'hr', [''], ['a b'], { bases: ['x'], top_k: 0 }, { bases: ['x'], extra: 1 }, Array(9).fill('x')]) {
      let err: unknown;
      try {
        knowledgeAsk(undefined, req(bad));
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(bad)).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).status).toBe(400);
      expect((err as GatewayError).param).toBe('knowledge');
    }
  });

  it('removes the extension before the provider sees the request', () => {
    expect('knowledge' in withoutExtension(req(['hr']))).toBe(false);
  });

  it('searches the last user message, text parts joined, bounded', () => {
    expect(
      retrievalQuery([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'a' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '年假' },
            { type: 'image_url', image_url: { url: 'x' } },
            { type: 'text', text: '几天' },
          ],
        },
        { role: 'tool', content: 'tool output', tool_call_id: 't' },
      ]),
    ).toBe('年假\n几天');
    expect(retrievalQuery([{ role: 'user', content: 'x'.repeat(10_000) }])).toHaveLength(4000);
    expect(retrievalQuery([{ role: 'system', content: 's' }])).toBe('');
  });
});
