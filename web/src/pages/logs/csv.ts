/** Client-side CSV export of the loaded log rows (UTF-8 with BOM so Excel reads Chinese correctly). */
import { fmtTime } from './format';
import type { LogRow } from '../../api/logs.ts';
import { saveBlob } from '../../api/save-blob.ts';

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote when needed; neutralise leading formula characters so a spreadsheet never evaluates them.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The exported columns, in order: a header key (`logs.csv.<key>`) and the cell of a row. */
const COLUMNS = [
  ['time', (r) => fmtTime(r.created_at)],
  ['id', (r) => r.id],
  ['workspace', (r) => r.workspace_id],
  ['key', (r) => r.key_id],
  ['app', (r) => r.app_id],
  ['model', (r) => r.model],
  ['provider', (r) => r.provider],
  ['upstreamModel', (r) => r.upstream_model],
  ['status', (r) => r.status],
  ['error', (r) => r.error_message],
  ['latency', (r) => r.latency_ms],
  ['ttft', (r) => r.ttft_ms],
  ['promptTokens', (r) => r.prompt_tokens],
  ['completionTokens', (r) => r.completion_tokens],
  ['cachedTokens', (r) => r.cached_tokens],
  ['estimated', (r) => (r.estimated ? 1 : 0)],
  ['costCny', (r) => r.cost_cny],
  ['cacheHit', (r) => (r.cache_hit ? 1 : 0)],
  ['stream', (r) => (r.stream ? 1 : 0)],
] as const satisfies readonly (readonly [string, (r: LogRow) => unknown])[];

export type CsvColumn = (typeof COLUMNS)[number][0];

export function logsToCsv(rows: LogRow[], header: (key: CsvColumn) => string): string {
  const cols: readonly (readonly [CsvColumn, (r: LogRow) => unknown])[] = COLUMNS;
  const lines = [cols.map(([k]) => cell(header(k))).join(',')];
  for (const r of rows) lines.push(cols.map(([, f]) => cell(f(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadCsv(csv: string, filename: string): void {
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
}
