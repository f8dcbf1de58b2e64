import { describe, expect, it } from 'vitest';
import type { McqItem } from '../../src/eval/dataset-formats.js';
import { mcqAnswerTurn, mcqMessages, mcqQuestionPrompt } from '../../src/eval/mcq-prompt.js';

const item = (id: string, subject: string, answer?: 'A' | 'B' | 'C' | 'D', split: McqItem['split'] = 'dev'): McqItem => ({
  id: `${subject}/${split}/${id}`,
  subject,
  split,
  question: `问题${id}`,
  options: { A: `甲${id}`, B: `乙${id}`, C: `丙${id}`, D: `丁${id}` },
  ...(answer ? { answer } : {}),
  file: 'f.csv',
  line: 2,
});

describe('mcqQuestionPrompt (OpenCompass templates)', () => {
  it('C-Eval: 以下是中国关于{subject}考试的单项选择题，请选出其中的正确答案。…答案: ', () => {
    expect(mcqQuestionPrompt('ceval', item('1', 'computer_network'))).toBe(
      '以下是中国关于计算机网络考试的单项选择题，请选出其中的正确答案。\n问题1\nA. 甲1\nB. 乙1\nC. 丙1\nD. 丁1\n答案: ',
    );
  });

  it('CMMLU: 以下是关于{subject}的单项选择题，请直接给出正确答案的选项。\\n题目：…', () => {
    expect(mcqQuestionPrompt('cmmlu', item('1', 'chinese_food_culture'))).toBe(
      '以下是关于中国饮食文化的单项选择题，请直接给出正确答案的选项。\n题目：问题1\nA. 甲1\nB. 乙1\nC. 丙1\nD. 丁1',
    );
  });

  it('names a subject the benchmark does not list by its id', () => {
    expect(mcqQuestionPrompt('ceval', item('1', 'our_products'))).toMatch(/^以下是中国关于our products考试的单项选择题/);
  });

  it('answers few-shot examples with the letter (C-Eval) or 答案是: X (CMMLU)', () => {
    expect(mcqAnswerTurn('ceval', 'B')).toBe('B');
    expect(mcqAnswerTurn('cmmlu', 'B')).toBe('答案是: B');
  });
});

describe('mcqMessages', () => {
  const shots = [item('0', 'logic', 'A'), item('1', 'logic', 'C')];
  const q = item('9', 'logic', 'D', 'val');
  /** The same items as a CMMLU subject (CMMLU calls logic `logical`, 逻辑学 too). */
  const cm = (x: McqItem): McqItem => ({ ...x, subject: 'logical' });

  it('turns: a user/assistant pair per example, then the question', () => {
    expect(mcqMessages(q, { format: 'ceval', shots })).toEqual([
      {
        role: 'user',
        content: '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题0\nA. 甲0\nB. 乙0\nC. 丙0\nD. 丁0\n答案: ',
      },
      { role: 'assistant', content: 'A' },
      {
        role: 'user',
        content: '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题1\nA. 甲1\nB. 乙1\nC. 丙1\nD. 丁1\n答案: ',
      },
      { role: 'assistant', content: 'C' },
      {
        role: 'user',
        content: '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题9\nA. 甲9\nB. 乙9\nC. 丙9\nD. 丁9\n答案: ',
      },
    ]);
    expect(mcqMessages(cm(q), { format: 'cmmlu', shots: shots.slice(0, 1).map(cm) })).toEqual([
      { role: 'user', content: '以下是关于逻辑学的单项选择题，请直接给出正确答案的选项。\n题目：问题0\nA. 甲0\nB. 乙0\nC. 丙0\nD. 丁0' },
      { role: 'assistant', content: '答案是: A' },
      { role: 'user', content: '以下是关于逻辑学的单项选择题，请直接给出正确答案的选项。\n题目：问题9\nA. 甲9\nB. 乙9\nC. 丙9\nD. 丁9' },
    ]);
  });

  it('zero-shot is the one question', () => {
    expect(mcqMessages(q, { format: 'ceval' })).toEqual([{ role: 'user', content: mcqQuestionPrompt('ceval', q) }]);
  });

  it('single: examples and question in one user message, joined by a blank line', () => {
    expect(mcqMessages(q, { format: 'ceval', shots, layout: 'single' })).toEqual([
      {
        role: 'user',
        content:
          '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题0\nA. 甲0\nB. 乙0\nC. 丙0\nD. 丁0\n答案: A\n\n' +
          '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题1\nA. 甲1\nB. 乙1\nC. 丙1\nD. 丁1\n答案: C\n\n' +
          '以下是中国关于逻辑学考试的单项选择题，请选出其中的正确答案。\n问题9\nA. 甲9\nB. 乙9\nC. 丙9\nD. 丁9\n答案: ',
      },
    ]);
    expect(mcqMessages(cm(q), { format: 'cmmlu', shots: shots.slice(1).map(cm), layout: 'single' })[0].content).toBe(
      '以下是关于逻辑学的单项选择题，请直接给出正确答案的选项。\n题目：问题1\nA. 甲1\nB. 乙1\nC. 丙1\nD. 丁1\n答案是: C\n\n' +
        '以下是关于逻辑学的单项选择题，请直接给出正确答案的选项。\n题目：问题9\nA. 甲9\nB. 乙9\nC. 丙9\nD. 丁9',
    );
  });

  it('leaves out the item itself and unanswered examples', () => {
    const self = item('0', 'logic', 'A');
    const messages = mcqMessages(self, { format: 'ceval', shots: [self, item('2', 'logic'), item('3', 'logic', 'B')] });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1].content).toBe('B');
  });
});
