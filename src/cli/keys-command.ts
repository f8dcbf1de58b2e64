import { keyCreateSchema, keyUpdateSchema, type KeyView } from '../governance/key-schemas.js';
import { KeyService, keyView } from '../governance/key-service.js';
import { DEFAULT_WORKSPACE_ID, type AppRow, type TenancyRepository } from '../store/tenancy-repository.js';
import { recordCliAudit } from './cli-audit.js';
import { t } from './i18n.js';
import {
  arg,
  CliError,
  noExtra,
  parseWith,
  printJson,
  printTable,
  resolveWorkspace,
  withStore,
  type Flags,
  type Store,
} from './open-store.js';

const SUBS = ['create', 'list', 'show', 'update', 'revoke'];
const USAGE = {
  create:
    'baimo keys create --name NAME [--workspace W] [--app A] [--models LIST] [--rpm N] [--tpm N] [--quota N --quota-period P] [--budget X --currency C --budget-period P] [--expires WHEN] [--industry X] [--region X] [--user-group X] [--tags a,b] [--meta k=v] [--cache on|off] [--cache-ttl S] [--disabled] [--json]',
  list: 'baimo keys list [--workspace W] [--json]',
  show: 'baimo keys show <id> [--json]',
  update: 'baimo keys update <id> [the flags of create] [--enabled] [--json]',
  revoke: 'baimo keys revoke <id>',
};

/** Key fields of the API and the flags that set them, so zod issues can name the flag. */
const FLAG_OF: Record<string, string> = {
  name: '--name',
  app_id: '--app',
  models: '--models',
  rpm: '--rpm',
  tpm: '--tpm',
  token_quota: '--quota',
  token_quota_period: '--quota-period',
  budget: '--budget',
  budget_currency: '--currency',
  budget_period: '--budget-period',
  expires_at: '--expires',
  cache: '--cache',
  cache_ttl_s: '--cache-ttl',
};
const META_FLAG: Record<string, string> = {
  industry: '--industry',
  region: '--region',
  user_group: '--user-group',
  scenario_tags: '--tags',
};
const NUMERIC: Array<[flag: string, field: string]> = [
  ['rpm', 'rpm'],
  ['tpm', 'tpm'],
  ['quota', 'token_quota'],
  ['budget', 'budget'],
  ['cache-ttl', 'cache_ttl_s'],
];

/** `baimo keys create|list|show|update|revoke`: virtual keys, through the same service and schemas as the admin API. */
export async function keysCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('keys', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  return withStore(str(f, 'config'), async (s) => {
    const service = new KeyService(s.keys, s.tenancy);
    switch (sub) {
      case 'create': {
        noExtra(args, 0, USAGE.create);
        if (f.enabled && f.disabled) throw new CliError(t().flagConflict('--enabled', '--disabled'));
        const input = parseWith(
          keyCreateSchema,
          keyInput(f, null),
          (p) => flagFor(f, p),
          (flag) => f[flag.slice(2)],
          hint,
        );
        const ws =
          f.workspace !== undefined
            ? await resolveWorkspace(s.tenancy, str(f, 'workspace')!)
            : (await s.tenancy.workspace(DEFAULT_WORKSPACE_ID))!;
        if (input.app_id) input.app_id = (await resolveApp(s.tenancy, ws.id, ws.name, input.app_id)).id;
        const { key, view } = await service.create(ws.id, input);
        await recordCliAudit(s, {
          workspaceId: ws.id,
          action: 'key.create',
          targetType: 'key',
          targetId: view.id,
          detail: { body: input },
        });
        if (f.json) printJson({ key, ...view });
        else process.stdout.write(`${t().keyCreated(view.id, view.name, ws.name)}\n${t().keyShownOnce}\n${key}\n`);
        return 0;
      }
      case 'list': {
        noExtra(args, 0, USAGE.list);
        const ws = f.workspace !== undefined ? await resolveWorkspace(s.tenancy, str(f, 'workspace')!) : undefined;
        const views = (await s.keys.list(ws?.id)).map((r) => keyView(r));
        if (f.json) printJson(views);
        else if (views.length === 0) process.stdout.write(`${t().noKeys}\n`);
        else {
          const names = new Map((await s.tenancy.workspaces()).map((w) => [w.id, w.name]));
          printTable(
            t().keyHeader,
            views.map((v) => [v.id, v.name, v.prefix, v.status, names.get(v.workspace_id) ?? v.workspace_id, limits(v)]),
          );
        }
        return 0;
      }
      case 'show': {
        const view = keyView(await load(s, arg(args, 0, USAGE.show)));
        noExtra(args, 1, USAGE.show);
        if (f.json) printJson(view);
        else printFields(view);
        return 0;
      }
      case 'update': {
        const row = await load(s, arg(args, 0, USAGE.update));
        noExtra(args, 1, USAGE.update);
        if (f.workspace !== undefined) throw new CliError(t().flagNotHere('--workspace', 'baimo keys update'));
        if (f.enabled && f.disabled) throw new CliError(t().flagConflict('--enabled', '--disabled'));
        const existingMeta = row.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null;
        const raw = keyInput(f, existingMeta);
        if (Object.keys(raw).length === 0) throw new CliError(t().nothingToUpdate);
        const input = parseWith(
          keyUpdateSchema,
          raw,
          (p) => flagFor(f, p),
          (flag) => f[flag.slice(2)],
          hint,
        );
        if (input.app_id) input.app_id = (await resolveApp(s.tenancy, row.workspace_id, row.workspace_id, input.app_id)).id;
        const view = await service.update(row, input);
        await recordCliAudit(s, {
          workspaceId: row.workspace_id,
          action: 'key.update',
          targetType: 'key',
          targetId: row.id,
          detail: { body: input },
        });
        if (f.json) printJson(view);
        else process.stdout.write(`${t().keyUpdated(view.id)}\n`);
        return 0;
      }
      default: {
        // revoke: doing it twice is harmless, so scripts can re-run it.
        const row = await load(s, arg(args, 0, USAGE.revoke));
        noExtra(args, 1, USAGE.revoke);
        if (row.revoked_at !== null) {
          process.stdout.write(`${t().keyAlreadyRevoked(row.id, new Date(row.revoked_at).toISOString())}\n`);
          return 0;
        }
        const view = await service.revoke(row);
        await recordCliAudit(s, { workspaceId: row.workspace_id, action: 'key.revoke', targetType: 'key', targetId: row.id });
        if (f.json) printJson(view);
        else process.stdout.write(`${t().keyRevoked(view.id, view.name)}\n`);
        return 0;
      }
    }
  });
}

const hint = (flag: string) => (flag === '--expires' ? t().expiresFormat : undefined);

function str(f: Flags, name: string): string | undefined {
  const v = f[name];
  return typeof v === 'string' ? v : undefined;
}

async function load(s: Store, id: string) {
  const row = await s.keys.get(id);
  if (!row) throw new CliError(t().keyNotFound(id), 1);
  return row;
}

/** An app of the workspace by id, else by exact name. */
async function resolveApp(tenancy: TenancyRepository, wsId: string, wsName: string, ref: string): Promise<AppRow> {
  const byId = await tenancy.app(ref);
  if (byId && byId.workspace_id === wsId) return byId;
  const named = (await tenancy.apps(wsId)).filter((a) => a.name === ref);
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new CliError(t().ambiguous(ref, named.map((a) => a.id).join(', ')), 1);
  throw new CliError(t().appNotFound(ref, wsName), 1);
}

/**
 * Turns flags into the API's request body. Values are only reshaped here (numbers, lists, on/off,
 * relative expiry); whether they are acceptable is left to the API's zod schema, so a value is
 * valid on the command line exactly when it is valid in the API. `none` clears a nullable setting.
 */
function keyInput(f: Flags, existingMeta: Record<string, unknown> | null): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const s = (name: string) => str(f, name);
  if (s('name') !== undefined) input.name = s('name');
  if (s('app') !== undefined) input.app_id = s('app') === 'none' ? null : s('app');
  if (s('models') !== undefined) input.models = list(s('models')!);
  for (const [flag, field] of NUMERIC) if (s(flag) !== undefined) input[field] = number(s(flag)!);
  if (s('quota-period') !== undefined) input.token_quota_period = s('quota-period');
  if (s('currency') !== undefined) input.budget_currency = s('currency');
  if (s('budget-period') !== undefined) input.budget_period = s('budget-period');
  if (s('expires') !== undefined) input.expires_at = expiry(s('expires')!);
  if (f.disabled) input.enabled = false;
  if (f.enabled) input.enabled = true;
  if (s('cache') !== undefined) input.cache = onOff(s('cache')!);

  const meta: Record<string, unknown> = {};
  const metaArgs = Array.isArray(f.meta) ? f.meta : typeof f.meta === 'string' ? [f.meta] : [];
  for (const m of metaArgs) {
    const i = m.indexOf('=');
    if (i <= 0) throw new CliError(t().badFlag('--meta', m, t().metaFormat));
    meta[m.slice(0, i).trim()] = m.slice(i + 1);
  }
  if (s('industry') !== undefined) meta.industry = s('industry');
  if (s('region') !== undefined) meta.region = s('region');
  if (s('user-group') !== undefined) meta.user_group = s('user-group');
  if (s('tags') !== undefined) meta.scenario_tags = list(s('tags')!);
  if (Object.keys(meta).length > 0) {
    // Updates merge, so `--region X` keeps the industry set earlier; `--meta k=` removes k.
    const merged: Record<string, unknown> = { ...(existingMeta ?? {}), ...meta };
    for (const [k, v] of Object.entries(meta)) if (v === '') delete merged[k];
    input.metadata = merged;
  }
  return input;
}

/** The flag behind a zod issue path; metadata keys map to their own flag when one was given. */
function flagFor(f: Flags, path: PropertyKey[]): string {
  if (path[0] === 'metadata') {
    const own = META_FLAG[String(path[1])];
    return own && f[own.slice(2)] !== undefined ? own : '--meta';
  }
  if (path[0] === 'enabled') return f.enabled ? '--enabled' : '--disabled';
  return FLAG_OF[String(path[0])] ?? `--${String(path[0])}`;
}

function list(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** Numeric text becomes a number; anything else stays text for the schema to reject with its reason. */
function number(v: string): unknown {
  if (v === 'none') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v.trim()) ? Number(v) : v;
}

function onOff(v: string): unknown {
  const l = v.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(l)) return true;
  if (['off', 'false', 'no', '0'].includes(l)) return false;
  if (['none', 'inherit'].includes(l)) return null;
  return v;
}

/** `30d` / `12h` from now, `never`, or an ISO date or time (checked by the schema). */
function expiry(v: string): unknown {
  if (v === 'never' || v === 'none') return null;
  const m = /^(\d{1,5})([dh])$/.exec(v.trim());
  if (m) return Date.now() + Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000);
  return v;
}

function limits(v: KeyView): string {
  const parts: string[] = [];
  if (v.models) parts.push(`models ${v.models.join(',')}`);
  if (v.rpm !== null) parts.push(`rpm ${v.rpm}`);
  if (v.tpm !== null) parts.push(`tpm ${v.tpm}`);
  if (v.token_quota !== null) parts.push(`quota ${v.token_quota}/${v.token_quota_period}`);
  if (v.budget !== null) parts.push(`budget ${v.budget} ${v.budget_currency}/${v.budget_period}`);
  if (v.expires_at) parts.push(`expires ${v.expires_at.replace(/:00\.000Z$/, 'Z')}`);
  return parts.join(', ') || '-';
}

function printFields(v: KeyView): void {
  const w = Math.max(...Object.keys(v).map((k) => k.length));
  for (const [k, val] of Object.entries(v)) {
    const text = val === null ? '-' : Array.isArray(val) ? val.join(', ') : typeof val === 'object' ? JSON.stringify(val) : String(val);
    process.stdout.write(`${k.padEnd(w)}  ${text}\n`);
  }
}
