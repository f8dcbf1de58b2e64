import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMcqDataset } from '../../src/eval/load-dataset.js';
import { detectMcqFormat, parseMcqCsv } from '../../src/eval/mcq-dataset.js';
import { selectMcqItems } from '../../src/eval/select-mcq-items.js';
import { errorOf, expectBilingual, rejectionOf } from './eval-errors.js';

const root = mkdtempSync(join(tmpdir(), 'baimo-eval-mcq-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
/** A fresh folder holding `files` (path → text or bytes). */
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = join(root, `d${++dirs}`);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

const CEVAL_HEAD = 'id,question,A,B,C,D,answer,explanation\n';
const ceval = (n: number, answer = 'A') =>
  CEVAL_HEAD + Array.from({ length: n }, (_, k) => `${k},题目${k},甲,乙,丙,丁,${answer},解析${k}\n`).join('');
const cmmlu = (n: number) => ',Question,A,B,C,D,Answer\n' + Array.from({ length: n }, (_, k) => `${k},问题${k},一,二,三,四,B\n`).join('');

describe('detectMcqFormat', () => {
  it('tells C-Eval (id column) from CMMLU (unnamed index), in any case, and neither from other headers', () => {
    expect(detectMcqFormat(['id', 'question', 'A', 'B', 'C', 'D', 'answer'])).toBe('ceval');
    expect(detectMcqFormat(['', 'Question', 'A', 'B', 'C', 'D', 'Answer'])).toBe('cmmlu');
    expect(detectMcqFormat([' ID ', 'QUESTION', 'a', 'b', 'c', 'd'])).toBe('ceval');
    expect(detectMcqFormat(['input', 'reference'])).toBeUndefined();
    expect(detectMcqFormat(['id', 'question', 'A', 'B', 'C'])).toBeUndefined();
  });
});

describe('parseMcqCsv', () => {
  it('reads a C-Eval file: ids {subject}/{split}/{id}, options, answer, explanation, multi-line questions', () => {
    const text = CEVAL_HEAD + '0,"1+1=?\n（单选）",1,2,3,4,b,因为…\n7,下列哪个正确？,"甲, 乙",乙,丙,丁,D,\n';
    const { items, warnings } = parseMcqCsv(text, 'ceval', { subject: 'logic', split: 'dev', file: 'logic_dev.csv' });
    expect(warnings).toEqual([]);
    expect(items[0]).toEqual({
      id: 'logic/dev/0',
      subject: 'logic',
      split: 'dev',
      question: '1+1=?\n（单选）',
      options: { A: '1', B: '2', C: '3', D: '4' },
      answer: 'B',
      explanation: '因为…',
      file: 'logic_dev.csv',
      line: 2,
    });
    expect(items[1]).toMatchObject({ id: 'logic/dev/7', options: { A: '甲, 乙' }, answer: 'D', line: 4 });
    expect(items[1]).not.toHaveProperty('explanation');
  });

  it('reads C-Eval test files without answers (no answer column, or an empty one)', () => {
    const a = parseMcqCsv('id,question,A,B,C,D\n0,q,a,b,c,d\n', 'ceval', { subject: 'law', split: 'test', file: 'law_test.csv' });
    expect(a.items[0]).not.toHaveProperty('answer');
    const b = parseMcqCsv('id,question,A,B,C,D,answer\n0,q,a,b,c,d,\n', 'ceval', { subject: 'law', split: 'test', file: 'law_test.csv' });
    expect(b.items[0].answer).toBeUndefined();
  });

  it('reads a CMMLU file: the unnamed index column is the id; without it, the 0-based row', () => {
    const a = parseMcqCsv(cmmlu(2), 'cmmlu', { subject: 'agronomy', split: 'test', file: 'test/agronomy.csv' });
    expect(a.items.map((i) => [i.id, i.answer, i.line])).toEqual([
      ['agronomy/test/0', 'B', 2],
      ['agronomy/test/1', 'B', 3],
    ]);
    const b = parseMcqCsv('Question,A,B,C,D,Answer\nq,a,b,c,d,C\nr,a,b,c,d,A\n', 'cmmlu', {
      subject: 'arts',
      split: 'dev',
      file: 'arts.csv',
    });
    expect(b.items.map((i) => i.id)).toEqual(['arts/dev/0', 'arts/dev/1']);
  });

  it('warns about extra columns', () => {
    const { warnings } = parseMcqCsv('id,question,A,B,C,D,answer,source\n0,q,a,b,c,d,A,x\n', 'ceval', {
      subject: 's',
      split: 'val',
      file: 'f',
    });
    expect(warnings[0]).toContain('Ignored columns: source');
  });

  it('names the line of every malformed row', () => {
    const opts = { subject: 'logic', split: 'val' as const, file: 'logic_val.csv' };
    const cases: Array<[string, number, RegExp]> = [
      [CEVAL_HEAD + '0,q,a,b,c,d,A,x\n1,q,a,b,c,d,E,x\n', 3, /answer must be A, B, C or D \(got "E"\)/],
      [CEVAL_HEAD + '0,q,a,b,c,d,A,x\n1,q,a,b,c,d\n', 3, /6 fields; the header has 8/],
      [CEVAL_HEAD + '0,"two\nlines",a,b,c,d,A,x\n1, ,a,b,c,d,A,x\n', 4, /question is empty/],
      [CEVAL_HEAD + '5,q,a,b,c,d,A,x\n5,q,a,b,c,d,A,x\n', 3, /id "5" is used again \(first on line 2\)/],
      [CEVAL_HEAD + ',q,a,b,c,d,A,x\n', 2, /id is empty/],
      [CEVAL_HEAD + `0,q,${'a'.repeat(4001)},b,c,d,A,x\n`, 2, /Option A has 4001 characters/],
      ['question,A,B,C,D,answer\n0,q,a,b,c,d\n', 1, /header lacks id: a C-Eval file starts with id,question,A,B,C,D,answer/],
    ];
    for (const [text, line, message] of cases) {
      const e = errorOf(() => parseMcqCsv(text, 'ceval', opts));
      expect(e.line, text).toBe(line);
      expect(e.en).toMatch(message);
      expect(e.message.startsWith(`logic_val.csv: line ${line}: `)).toBe(true);
      expectBilingual(e);
    }
    expect(errorOf(() => parseMcqCsv(CEVAL_HEAD, 'ceval', opts)).en).toContain('no questions');
  });
});

describe('loadMcqDataset', () => {
  it("reads a folder of C-Eval's {subject}_{split}.csv: every subject × split, sorted, format detected", async () => {
    const dir = folder({
      'physics_val.csv': ceval(3, 'C'),
      'physics_dev.csv': ceval(5),
      'logic_dev.csv': ceval(5),
      'logic_val.csv': ceval(2),
      'logic_test.csv': 'id,question,A,B,C,D\n0,q,a,b,c,d\n',
      'notes.txt': 'ignored',
    });
    const d = await loadMcqDataset(dir);
    expect(d.format).toBe('ceval');
    expect(d.files).toEqual(['logic_dev.csv', 'logic_test.csv', 'logic_val.csv', 'physics_dev.csv', 'physics_val.csv']);
    expect([...new Set(d.items.map((i) => `${i.subject}/${i.split}`))]).toEqual([
      'logic/dev',
      'logic/val',
      'logic/test',
      'physics/dev',
      'physics/val',
    ]);
    expect(d.items).toHaveLength(16);
  });

  it("reads C-Eval's zip layout (dev/, val/, test/ folders) and CMMLU's (dev/, test/ of {subject}.csv)", async () => {
    const c = await loadMcqDataset(folder({ 'ceval-exam/dev/law_dev.csv': ceval(5), 'ceval-exam/val/law_val.csv': ceval(4) }));
    expect(c.files).toEqual(['ceval-exam/dev/law_dev.csv', 'ceval-exam/val/law_val.csv']);
    const m = await loadMcqDataset(
      folder({ 'data/dev/arts.csv': cmmlu(5), 'data/test/arts.csv': cmmlu(6), 'data/test/anatomy.csv': cmmlu(2) }),
    );
    expect(m.format).toBe('cmmlu');
    expect(m.items.map((i) => i.id).slice(0, 3)).toEqual(['anatomy/test/0', 'anatomy/test/1', 'arts/dev/0']);
  });

  it('reads a lone file: split from its name, its folder, the option, else by format', async () => {
    const dir = folder({ 'law_dev.csv': ceval(1), 'mine.csv': ceval(1), 'cm.csv': cmmlu(1), 'dev/x.csv': cmmlu(1) });
    expect((await loadMcqDataset(join(dir, 'law_dev.csv'))).items[0].id).toBe('law/dev/0');
    expect((await loadMcqDataset(join(dir, 'mine.csv'))).items[0].id).toBe('mine/val/0');
    expect((await loadMcqDataset(join(dir, 'mine.csv'), { split: 'test' })).items[0].id).toBe('mine/test/0');
    expect((await loadMcqDataset(join(dir, 'cm.csv'))).items[0].id).toBe('cm/test/0');
    expect((await loadMcqDataset(join(dir, 'dev', 'x.csv'))).items[0].id).toBe('x/dev/0');
  });

  it('reads GBK files with a BOM-less header', async () => {
    const gbk = new Uint8Array([
      ...new TextEncoder().encode('id,question,A,B,C,D,answer\n0,'),
      0xd6,
      0xd0,
      0xce,
      0xc4,
      ...new TextEncoder().encode(',a,b,c,d,A\n'),
    ]);
    const d = await loadMcqDataset(join(folder({ 'x_val.csv': gbk }), 'x_val.csv'));
    expect(d.items[0].question).toBe('中文');
  });

  it('reads old Mac line ends (CR only) and a header with a quoted name', async () => {
    const d = await loadMcqDataset(
      join(folder({ 'y_val.csv': '"id",question,A,B,C,D,answer\r0,q,a,b,c,d,C\r1,"r\rs",a,b,c,d,D\r' }), 'y_val.csv'),
    );
    expect(d.items.map((i) => [i.id, i.question, i.answer, i.line])).toEqual([
      ['y/val/0', 'q', 'C', 2],
      ['y/val/1', 'r\rs', 'D', 3],
    ]);
  });

  it('refuses mixed formats, unknown headers, files of unknown split, the same subject twice, and a missing path', async () => {
    const mixed = await rejectionOf(loadMcqDataset(folder({ 'a_val.csv': ceval(1), 'b_val.csv': cmmlu(1) })));
    expect(mixed.source).toBe('b_val.csv');
    expect(mixed.en).toContain('one dataset, one format');
    const other = await rejectionOf(loadMcqDataset(folder({ 'a_val.csv': 'input,reference\nq,a\n' })));
    expect(other).toMatchObject({ source: 'a_val.csv', line: 1 });
    expect(other.en).toContain('neither C-Eval');
    const nosplit = await rejectionOf(loadMcqDataset(folder({ 'misc/a.csv': ceval(1) })));
    expect(nosplit.en).toContain('Cannot tell the split');
    const twice = await rejectionOf(loadMcqDataset(folder({ 'a_dev.csv': ceval(1), 'dev/a.csv': ceval(1) })));
    expect(twice.en).toContain('already read from a_dev.csv');
    const bad = await rejectionOf(loadMcqDataset(folder({ 'a_val.csv': ceval(1), 'b_val.csv': CEVAL_HEAD + '0,q,a,b,c,d,X,\n' })));
    expect(bad).toMatchObject({ source: 'b_val.csv', line: 2 });
    expect((await rejectionOf(loadMcqDataset(join(root, 'nope')))).en).toContain('No such file or folder');
    expect((await rejectionOf(loadMcqDataset(folder({ 'x.txt': 'x' })))).en).toContain('no CSV files');
  });
});

describe('selectMcqItems', () => {
  it('scores C-Eval on val with the first k answered dev items of each subject as shots', async () => {
    const d = await loadMcqDataset(
      folder({ 'a_dev.csv': ceval(6), 'a_val.csv': ceval(3), 'b_dev.csv': ceval(2), 'b_val.csv': ceval(2), 'b_test.csv': ceval(1) }),
    );
    const s = selectMcqItems(d, { shots: 5 });
    expect(s.split).toBe('val');
    expect(s.items.map((i) => i.id)).toEqual(['a/val/0', 'a/val/1', 'a/val/2', 'b/val/0', 'b/val/1']);
    expect(s.shots.get('a')!.map((i) => i.id)).toEqual(['a/dev/0', 'a/dev/1', 'a/dev/2', 'a/dev/3', 'a/dev/4']);
    expect(s.shots.get('b')).toHaveLength(2);
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toContain('Subject b has 2 dev questions');
    expect(selectMcqItems(d, { shots: 0, subjects: ['b'], limit: 1 }).items.map((i) => i.id)).toEqual(['b/val/0']);
    expect(selectMcqItems(d, { shots: 0 }).shots.size).toBe(0);
  });

  it("refuses C-Eval's unanswered test split, unknown subjects, and shots without a dev split", async () => {
    const d = await loadMcqDataset(folder({ 'a_val.csv': ceval(2), 'a_test.csv': 'id,question,A,B,C,D\n0,q,a,b,c,d\n' }));
    const test = errorOf(() => selectMcqItems(d, { split: 'test', shots: 0 }));
    expect(test.en).toContain("C-Eval's test answers are not public");
    expect(test).toMatchObject({ source: 'a_test.csv', line: 2 });
    expect(errorOf(() => selectMcqItems(d, { shots: 0, subjects: ['zz'] })).en).toContain('no subject zz (it has: a)');
    expect(errorOf(() => selectMcqItems(d, { shots: 5 })).en).toContain('Subject a has no answered dev questions');
    expect(errorOf(() => selectMcqItems(d, { split: 'dev', shots: 0 })).en).toContain('no dev questions');
  });

  it('scores CMMLU on test by default', async () => {
    const d = await loadMcqDataset(folder({ 'dev/arts.csv': cmmlu(5), 'test/arts.csv': cmmlu(4) }));
    const s = selectMcqItems(d, { shots: 5 });
    expect(s.split).toBe('test');
    expect(s.items).toHaveLength(4);
    expect(s.shots.get('arts')).toHaveLength(5);
  });
});
