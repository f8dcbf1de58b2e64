import { z } from 'zod';
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { AnalyticsFilters } from '../analytics/analytics-store.js';
import { REPORT_FILE_FORMATS, type ReportFileFormat } from '../analytics/report-file.js';
import { ReportOptionError } from '../analytics/report-options.js';
import { reportPeriod } from '../analytics/report-period.js';
import { PdfUnavailableError } from '../analytics/report-pdf.js';
import { isValidTimeZone } from '../core/wall-clock.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { cliLang, t } from './i18n.js';
import { str, withKnowledge } from './kb-runtime.js';
import { CliError, noExtra, resolveWorkspace, type Flags } from './open-store.js';
import { reportT } from './report-messages.js';

export const REPORT_USAGE =
  'baimo report [--from D] [--to D] [--tz Z] [--workspace W] --format html|csv|json|pdf [--out FILE] [--lang zh|en] [--model M] [--app A] [--key K] [--industry X] [--region X] [--user-group X]';

/** Flags that filter the report, by the filter each sets. */
const FILTER_FLAGS: ReadonlyArray<readonly [keyof AnalyticsFilters, string]> = [
  ['model', 'model'],
  ['app', 'app'],
  ['key', 'key'],
  ['industry', 'industry'],
  ['region', 'region'],
  ['user_group', 'user-group'],
];

interface ReportArgs {
  format: ReportFileFormat;
  lang: 'zh' | 'en';
  out?: string;
  tz?: string;
  from?: string;
  to?: string;
  filters: AnalyticsFilters;
}

/** The flags checked before the runtime opens: a problem is exit 2. */
function readArgs(args: string[], f: Flags): ReportArgs {
  noExtra(args, 0, REPORT_USAGE);
  const out = str(f, 'out');
  const fromOut = out ? extname(out).slice(1).toLowerCase().replace(/^htm$/, 'html') : '';
  const format = str(f, 'format') ?? fromOut;
  if (!(REPORT_FILE_FORMATS as readonly string[]).includes(format))
    throw new CliError(t().badFlag('--format', format, reportT().formatNeeded), 2);
  const lang = str(f, 'lang') ?? cliLang();
  if (lang !== 'zh' && lang !== 'en') throw new CliError(t().badFlag('--lang', lang, 'zh, en'), 2);
  const tz = str(f, 'tz');
  if (tz !== undefined && (tz.length > 64 || !isValidTimeZone(tz))) throw new CliError(t().badFlag('--tz', tz, reportT().zoneNeeded), 2);
  const filters: AnalyticsFilters = {};
  for (const [name, flag] of FILTER_FLAGS) {
    const v = str(f, flag);
    if (v !== undefined) filters[name] = v;
  }
  return { format: format as ReportFileFormat, lang, out, tz, from: str(f, 'from'), to: str(f, 'to'), filters };
}

/**
 * `baimo report`: the usage report of a period (default: the last seven days of the instance's zone, or
 * of `--tz`) as a file, made in this process from the configured database by the same code as the
 * `analytics.report` job. `--from`/`--to` take `YYYY-MM-DD` (days of the zone, both included) or ISO
 * times. Without `--workspace`, the whole instance. JSON and CSV go to stdout without `--out`; HTML and
 * PDF to `report-<first day>-<last day>.<ext>` here. Exit 2 on bad input, 1 on failures (no browser for PDF).
 */
export async function reportCommand(args: string[], f: Flags): Promise<number> {
  let a: ReportArgs;
  try {
    a = readArgs(args, f);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  return withKnowledge(f, false, (rt) => writeReport(rt, f, a));
}

async function writeReport(rt: Runtime, f: Flags, a: ReportArgs): Promise<number> {
  const m = reportT();
  const wsRef = str(f, 'workspace');
  const workspace = wsRef === undefined ? undefined : await resolveWorkspace(rt.tenancy, wsRef);
  const tz = a.tz ?? rt.config.timezone;
  let built;
  try {
    const period = reportPeriod({ from: a.from, to: a.to }, tz, Date.now());
    built = await rt.analyticsReports.build({
      ...period,
      tz,
      ...(workspace ? { workspace_id: workspace.id } : {}),
      filters: a.filters,
      format: a.format,
      lang: a.lang,
    });
  } catch (err) {
    if (err instanceof ReportOptionError) throw new CliError(m.badOption(err.message), 2);
    if (err instanceof PdfUnavailableError) throw new CliError(m.pdfUnavailable(err.message), 1);
    if (err instanceof z.ZodError)
      throw new CliError(m.badOption(err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')), 2);
    throw err;
  }
  const { file, rows } = built;
  const out = a.out ?? (a.format === 'json' || a.format === 'csv' ? undefined : file.filename);
  if (out === undefined) {
    process.stdout.write(file.bytes);
    return 0;
  }
  try {
    await writeFile(out, file.bytes);
  } catch (err) {
    throw new CliError(`${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
  }
  process.stderr.write(`${m.written(out, file.bytes.byteLength, rows)}\n`);
  return 0;
}
