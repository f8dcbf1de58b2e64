import { describe, expect, it } from 'vitest';
import { parseJudgeDataset } from '../../src/eval/judge-dataset.js';
import { parseQaDataset } from '../../src/eval/qa-dataset.js';
import { parseSafetyDataset } from '../../src/eval/safety-dataset.js';
import { errorOf, expectBilingual } from './eval-errors.js';

const jsonl = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('QA datasets', () => {
  it('reads JSONL with input and reference (one or a list), own ids kept, others hashed', () => {
    const { items, warnings } = parseQaDataset(
      jsonl(
        { id: 'cap', input: '中国的首都？', reference: '北京' },
        { input: '一年几个月？', reference: ['12', '十二'] },
        { id: 7, input: '2+2?', reference: 4 },
      ),
      { layout: 'jsonl', source: 'qa.jsonl' },
    );
    expect(warnings).toEqual([]);
    expect(items[0]).toEqual({ id: 'cap', input: '中国的首都？', reference: '北京', references: ['北京'], line: 1 });
    expect(items[1].reference).toBe('12');
    expect(items[1].references).toEqual(['12', '十二']);
    expect(items[1].id).toMatch(/^h[0-9a-f]{12}$/);
    expect(items[2]).toMatchObject({ id: '7', reference: '4', line: 3 });
  });

  it('reads the same items from CSV with the same content-hash ids, whatever the order', () => {
    const a = parseQaDataset('input,reference\n一年几个月？,12\n水的化学式？,H2O\n', { layout: 'csv' }).items;
    const b = parseQaDataset('reference,input\r\nH2O,水的化学式？\r\n12,一年几个月？\r\n', { layout: 'csv' }).items;
    expect(a.map((i) => i.id).sort()).toEqual(b.map((i) => i.id).sort());
    expect(a.find((i) => i.reference === 'H2O')!.id).toBe(b.find((i) => i.reference === 'H2O')!.id);
    expect(b[0].line).toBe(2);
  });

  it('gives repeated content distinct ids and refuses a repeated own id, naming both lines', () => {
    const { items } = parseQaDataset(jsonl({ input: 'q', reference: 'a' }, { input: 'q', reference: 'a' }), { layout: 'jsonl' });
    expect(items[1].id).toBe(`${items[0].id}~2`);
    const e = errorOf(() =>
      parseQaDataset(jsonl({ id: 'x', input: 'q', reference: 'a' }, { id: 'x', input: 'r', reference: 'b' }), { layout: 'jsonl' }),
    );
    expect(e.line).toBe(2);
    expect(e.en).toContain('first on line 1');
  });

  it('warns once about fields it does not read', () => {
    const { warnings } = parseQaDataset(
      jsonl({ input: 'q', reference: 'a', source: 'x' }, { input: 'r', reference: 'b', source: 'y', level: 1 }),
      {
        layout: 'jsonl',
      },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Ignored fields: source, level');
  });

  it('names the line of malformed JSON, a non-object, a missing field, a wrong type and an oversized field', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"input":"q","reference":"a"}\n\n{"input": "q", reference}\n', 3, /not valid JSON/],
      ['{"input":"q","reference":"a"}\n["q","a"]\n', 2, /must be a JSON object/],
      [
        '{"input":"q","reference":"a"}\n{"question":"q","answer":"a"}\n',
        2,
        /"input" is missing or empty \(fields found: question, answer\)/,
      ],
      ['{"input":"q","reference":"  "}\n', 1, /"reference" is missing or empty/],
      ['{"input":{"text":"q"},"reference":"a"}\n', 1, /"input" must be text/],
      ['{"input":"q","reference":[]}\n', 1, /"reference" is missing/],
      [`{"input":"${'x'.repeat(32_001)}","reference":"a"}\n`, 1, /32001 characters; at most 32000/],
    ];
    for (const [text, line, message] of cases) {
      const e = errorOf(() => parseQaDataset(text, { layout: 'jsonl', source: 'qa.jsonl' }));
      expect(e.line, text.slice(0, 60)).toBe(line);
      expect(e.en).toMatch(message);
      expect(e.message.startsWith(`qa.jsonl: line ${line}: `)).toBe(true);
      expectBilingual(e);
    }
  });

  it('names the line of a CSV row with the wrong number of fields, and refuses an empty file', () => {
    const e = errorOf(() => parseQaDataset('input,reference\n"a, b",c\nd,e,f\n', { layout: 'csv' }));
    expect(e.line).toBe(3);
    expect(e.en).toContain('3 fields; the header has 2');
    expect(errorOf(() => parseQaDataset('\n\n', { layout: 'jsonl' })).en).toBe('The file has no items.');
    expect(errorOf(() => parseQaDataset('input,reference\n', { layout: 'csv' })).en).toBe('The file has no items.');
  });

  it('does not take inherited properties as fields', () => {
    const e = errorOf(() => parseQaDataset('{"constructor":"x","reference":"a"}\n', { layout: 'jsonl' }));
    expect(e.en).toContain('"input" is missing');
    expect(parseQaDataset('{"__proto__":"x","input":"q","reference":"a"}\n', { layout: 'jsonl' }).items[0].input).toBe('q');
  });
});

describe('judge datasets', () => {
  it('reads input with optional reference and rubric', () => {
    const { items } = parseJudgeDataset(jsonl({ id: 'a', input: '写一首诗' }, { id: 'b', input: 'q', reference: 'r', rubric: '准确性' }), {
      layout: 'jsonl',
    });
    expect(items).toEqual([
      { id: 'a', input: '写一首诗', line: 1 },
      { id: 'b', input: 'q', reference: 'r', rubric: '准确性', line: 2 },
    ]);
  });

  it('with requireRubric, names the line of an item without a rubric', () => {
    const text = 'input,rubric\nq1,清楚\nq2,\n';
    expect(parseJudgeDataset(text, { layout: 'csv' }).items[1]).toEqual({ id: expect.stringMatching(/^h/), input: 'q2', line: 3 });
    const e = errorOf(() => parseJudgeDataset(text, { layout: 'csv', requireRubric: true }));
    expect(e.line).toBe(3);
    expect(e.en).toContain('no "rubric"');
  });
});

describe('safety banks', () => {
  it('reads input, risk_id and should_refuse from JSONL booleans and CSV words', () => {
    const a = parseSafetyDataset(
      jsonl({ input: 'q', risk_id: 'A.1.7', should_refuse: true }, { input: 'r', risk_id: 'my-cat', should_refuse: 0 }),
      {
        layout: 'jsonl',
      },
    ).items;
    expect(a.map((i) => [i.riskId, i.shouldRefuse])).toEqual([
      ['A.1.7', true],
      ['my-cat', false],
    ]);
    const b = parseSafetyDataset('input,risk_id,should_refuse\nq1, A.2.5 ,是\nq2,A.2.5,否\nq3,A.2.5,YES\nq4,A.2.5,false\n', {
      layout: 'csv',
    }).items;
    expect(b.map((i) => [i.riskId, i.shouldRefuse])).toEqual([
      ['A.2.5', true],
      ['A.2.5', false],
      ['A.2.5', true],
      ['A.2.5', false],
    ]);
  });

  it('names the line of a should_refuse that is not a yes/no, and of a missing risk_id', () => {
    const e = errorOf(() =>
      parseSafetyDataset('input,risk_id,should_refuse\nq,A.1.1,true\nq2,A.1.1,maybe\n', { layout: 'csv', source: 'bank.csv' }),
    );
    expect(e.line).toBe(3);
    expect(e.en).toContain('must be true or false (got "maybe")');
    expectBilingual(e);
    expect(errorOf(() => parseSafetyDataset(jsonl({ input: 'q', should_refuse: true }), { layout: 'jsonl' })).en).toContain(
      '"risk_id" is missing',
    );
    expect(errorOf(() => parseSafetyDataset(jsonl({ input: 'q', risk_id: 'A', should_refuse: null }), { layout: 'jsonl' })).en).toContain(
      '"should_refuse" is missing',
    );
  });
});
