import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/core/time-sliced.js';
import { parseBattleLines } from '../../src/eval/arena-import.js';
import { judgeBattleId, planPairs } from '../../src/eval/arena-judge-job.js';
import { arenaPool, drawPair } from '../../src/eval/arena-pool.js';
import { EvalInputError } from '../../src/eval/eval-input-error.js';
import { combineVerdicts, pairwiseMessages, parsePairwiseVerdict } from '../../src/eval/pairwise-prompt.js';
import { seededRng } from '../../src/eval/seeded-rng.js';

// The arena's pure parts: the JSONL reader, the pairwise judge prompt and its verdicts, the
// candidate pool of blind battles, and the judge job's deterministic plan.

describe('parseBattleLines', () => {
  it('reads battles, skips blank lines, accepts a BOM, CRLF and Chatbot Arena’s "tie (bothbad)"', () => {
    const text =
      '\ufeff{"model_a":"a","model_b":"b","winner":"model_b"}\r\n\r\n{"model_a":" c ","model_b":"a","winner":"tie (bothbad)","prompt":"p"}\n';
    const r = runToEnd(parseBattleLines(text));
    expect(r.invalid).toBe(0);
    expect(r.battles).toEqual([
      { line: 1, model_a: 'a', model_b: 'b', winner: 'model_b', prompt: null, answer_a: null, answer_b: null },
      { line: 3, model_a: 'c', model_b: 'a', winner: 'both_bad', prompt: 'p', answer_a: null, answer_b: null },
    ]);
  });

  it('reports each bad line by number, in English and Chinese', () => {
    const lines = [
      '{"model_a":"a","model_b":"b","winner":"model_a"}',
      '{"model_a":"a","model_b":"b","winner":"constructor"}',
      '{"model_a":1,"model_b":"b","winner":"tie"}',
      '{"model_a":"a","model_b":"b","winner":"tie","prompt":7}',
      `{"model_a":"a","model_b":"b","winner":"tie","answer_b":"${'长'.repeat(20_001)}"}`,
      '{"__proto__":{"x":1},"model_a":"a","model_b":"b","winner":"tie"}',
    ];
    const r = runToEnd(parseBattleLines(lines.join('\n')));
    expect(r.battles.map((b) => b.line)).toEqual([1, 6]);
    expect(r.errors).toEqual([
      { line: 2, en: 'winner must be model_a, model_b, tie or both_bad', zh: 'winner 必须是 model_a、model_b、tie 或 both_bad' },
      { line: 3, en: 'model_a must be a string', zh: 'model_a 必须是字符串' },
      { line: 4, en: 'prompt must be a string', zh: 'prompt 必须是字符串' },
      { line: 5, en: 'answer_b is longer than 20000 characters', zh: 'answer_b 超过 20000 个字符' },
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('counts every bad line but lists at most 1,000; refuses too many lines whole', () => {
    const r = runToEnd(parseBattleLines('x\n'.repeat(1_500)));
    expect(r.invalid).toBe(1_500);
    expect(r.errors).toHaveLength(1_000);
    expect(() => runToEnd(parseBattleLines('{}\n'.repeat(500_001), 'big.jsonl'))).toThrow(EvalInputError);
    // Trailing blank lines do not count against the bound.
    expect(runToEnd(parseBattleLines('{}\n'.repeat(10) + '\n'.repeat(500_000))).invalid).toBe(10);
  });
});

describe('pairwise judge prompt', () => {
  it('puts the question and both answers under their headings (zh by default, en on request)', () => {
    const zh = pairwiseMessages({ question: '问', answerA: '甲', answerB: '乙' });
    expect(zh[0].role).toBe('system');
    expect(zh[0].content).toContain('[[A]]');
    expect(zh[1]).toEqual({
      role: 'user',
      content: '[用户问题]\n问\n\n[助手 A 的回答开始]\n甲\n[助手 A 的回答结束]\n\n[助手 B 的回答开始]\n乙\n[助手 B 的回答结束]',
    });
    const en = pairwiseMessages({ question: 'q', answerA: 'x', answerB: 'y', language: 'en' });
    expect(en[1].content).toBe(
      "[User Question]\nq\n\n[The Start of Assistant A's Answer]\nx\n[The End of Assistant A's Answer]\n\n[The Start of Assistant B's Answer]\ny\n[The End of Assistant B's Answer]",
    );
  });

  it('reads the last verdict, full-width brackets too; none is undefined', () => {
    expect(parsePairwiseVerdict('A is wordy. [[B]]')).toBe('B');
    expect(parsePairwiseVerdict('Not [[A]] but... final: [[ C ]]')).toBe('tie');
    expect(parsePairwiseVerdict('裁决：［［A］］')).toBe('A');
    expect(parsePairwiseVerdict('【【b】】')).toBe('B');
    expect(parsePairwiseVerdict('I cannot decide. [A]')).toBeUndefined();
  });

  it('agreeing verdicts of both orders decide; disagreeing ones are a tie', () => {
    expect(combineVerdicts('A', 'B')).toBe('model_a');
    expect(combineVerdicts('B', 'A')).toBe('model_b');
    expect(combineVerdicts('A', 'A')).toBe('tie');
    expect(combineVerdicts('B', 'B')).toBe('tie');
    expect(combineVerdicts('tie', 'tie')).toBe('tie');
    expect(combineVerdicts('A', 'tie')).toBe('tie');
  });
});

describe('the blind battles’ pool', () => {
  const config = {
    providers: {
      deepseek: { type: 'deepseek' },
      local: { type: 'openai-compatible', base_url: 'http://x/v1', models: ['qwen2.5:7b', 'bge-m3'] },
    },
    models: [
      { name: 'chat', targets: [{ provider: 'deepseek', model: 'deepseek-chat', weight: 1 }], fallbacks: [] },
      { name: 'embed', targets: [{ provider: 'local', model: 'bge-m3', weight: 1 }], fallbacks: [] },
    ],
  } as never;
  const listings = [
    'chat',
    'embed',
    'deepseek/deepseek-chat',
    'deepseek/deepseek-reasoner',
    'local/qwen2.5:7b',
    'local/bge-m3',
    'local/text-embedding-v3',
  ];

  it('is every chat alias and chat provider/model not already behind an alias', () => {
    expect(arenaPool({ config, listings })).toEqual(['chat', 'deepseek/deepseek-reasoner', 'local/qwen2.5:7b']);
  });

  it('is arena.models when configured; the evaluation key’s allow-list applies either way', () => {
    const configured = { ...(config as object), arena: { models: ['b', 'a', 'c'] } } as never;
    expect(arenaPool({ config: configured, listings })).toEqual(['b', 'a', 'c']);
    expect(arenaPool({ config: configured, listings }, (m) => m !== 'a')).toEqual(['b', 'c']);
    expect(arenaPool({ config, listings }, (m) => m.startsWith('local/'))).toEqual(['local/qwen2.5:7b']);
  });

  it('draws two different models, each side from the whole pool', () => {
    const rng = seededRng(3);
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const [a, b] = drawPair(['x', 'y', 'z'], rng)!;
      expect(a).not.toBe(b);
      seen.add(`${a}${b}`);
    }
    expect([...seen].sort()).toEqual(['xy', 'xz', 'yx', 'yz', 'zx', 'zy']);
    expect(drawPair(['only'])).toBeUndefined();
  });
});

describe('the judge job’s plan', () => {
  it('is the same for the same job (so a resumed job finds its battles), different for another', () => {
    const input = { prompts: ['p1', 'p2', 'p3'], models: ['a', 'b', 'c', 'd'], pairs: 'random' as const };
    const one = planPairs('job_x', input.prompts, input);
    expect(planPairs('job_x', input.prompts, input)).toEqual(one);
    expect(one).toHaveLength(3);
    expect(one.every((p) => p.a !== p.b && p.id === judgeBattleId('job_x', p.prompt, p.a, p.b))).toBe(true);
    expect(planPairs('job_y', input.prompts, input).map((p) => p.id)).not.toEqual(one.map((p) => p.id));
    const all = planPairs('job_x', input.prompts, { ...input, pairs: 'all' });
    expect(all).toHaveLength(18);
    expect(new Set(all.map((p) => p.id)).size).toBe(18);
    expect(new Set(all.filter((p) => p.prompt === 0).map((p) => [p.a, p.b].sort().join()))).toEqual(
      new Set(['a,b', 'a,c', 'a,d', 'b,c', 'b,d', 'c,d']),
    );
  });
});
