import { describe, expect, it } from 'vitest';
import { decodeCsv, parseCsv } from '../../src/eval/csv.js';
import { errorOf } from './eval-errors.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF and lone CR line ends, and a missing final newline', () => {
    expect(fields('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(fields('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields (RFC 4180)', () => {
    const rows = parseCsv('id,q\n1,"a, b"\n2,"line one\r\nline two"\n3,"say ""hi"""\n4,""\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['id', 'q'],
      ['1', 'a, b'],
      ['2', 'line one\r\nline two'],
      ['3', 'say "hi"'],
      ['4', ''],
    ]);
    // Each record knows the line it starts on, counting the lines inside quoted fields.
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6]);
  });

  it('keeps empty fields, trailing commas and a quote inside an unquoted field', () => {
    expect(fields(',Question,A\n0,5" pipe,\n')).toEqual([
      ['', 'Question', 'A'],
      ['0', '5" pipe', ''],
    ]);
    expect(fields('a,b,')).toEqual([['a', 'b', '']]);
  });

  it('drops a UTF-8 BOM and skips blank lines (line numbers still count them)', () => {
    const rows = parseCsv('\uFEFFid,q\n\n1,x\r\n\r\n2,y\n\n');
    expect(rows).toEqual([
      { line: 1, fields: ['id', 'q'] },
      { line: 3, fields: ['1', 'x'] },
      { line: 5, fields: ['2', 'y'] },
    ]);
    // A quoted empty field on its own line is a record, not a blank line.
    expect(fields('a\n""\n')).toEqual([['a'], ['']]);
  });

  it('refuses a quote that is never closed, naming the line where it opens', () => {
    const e = errorOf(() => parseCsv('id,q\n1,ok\n2,"never closed\n3,x\n', { source: 'physics_val.csv' }));
    expect(e.line).toBe(3);
    expect(e.source).toBe('physics_val.csv');
    expect(e.message).toMatch(/^physics_val\.csv: line 3: A quoted field is never closed/);
    expect(e.message).toContain('physics_val.csv 第 3 行：带引号的字段没有结束');
  });

  it('refuses text after a closing quote, naming the line (after multi-line fields)', () => {
    const e = errorOf(() => parseCsv('id,q\n1,"two\nlines"\n2,"x"y\n'));
    expect(e.line).toBe(4);
    expect(e.en).toContain('Unexpected "y" after the closing quote of field 2');
  });

  it('enforces its limits with errors naming the line', () => {
    expect(errorOf(() => parseCsv('a,b,c\n', { limits: { maxFields: 2 } })).line).toBe(1);
    const long = errorOf(() => parseCsv('a\nxxxxx\nxxxxxx\n', { limits: { maxFieldChars: 5 } }));
    expect(long.line).toBe(3);
    expect(long.en).toContain('6 characters; at most 5');
    const rows = errorOf(() => parseCsv('a\nb\nc\nd\n', { limits: { maxRows: 3 } }));
    expect(rows.line).toBe(4);
    expect(errorOf(() => parseCsv('abcdef', { limits: { maxChars: 5 } })).en).toContain('6 characters');
  });

  it('parses a 5 MB file of quoted fields quickly and exactly', () => {
    const row = '1,"问题，含逗号","选项""A""",B,C,D,A\n';
    const n = 40_000;
    const started = performance.now();
    const rows = parseCsv('id,question,A,B,C,D,answer\n' + row.repeat(n));
    expect(rows).toHaveLength(n + 1);
    expect(rows[n].fields).toEqual(['1', '问题，含逗号', '选项"A"', 'B', 'C', 'D', 'A']);
    expect(rows[n].line).toBe(n + 1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('decodeCsv', () => {
  it('reads UTF-8 with and without a BOM, and GB18030 (GBK) bytes', () => {
    const text = 'id,question\n1,以下哪个是正确答案？\n';
    expect(decodeCsv(new TextEncoder().encode(text))).toBe(text);
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
    // "中文" in GBK: D6 D0 CE C4.
    expect(decodeCsv(new Uint8Array([0x61, 0x2c, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]))).toBe('a,中文\n');
  });

  it('refuses binary bytes with a bilingual error naming the file', () => {
    const e = errorOf(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'data.csv'));
    expect(e.source).toBe('data.csv');
    expect(e.message).toMatch(/CSV or JSONL.*\/.*CSV 或 JSONL/);
  });
});
