import { describe, expect, it } from 'vitest';
import { extractChoice, MAX_REPLY_CHARS } from '../../src/eval/extract-choice.js';

/** Replies as models write them to C-Eval / CMMLU / MMLU-style questions, and the letter they chose. */
const REPLIES: [reply: string, expected: string | null][] = [
  // Bare answers (the OpenCompass prompt ends with `答案: `).
  ['C', 'C'],
  [' B\n', 'B'],
  ['Ｃ', 'C'],
  ['D。', 'D'],
  ['A. 北京', 'A'],
  ['(B) 上海是中国最大的城市。', 'B'],
  ['B、太阳', 'B'],
  // Chinese answer statements.
  ['答案是C', 'C'],
  ['答案：B', 'B'],
  ['答案为D。', 'D'],
  ['正确答案是A', 'A'],
  ['正确答案为 C 项。', 'C'],
  ['答案：（Ｂ）', 'B'],
  ['答案应该是选项C，因为光合作用发生在叶绿体中。', 'C'],
  ['【答案】D\n【解析】本题考查细胞结构……', 'D'],
  ['答：A', 'A'],
  ['本题答案：B', 'B'],
  ['参考答案：**C**', 'C'],
  ['解析：A选项说法错误，B选项说法正确，C、D均与题意不符。所以答案为B。', 'B'],
  ['A. 北京\nB. 上海\nC. 广州\nD. 深圳\n答案：B', 'B'],
  // Chinese conclusions and statements.
  ['故选C。', 'C'],
  ['综上所述，应选D。', 'D'],
  ['根据牛顿第二定律，F=ma，所以选B。', 'B'],
  ['这道题我选A。', 'A'],
  ['故本题选C。', 'C'],
  ['正确的是B。', 'B'],
  ['正确选项为D', 'D'],
  ['选D', 'D'],
  ['C选项正确。', 'C'],
  ['选项C是正确的。', 'C'],
  ['经过分析，D符合题意。', 'D'],
  ['因此选项A错误，B正确。', 'B'],
  ['【C】', 'C'],
  ['我认为是C。', 'C'],
  ['根据题意，B', 'B'],
  // Corrections and negations.
  ['不是A，是C', 'C'],
  ['不是A，而是C。', 'C'],
  ['A不对，应该选B', 'B'],
  ['排除A和B，答案是D', 'D'],
  ['A和B都不对，答案是C', 'C'],
  ['答案是A。不对，再想想，答案应该是C。', 'C'],
  ['选A，不对，应选B。', 'B'],
  ['我不选A，选B。', 'B'],
  ['首先排除A、B、C，只剩下D', 'D'],
  // English.
  ['The answer is B.', 'B'],
  ['Answer: (C)', 'C'],
  ['**Answer:** D', 'D'],
  ['The correct answer is option A because water boils at 100 °C at sea level.', 'A'],
  ['A good question! Mitochondria produce ATP, so the answer is C.', 'C'],
  ["Let's analyse each option. A is incorrect because... B is wrong as well. Therefore, the answer is D.", 'D'],
  ['I would go with option B.', 'B'],
  ['The correct option is (D).', 'D'],
  ['C is correct.', 'C'],
  ['**B**', 'B'],
  ['**D** is the correct choice here.', 'D'],
  ["The answer is not A, it's C.", 'C'],
  ["I wouldn't choose A; B is better.", 'B'],
  ['Option C', 'C'],
  ['A reasonable guess would be B.', 'B'],
  ['DNA is copied during the S phase, so B.', 'B'],
  ['Answer: C\nExplanation: A is incorrect since the API was removed.', 'C'],
  // Distractors: names with capital letters are not choices.
  ['维生素C缺乏会引起坏血病，故选A。', 'A'],
  ['C++ 和 Java 都是面向对象的语言，答案是D', 'D'],
  ['A股市场在2015年经历了大幅波动，B', 'B'],
  ['B超检查显示正常，所以选D', 'D'],
  ['C端用户增长最快的是B', 'B'],
  ['我觉得A对应的是第二种情况，选C', 'C'],
  ['The answer is a bit tricky, but I go with D.', 'D'],
  ['Both A and B are partly correct, but C is the best answer.', 'C'],
  // No choice at all: null.
  ['答案不是B', null],
  ['A不对', null],
  ['这个问题我无法回答。', null],
  ['以上选项都不对。', null],
  ["I don't know.", null],
  ['As an AI language model, I cannot answer this question.', null],
  ['The API returns JSON and the DNA sample was sequenced.', null],
  ['A and B are both wrong.', null],
  ["I don't think A is right.", null],
  ['维生素C缺乏会引起坏血病。', null],
  ['答案是E', null],
  ['', null],
];

describe('extractChoice (the MCQ answer extractor)', () => {
  it('has a table of at least 50 real-style replies', () => {
    expect(REPLIES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(REPLIES)('%j → %s', (reply, expected) => {
    expect(extractChoice(reply)).toBe(expected);
  });

  it('takes the options of the question: a fifth option E, or only A and B', () => {
    const five = ['A', 'B', 'C', 'D', 'E'];
    expect(extractChoice('答案是E', five)).toBe('E');
    expect(extractChoice('The answer is (E).', five)).toBe('E');
    expect(extractChoice('我选C', ['A', 'B'])).toBeNull();
    expect(extractChoice('我选B', ['A', 'B'])).toBe('B');
  });

  it('refuses options that are not distinct capital letters', () => {
    expect(() => extractChoice('A', ['a', 'b'])).toThrow(RangeError);
    expect(() => extractChoice('A', ['A', 'A'])).toThrow(RangeError);
    expect(() => extractChoice('A', [])).toThrow(RangeError);
    expect(() => extractChoice('A', ['AB'])).toThrow(RangeError);
  });

  it('reads a runaway reply by its start and end, fast', () => {
    const filler = '这是一段很长的推理过程，'.repeat(MAX_REPLY_CHARS);
    const started = performance.now();
    expect(extractChoice(`${filler}所以答案是C。`)).toBe('C');
    expect(extractChoice(`B。${filler}`)).toBe('B');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
