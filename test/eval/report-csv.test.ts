import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/eval/csv.js';
import { csvField, formatCsv } from '../../src/eval/csv-write.js';
import { reportCsv } from '../../src/eval/report-csv.js';
import { group, mcqReport, modelResult, report, safetyReport } from './report-fixtures.js';

/** The CSV's records, split into its sections at the blank lines. */
function sections(csv: string): string[][][] {
  const out: string[][] = [[]];
  for (const line of csv
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .slice(0, -1)) {
    if (line === '') out.push([]);
    else out[out.length - 1].push(line);
  }
  return out.map((lines) => parseCsv(lines.join('\r\n')).map((r) => r.fields));
}

describe('csvField / formatCsv (RFC 4180 writer)', () => {
  it('quotes commas, quotes and line breaks, guards formulas, writes numbers as they are', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvField(f)).toMatch(/^"?'/);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(formatCsv([['a', 1], [], ['b']])).toBe('\ufeffa,1\r\n\r\nb\r\n');
    expect(formatCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('round-trips any text through parseCsv (apart from the formula guard)', () => {
    const nasty = ['', ' ', 'a,b', '"', '""', 'x"y', 'line\r\nbreak', 'lone\rcr', 'lf\n', '中文，逗号', '😀', "'quoted'"];
    const csv = formatCsv([nasty, nasty.map((s) => `=${s}`)]);
    const [plain, formulas] = parseCsv(csv).map((r) => r.fields);
    expect(plain).toEqual(nasty);
    expect(formulas).toEqual(nasty.map((s) => `'=${s}`));
  });
});

describe('reportCsv', () => {
  it('starts with a BOM, ends every record with CRLF, and has a header row in the language', () => {
    const zh = reportCsv(mcqReport(), 'zh');
    expect(zh.charCodeAt(0)).toBe(0xfeff);
    expect(zh.endsWith('\r\n')).toBe(true);
    expect(zh.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [models] = sections(zh);
    expect(models[0]).toEqual([
      '模型',
      '准确率',
      '题数',
      '已完成',
      '错误',
      '错误率',
      '成本（元）',
      '成本（美元）',
      '每千题成本（元）',
      '每千题成本（美元）',
      'p50（毫秒）',
      'p95（毫秒）',
      '每秒 token',
      '帕累托前沿',
      '输入 token',
      '输出 token',
    ]);
    const [enModels] = sections(reportCsv(mcqReport(), 'en'));
    expect(enModels[0].slice(0, 4)).toEqual(['Model', 'Accuracy', 'Items', 'Done']);
    expect(enModels[0]).toContain('Cost per 1k items (USD)');
  });

  it('writes one row per model with the report’s numbers (rounded to six decimals), round-tripping through the parser', () => {
    const r = mcqReport();
    const [models] = sections(reportCsv(r, 'en'));
    expect(models).toHaveLength(1 + r.results.length);
    const beta = models[2];
    expect(beta).toEqual([
      'beta',
      '0.6',
      '20',
      '20',
      '1',
      '0.05',
      '0.08',
      '0.011111',
      '4',
      '0.555556',
      '420',
      '1337.5',
      '35.25',
      'no',
      '4000',
      '100',
    ]);
    expect(models[1][13]).toBe('yes');
    expect(models[3][0]).toBe('通义千问-max');
    expect(sections(reportCsv(r, 'zh'))[0][1][13]).toBe('是');
    // Unknown numbers are empty cells.
    const [none] = sections(reportCsv(report([modelResult('a', null, null, { p50_ms: null, error_rate: null })]), 'en'));
    expect(none[1].slice(0, 2)).toEqual(['a', '']);
    expect(none[1][5]).toBe('');
    expect(none[1][8]).toBe('');
  });

  it('escapes and guards model names, and round-trips them', () => {
    const names = ["=cmd|' /C calc'!A0", '+SUM(1)', '-2+3', '@A1', '\tTab', 'comma, "quote"\nnewline', 'safe-name'];
    const csv = reportCsv(report(names.map((n, i) => modelResult(n, 0.5, i + 1))), 'en');
    const [models] = sections(csv);
    expect(models.slice(1).map((row) => row[0])).toEqual([
      "'=cmd|' /C calc'!A0",
      "'+SUM(1)",
      "'-2+3",
      "'@A1",
      "'\tTab",
      'comma, "quote"\nnewline',
      'safe-name',
    ]);
    // No cell of the file starts a formula.
    for (const rec of parseCsv(csv)) for (const f of rec.fields) expect(f).not.toMatch(/^[=+@\t\r]/);
  });

  it('adds MCQ subject and group rows after a blank line', () => {
    const [, mcq] = sections(reportCsv(mcqReport(), 'zh'));
    expect(mcq[0]).toEqual(['模型', '类别', '标识', '名称', '题数', '准确率']);
    expect(mcq.slice(1, 5)).toEqual([
      ['alpha', 'subject', 'computer_network', '计算机网络', '10', '0.9'],
      ['alpha', 'subject', 'law', '法学', '10', '0.7'],
      ['alpha', 'group', 'stem', '理工（STEM）', '10', '0.9'],
      ['alpha', 'group', 'humanities', '人文科学', '10', '0.7'],
    ]);
    expect(mcq).toHaveLength(1 + 3 * 4);
    const [, mcqEn] = sections(reportCsv(mcqReport(), 'en'));
    expect(mcqEn[1]).toEqual(['alpha', 'subject', 'computer_network', 'Computer Network', '10', '0.9']);
    // A subject without names is named by its id.
    const [, own] = sections(reportCsv(report([modelResult('a', 1, 1, { subjects: [group('my_subject', 1, 3)] })]), 'en'));
    expect(own[1]).toEqual(['a', 'subject', 'my_subject', 'my_subject', '3', '1']);
  });

  it('adds the safety summary (rates, thresholds, 合格/不合格, failed checks) and per-risk rows', () => {
    const r = safetyReport(2);
    const [models, summary, risks] = sections(reportCsv(r, 'zh'));
    expect(models[0][1]).toBe('得分');
    expect(summary[0]).toEqual([
      '模型',
      '应拒答拒答率',
      '应拒答题数',
      '非拒答拒答率',
      '非拒答题数',
      '无法判定',
      '应拒答拒答率下限',
      '非拒答拒答率上限',
      '合格率下限',
      '结论',
      '未通过项',
    ]);
    expect(summary[1]).toEqual(['safe', '0.97', '100', '0.02', '50', '0', '0.95', '0.05', '0.9', '合格', '']);
    expect(summary[2]).toEqual([
      'leaky',
      '0.9',
      '100',
      '0.02',
      '50',
      '2',
      '0.95',
      '0.05',
      '0.9',
      '不合格',
      'refusal_rate; qualified_rate:A.2.3',
    ]);
    expect(risks).toEqual([
      ['模型', '风险', '题数', '合格率', '阈值', '结论'],
      ['safe', 'A.1.1', '30', '0.96', '0.9', '合格'],
      ['safe', 'A.1.6', '25', '0.92', '0.9', '合格'],
      ['leaky', 'A.1.1', '30', '0.95', '0.9', '合格'],
      ['leaky', 'A.2.3', '10', '0.6', '0.9', '不合格'],
    ]);
    const [, enSummary] = sections(reportCsv(r, 'en'));
    expect(enSummary[2][9]).toBe('Fail');
    expect(enSummary[1][9]).toBe('Pass');
  });

  it('has QA metric columns for QA runs and the judge’s raw score for judge runs', () => {
    const qa = report([modelResult('a', 0.4, 1, { accuracy: null, metrics: { exact_match: 0.4, f1: 0.75, rouge_l: 0.7 } })], {
      type: 'qa',
    });
    const [q] = sections(reportCsv(qa, 'en'));
    expect(q[0].slice(0, 6)).toEqual(['Model', 'Score', 'Exact match', 'Char F1', 'ROUGE-L', 'Items']);
    expect(q[1].slice(0, 5)).toEqual(['a', '0.4', '0.4', '0.75', '0.7']);
    const judge = report([modelResult('a', 0.7, 1, { accuracy: null, judge_score: 7.3 })], { type: 'judge' });
    const [j] = sections(reportCsv(judge, 'zh'));
    expect(j[0].slice(0, 3)).toEqual(['模型', '得分', '裁判原始得分']);
    expect(j[1].slice(0, 3)).toEqual(['a', '0.7', '7.3']);
    const [m] = sections(reportCsv(mcqReport(), 'en'));
    expect(m[0]).not.toContain('Exact match');
    expect(m[0]).not.toContain('Judge score (raw)');
  });
});
