import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatDateTime } from '../eval/report-format.js';
import { reportCsv } from '../eval/report-csv.js';
import { reportHtml } from '../eval/report-html.js';
import { reportJson } from '../eval/report-json.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { evalT } from './eval-messages.js';
import { EVAL_RUN_USAGE } from './eval-run.js';
import { cliLang, t } from './i18n.js';
import { intFlag, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, printJson, printTable, resolveWorkspace, type Flags } from './open-store.js';

const SUBS = ['run', 'resume', 'list', 'report'];
const FORMATS = ['html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const EVAL_USAGE = {
  ...EVAL_RUN_USAGE,
  list: 'baimo eval list [--json] [--workspace W] [--limit N]',
  report: 'baimo eval report <run> --format html|csv|json [--out FILE] [--lang zh|en]',
};

/**
 * `baimo eval run|resume|list|report`: evaluation runs from the terminal, through the same services as
 * `/api/eval` on an in-process runtime (no server needed; `run` and `resume` work the `eval` queue
 * here). Without `--workspace`, the default workspace. Exit 2 on bad input, 1 on failures.
 */
export async function evalCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('eval', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  try {
    if (sub === 'run') return await (await import('./eval-run.js')).evalRun(args, f);
    if (sub === 'resume') return await (await import('./eval-run.js')).evalResume(args, f);
    const run = sub === 'list' ? listArgs(args, f) : reportArgs(args, f);
    return await withKnowledge(f, false, run);
  } catch (err) {
    // Arguments checked before the runtime opens (withKnowledge reports the rest).
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
}

/** `list`: the workspace's runs, newest first, as a table or `--json` (an array of runs as the API shows them). */
function listArgs(args: string[], f: Flags): (rt: Runtime) => Promise<number> {
  noExtra(args, 0, EVAL_USAGE.list);
  const limit = intFlag(f, 'limit', 1, 100) ?? 20;
  return async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const runs = (await rt.evalRuns.list(ws.id, { limit })).data;
    if (f.json) {
      printJson(runs);
      return 0;
    }
    if (runs.length === 0) {
      process.stdout.write(`${evalT().noRuns}\n`);
      return 0;
    }
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const models = (list: string[]) => {
      const text = list.join(',');
      return text.length > 40 ? `${text.slice(0, 39)}…` : text;
    };
    printTable(
      evalT().listHeader,
      runs.map((r) => [
        r.id,
        r.name,
        r.type,
        r.status,
        `${r.done_items}/${r.total_items} ${(r.progress * 100).toFixed(0)}%`,
        models(r.models),
        formatDateTime(r.created_at, zone),
      ]),
    );
    return 0;
  };
}

/** `report <run>`: the HTML, CSV or JSON report on stdout or into `--out`. */
function reportArgs(args: string[], f: Flags): (rt: Runtime) => Promise<number> {
  const id = arg(args, 0, EVAL_USAGE.report);
  noExtra(args, 1, EVAL_USAGE.report);
  const out = str(f, 'out');
  const fromOut = out ? extname(out).slice(1).toLowerCase().replace(/^htm$/, 'html') : '';
  const format = str(f, 'format') ?? fromOut;
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(t().badFlag('--format', format, evalT().formatNeeded), 2);
  const lang = str(f, 'lang') ?? cliLang();
  if (lang !== 'zh' && lang !== 'en') throw new CliError(t().badFlag('--lang', lang, 'zh, en'), 2);
  return async (rt) => {
    const row = await rt.evalRuns.row(id);
    const wsRef = str(f, 'workspace');
    if (!row || (wsRef !== undefined && (await resolveWorkspace(rt.tenancy, wsRef)).id !== row.workspace_id))
      throw new CliError(evalT().runNotFound(id), 1);
    const report = await rt.evalRuns.get(id);
    const text = render(format as Format, report, lang);
    if (out === undefined) {
      process.stdout.write(text);
      return 0;
    }
    try {
      await writeFile(out, text);
    } catch (err) {
      throw new CliError(`${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
    }
    process.stderr.write(`${evalT().reportWritten(out, Buffer.byteLength(text))}\n`);
    return 0;
  };
}

function render(format: Format, report: Awaited<ReturnType<Runtime['evalRuns']['get']>>, lang: 'zh' | 'en'): string {
  if (format === 'html') return reportHtml(report, lang);
  if (format === 'csv') return reportCsv(report, lang);
  return reportJson(report);
}
