import { describe, expect, it } from 'vitest';
import { cliRows } from '../../src/eval/cli-rows.js';
import { displayWidth, padDisplay, terminalSafe } from '../../src/eval/display-width.js';
import { formatResultsTable } from '../../src/eval/results-table.js';
import { mcqReport, modelResult, report, safety } from './report-fixtures.js';

/** The terminal column where `text` ends on `line`. */
const endColumn = (line: string, text: string) => {
  const at = line.indexOf(text);
  expect(at, `${JSON.stringify(text)} in ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
  return displayWidth(line.slice(0, at + text.length));
};
const startColumn = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));

describe('display width', () => {
  it('counts CJK, full-width and emoji as two columns, combining marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('通义千问')).toBe(8);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('（）')).toBe(4);
    expect(displayWidth('😀')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(padDisplay('通义', 6)).toBe('通义  ');
    expect(padDisplay('12', 5, 'end')).toBe('   12');
    expect(terminalSafe('a\u001b[31mred\u0007\u009b')).toBe('a?[31mred??');
  });
});

describe('cliRows', () => {
  it('gives the contract keys per model, in suite order, cost in CNY', () => {
    const rows = cliRows(mcqReport());
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({ model: 'beta', accuracy: 0.6, score: 0.6, items: 20, errors: 1, cost: 0.08, currency: 'CNY', p50_ms: 420 });
    expect(Object.keys(rows[0])).toEqual(['model', 'accuracy', 'score', 'items', 'errors', 'cost', 'currency', 'p50_ms']);
    const qa = cliRows(report([modelResult('a', 0.5, null, { accuracy: null, p50_ms: null })], { type: 'qa' }));
    expect(qa[0]).toMatchObject({ accuracy: null, score: 0.5, cost: 0, currency: 'CNY', p50_ms: null });
  });
});

describe('formatResultsTable', () => {
  it('aligns columns by terminal width with Chinese model names and headers', () => {
    const text = formatResultsTable(mcqReport(), 'zh');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 3);
    const [header, rule, alpha, beta, qwen] = lines;
    expect(header.startsWith('模型')).toBe(true);
    expect(rule).toMatch(/^[- ]+$/);
    // Left-aligned names: the next column starts at the same place on every line.
    const accuracyEnd = endColumn(header, '准确率');
    expect(endColumn(alpha, '80.0%')).toBe(accuracyEnd);
    expect(endColumn(beta, '60.0%')).toBe(accuracyEnd);
    expect(endColumn(qwen, '90.0%')).toBe(accuracyEnd);
    // Right-aligned numbers end under their header.
    const p50End = endColumn(header, 'p50（毫秒）');
    expect(endColumn(qwen, ' 380')).toBe(p50End);
    expect(endColumn(alpha, ' 420')).toBe(p50End);
    const perK = endColumn(header, '每千题成本（元）');
    expect(endColumn(alpha, '¥2.50')).toBe(perK);
    expect(endColumn(qwen, '¥12.00')).toBe(perK);
    // Pareto stars in the last column.
    expect(alpha.endsWith('★')).toBe(true);
    expect(beta.endsWith('★')).toBe(false);
    expect(startColumn(alpha, '★')).toBe(startColumn(qwen, '★'));
    expect(startColumn(alpha, '★')).toBe(startColumn(header, '帕累托前沿'));
  });

  it('writes English, a verdict column for safety runs, dashes for unknowns, and no control characters', () => {
    const text = formatResultsTable(
      report(
        [
          modelResult('ok', 0.95, 1, { safety: safety() }),
          modelResult('bad\u001b[2Jname', null, null, { safety: safety({ passed: false, failed: ['refusal_rate'] }), p50_ms: null }),
        ],
        { type: 'safety' },
      ),
      'en',
    );
    const [header, , ok, bad] = text.trimEnd().split('\n');
    expect(header).toMatch(/^Model\s+Qualified rate\s+Verdict\s+Done\/Items\s+Errors\s+Cost \(CNY\)/);
    expect(ok).toContain('Pass');
    expect(bad).toContain('Fail');
    expect(bad.startsWith('bad?[2Jname')).toBe(true);
    // No control character but the line feeds.
    expect([...text].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))).toEqual([]);
    expect(text).not.toContain('—');
    expect(endColumn(bad, '-')).toBe(endColumn(header, 'Qualified rate'));
  });
});
