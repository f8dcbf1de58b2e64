import SQLite from 'better-sqlite3';

/** Reporting helpers of `npm run bench:gateway`. */

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

export function printTable(head: string[], body: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  log(line(head));
  log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const b of body) log(line(b));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function countLogs(dbPath: string): { total: number; ok: number; byStatus: Record<string, number> } {
  const db = new SQLite(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select status, count(*) as n from request_logs group by status').all() as Array<{ status: number; n: number }>;
    const byStatus = Object.fromEntries(rows.map((r) => [String(r.status), r.n]));
    return { total: rows.reduce((s, r) => s + r.n, 0), ok: byStatus['200'] ?? 0, byStatus };
  } finally {
    db.close();
  }
}
