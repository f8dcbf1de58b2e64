import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { APP_SLUG, type ScenarioApp } from '../apps/app-types.js';
import { APP_YAML_MAX } from '../apps/app-yaml.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { t } from './i18n.js';
import { auditKb, intFlag, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { arg, CliError, noExtra, printJson, printTable, type Flags } from './open-store.js';

/** Usage lines of `baimo apps …`, shown with a missing argument. */
export const APPS_USAGE = {
  list: 'baimo apps list [--workspace W] [--json]',
  run:
    'baimo apps run <slug> --input name=value... [--file name=path]... [--model M] [--version N] ' +
    '[--language zh|en] [--workspace W] [--json]',
  export: 'baimo apps export <slug> [--version N] [--out F] [--workspace W]',
  import: 'baimo apps import <file.yaml> [--workspace W] [--json]',
};

const SUBS = ['list', 'run', 'export', 'import'];

/** The flags of `baimo apps` (its own: `--version N` pins an app version here, it does not print baimo's). */
const OPTIONS = {
  config: { type: 'string', short: 'c' },
  workspace: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
  input: { type: 'string', short: 'i', multiple: true },
  file: { type: 'string', short: 'f', multiple: true },
  model: { type: 'string', short: 'm' },
  version: { type: 'string' },
  language: { type: 'string' },
  out: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Bytes of a YAML file `import` reads (the service then checks its characters against APP_YAML_MAX). */
const YAML_MAX_BYTES = APP_YAML_MAX * 4;

/**
 * `baimo apps list|run|export|import`: scenario apps from the terminal, through the same app service
 * and gateway as the server, on an in-process runtime (no server needed). `argv` is the whole command
 * line (main.ts hands `apps` over before its own parse). Without `--workspace`, the default workspace.
 */
export async function appsCommand(argv: string[]): Promise<number> {
  let values: Flags;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err;
    process.stderr.write(`${(err as Error).message}\n\n${usageLines()}\n`);
    return 2;
  }
  // positionals[0] is `apps` (flags may come before it).
  const [, sub, ...args] = positionals;
  if (values.help) {
    process.stdout.write(`${usageLines()}\n`);
    return 0;
  }
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('apps', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  try {
    switch (sub) {
      case 'run':
        return await (await import('./apps-run.js')).appsRun(args, values);
      case 'list':
        noExtra(args, 0, APPS_USAGE.list);
        return await withKnowledge(values, false, (rt) => list(rt, values));
      case 'export':
        return await exportApp(args, values);
      default:
        return await importApp(args, values);
    }
  } catch (err) {
    // Arguments checked before the runtime opens (withKnowledge reports the rest).
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
}

function usageLines(): string {
  return Object.values(APPS_USAGE)
    .map((u) => t().usage(u))
    .join('\n');
}

/** `<slug>`, checked: lower-case letters, digits and `-`. */
export function slugArg(args: string[], usage: string): string {
  const slug = arg(args, 0, usage);
  if (!APP_SLUG.test(slug)) throw new CliError(t().badFlag('<slug>', slug, 'a-z, 0-9 and -, 2 to 64 characters'), 2);
  return slug;
}

/** One row of `baimo apps list --json`: a built-in or one of the workspace's apps. */
export interface AppListItem {
  slug: string;
  name: string;
  description: string;
  builtin: boolean;
  /** The scenario app's id (`app_…`); null for a built-in. */
  id: string | null;
  /** The built-in an app was cloned from. */
  source: string | null;
  /** Published versions serving runs, with their weights; null until one is published (a built-in: its version 1). */
  traffic: Array<{ version: number; weight: number }> | null;
  latest_version: number;
  workspace: string;
}

async function list(rt: Runtime, f: Flags): Promise<number> {
  const ws = await targetWorkspace(rt, f);
  const items: AppListItem[] = [
    ...rt.apps.library().map((a) => ({
      slug: a.slug,
      name: a.spec.name,
      description: a.spec.description,
      builtin: true,
      id: null,
      source: null,
      traffic: [{ version: 1, weight: 100 }],
      latest_version: 1,
      workspace: ws.name,
    })),
    ...(await rt.apps.list(ws.id)).map((a: ScenarioApp) => ({
      slug: a.slug,
      name: a.name,
      description: a.description,
      builtin: false,
      id: a.id,
      source: a.source,
      traffic: a.traffic,
      latest_version: a.latestVersion,
      workspace: ws.name,
    })),
  ];
  if (f.json) {
    printJson(items);
    return 0;
  }
  const m = t();
  printTable(
    m.appsHeader,
    items.map((a) => [
      a.slug,
      a.name,
      String(a.latest_version),
      a.traffic ? a.traffic.map((x) => `v${x.version} ${x.weight}%`).join(', ') : m.appsDraftOnly(a.latest_version),
      a.builtin ? m.appsBuiltin : (a.source ?? '-'),
    ]),
  );
  return 0;
}

/** `baimo apps export <slug> [--version N] [--out F]`: the app's YAML (a built-in's too) to stdout or a file. */
async function exportApp(args: string[], f: Flags): Promise<number> {
  const slug = slugArg(args, APPS_USAGE.export);
  noExtra(args, 1, APPS_USAGE.export);
  const version = intFlag(f, 'version', 1, 1_000_000_000);
  const out = str(f, 'out');
  return withKnowledge(f, false, async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const yaml = await rt.apps.exportYaml(ws.id, slug, version);
    if (out === undefined) {
      process.stdout.write(yaml);
      return 0;
    }
    try {
      await writeFile(out, yaml);
    } catch (err) {
      throw new CliError(t().kbFileUnreadable(out, (err as NodeJS.ErrnoException).code ?? (err as Error).message), 1);
    }
    process.stderr.write(`${t().appsExported(slug, out)}\n`);
    return 0;
  });
}

/**
 * `baimo apps import <file.yaml>`: a new app (its version 1, a draft), or a new draft version of the
 * workspace's app of that slug. Audited like the admin API's import.
 */
async function importApp(args: string[], f: Flags): Promise<number> {
  const path = arg(args, 0, APPS_USAGE.import);
  noExtra(args, 1, APPS_USAGE.import);
  const yaml = await readYaml(path);
  return withKnowledge(f, false, async (rt) => {
    const ws = await targetWorkspace(rt, f);
    const r = await rt.apps.importYaml(ws.id, yaml, 'cli');
    await auditKb(rt, {
      workspaceId: ws.id,
      action: 'app.import',
      targetType: 'app',
      targetId: r.app.id,
      detail: { slug: r.app.slug, version: r.version.version, created: r.created },
    });
    if (f.json) {
      printJson({
        id: r.app.id,
        slug: r.app.slug,
        name: r.app.name,
        version: r.version.version,
        status: r.version.status,
        created: r.created,
      });
      return 0;
    }
    const say = r.created ? t().appsImportedNew : t().appsImportedDraft;
    process.stdout.write(`${say(r.app.slug, r.app.id, ws.name, r.version.version)}\n`);
    return 0;
  });
}

async function readYaml(path: string): Promise<string> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(t().appsNotAFile(path), 1);
    if (s.size > YAML_MAX_BYTES) throw new CliError(t().appsImportTooLarge(path, Math.round(YAML_MAX_BYTES / 1024)), 1);
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(t().kbFileUnreadable(path, (err as NodeJS.ErrnoException).code ?? (err as Error).message), 1);
  }
}
