import { z } from 'zod';
import { GatewayError } from '../core/errors.js';
import { loadConfig } from '../config/load-config.js';
import { openDatabase, type OpenedDatabase } from '../store/open-database.js';
import { KeyRepository } from '../store/key-repository.js';
import { ensureDefaultWorkspace, TenancyRepository, type WorkspaceRow } from '../store/tenancy-repository.js';
import { UserRepository } from '../store/user-repository.js';
import { t } from './i18n.js';

/** The flags main.ts parsed (every command sees all of them; each reads only its own). */
export type Flags = { readonly [name: string]: string | boolean | string[] | undefined };

/**
 * An error a person can fix, with its exit code: 2 for bad usage or flag values, 1 for things that
 * do not exist or cannot be done. The governance commands print these as one line, without the
 * full help text that main.ts shows for unknown flags.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 130 = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Store {
  db: OpenedDatabase;
  keys: KeyRepository;
  tenancy: TenancyRepository;
  users: UserRepository;
}

/**
 * Runs a governance command against the database the config names (`--config`, BAIMO_CONFIG,
 * ./baimo.yaml) and turns CliError, and the API-shaped GatewayError the shared services throw,
 * into a message and an exit code. Other errors propagate to main.ts.
 */
export async function withStore(configPath: string | undefined, fn: (s: Store) => Promise<number | void>): Promise<number> {
  useLocaleForZod();
  try {
    const { config } = loadConfig({ configPath });
    const db = await openDatabase(config.database);
    try {
      const store = {
        db,
        keys: new KeyRepository(db),
        tenancy: new TenancyRepository(db.db),
        users: new UserRepository(db.db),
      };
      // The server makes it at start too; the CLI may be the first thing ever to open the database.
      await ensureDefaultWorkspace(store.tenancy);
      return (await fn(store)) ?? 0;
    } finally {
      await db.close();
    }
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof GatewayError && err.status < 500) {
      process.stderr.write(`${err.message}\n`);
      return err.status === 400 && !err.code?.endsWith('_not_found') ? 2 : 1;
    }
    throw err;
  }
}

let zodLocaleSet = false;

/** zod's messages end up in flag errors, so Chinese users get Chinese ones (the locale is per process). */
export function useLocaleForZod(): void {
  if (zodLocaleSet) return;
  zodLocaleSet = true;
  if (t() !== t({ BAIMO_LANG: 'en' })) z.config(z.locales.zhCN());
}

/**
 * Validates `input` with an API schema; on failure throws a one-line CliError (exit 2) naming the
 * flag behind the first issue, found by walking `flagFor` with the issue path.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  flagFor: (path: PropertyKey[]) => string,
  given: (flag: string) => unknown,
  hint?: (flag: string) => string | undefined,
): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const flag = flagFor(issue.path);
  const value = given(flag);
  // Every field the CLI leaves out is optional except required ones, so an issue on a missing value means "required".
  if (value === undefined) throw new CliError(t().missingFlag(flag), 2);
  const extra = hint?.(flag);
  throw new CliError(t().badFlag(flag, display(value), extra ? `${issue.message}${t().reasonSep}${extra}` : issue.message), 2);
}

function display(v: unknown): string {
  if (v === undefined || v === true) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/** Positional argument `i` or a usage error. */
export function arg(args: string[], i: number, usage: string): string {
  const v = args[i];
  if (v === undefined || v === '') throw new CliError(t().usage(usage), 2);
  return v;
}

/** Refuses positionals beyond `n` (e.g. an unquoted name with spaces), which would otherwise be dropped. */
export function noExtra(args: string[], n: number, usage: string): void {
  if (args.length > n) throw new CliError(t().usage(usage), 2);
}

/** A workspace by id, else by exact name; ambiguous names list the candidates. */
export async function resolveWorkspace(tenancy: TenancyRepository, ref: string): Promise<WorkspaceRow> {
  const byId = await tenancy.workspace(ref);
  if (byId) return byId;
  const named = (await tenancy.workspaces()).filter((w) => w.name === ref);
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new CliError(t().ambiguous(ref, named.map((w) => w.id).join(', ')), 1);
  throw new CliError(t().workspaceNotFound(ref), 1);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** Prints rows as aligned columns under a header (Chinese names would misalign with padEnd). */
export function printTable(header: readonly string[], rows: string[][]): void {
  const all = [[...header], ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  for (const r of all) {
    const line = r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ');
    process.stdout.write(`${line.trimEnd()}\n`);
  }
}
