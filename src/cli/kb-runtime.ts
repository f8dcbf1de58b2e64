import { loadConfig } from '../config/load-config.js';
import { GatewayError } from '../core/errors.js';
import type { KnowledgeBase } from '../knowledge/knowledge-types.js';
import { providerCredentialProblems } from '../providers/registry.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { DEFAULT_WORKSPACE_ID, type WorkspaceRow } from '../store/tenancy-repository.js';
import { recordCliAudit } from './cli-audit.js';
import { t } from './i18n.js';
import { CliError, resolveWorkspace, useLocaleForZod, type Flags } from './open-store.js';

/** Usage lines of `baimo kb …`, shown with a missing argument. */
export const KB_USAGE = {
  create: 'baimo kb create <name> [--embedding MODEL] [--description T] [--workspace W] [--json]',
  add: 'baimo kb add <name> <file|url>... [--metadata JSON] [--workspace W]',
  search: 'baimo kb search <name> <query> [--k N] [--mode hybrid|keyword|vector] [--workspace W] [--json]',
  list: 'baimo kb list [--workspace W] [--json]',
  rm: 'baimo kb rm <name> [--workspace W]',
  eval: 'baimo kb eval <name> <labelled.jsonl> [--k N] [--workspace W] [--json]',
};

/** A string flag's value, if given as one. */
export function str(f: Flags, name: string): string | undefined {
  const v = f[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--name N` as a whole number within bounds (exit 2 otherwise); undefined when absent. */
export function intFlag(f: Flags, name: string, min: number, max: number): number | undefined {
  const raw = str(f, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(t().badFlag(`--${name}`, raw, `a whole number from ${min} to ${max}`), 2);
  return n;
}

/**
 * Runs a `baimo kb` command on an in-process runtime of the config (`--config`, BAIMO_CONFIG,
 * ./baimo.yaml), working the job queues named in `workers` (none by default), and turns CliError and
 * the API-shaped GatewayError the knowledge service throws into one line on stderr and an exit code:
 * 2 for bad input, 1 for what is missing or failed.
 */
export async function withKnowledge(f: Flags, workers: false | string[], fn: (rt: Runtime) => Promise<number>): Promise<number> {
  useLocaleForZod();
  const { config } = loadConfig({ configPath: str(f, 'config'), checkProvider: providerCredentialProblems });
  let rt: Runtime | undefined;
  try {
    rt = await createRuntime(config, { workers, metrics: false, warn: (m) => process.stderr.write(`${m}\n`) });
    return await fn(rt);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof GatewayError) {
      process.stderr.write(err.status < 500 ? `${err.message}\n` : `error: ${err.message} (${err.type}, HTTP ${err.status})\n`);
      return err.status === 400 && !err.code?.endsWith('_not_found') ? 2 : 1;
    }
    throw err;
  } finally {
    await rt?.close();
  }
}

/** The workspace `--workspace` names, else the default one. */
export async function targetWorkspace(rt: Runtime, f: Flags): Promise<WorkspaceRow> {
  const ref = str(f, 'workspace');
  if (ref !== undefined) return resolveWorkspace(rt.tenancy, ref);
  return (await rt.tenancy.workspace(DEFAULT_WORKSPACE_ID))!;
}

/**
 * A knowledge base by name (or id): in the workspace `--workspace` names, else in whichever
 * workspace has one by that name (several: the user must choose).
 */
export async function locateBase(rt: Runtime, f: Flags, ref: string): Promise<{ base: KnowledgeBase; workspace: WorkspaceRow }> {
  const wsRef = str(f, 'workspace');
  if (wsRef !== undefined) {
    const workspace = await resolveWorkspace(rt.tenancy, wsRef);
    const base = await rt.knowledge.get(workspace.id, ref);
    if (!base) throw new CliError(t().kbNotFound(ref, workspace.name), 1);
    return { base, workspace };
  }
  const found: Array<{ base: KnowledgeBase; workspace: WorkspaceRow }> = [];
  for (const workspace of await rt.tenancy.workspaces()) {
    const base = await rt.knowledge.get(workspace.id, ref);
    if (base) found.push({ base, workspace });
  }
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new CliError(t().kbAmbiguous(ref, found.map((x) => x.workspace.name).join(', ')), 1);
  throw new CliError(t().kbNotFound(ref), 1);
}

/** Records a `baimo kb` change in the audit log (actor `cli`), like the other admin commands. */
export function auditKb(
  rt: Runtime,
  event: { workspaceId: string; action: string; targetType: string; targetId: string; detail?: Record<string, unknown> },
): Promise<void> {
  return recordCliAudit({ db: rt.database, keys: rt.keys, tenancy: rt.tenancy, users: rt.users }, event);
}
