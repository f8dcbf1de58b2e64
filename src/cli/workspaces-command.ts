import { z } from 'zod';
import { newId } from '../security/tokens.js';
import { DEFAULT_WORKSPACE_ID, type WorkspaceRow } from '../store/tenancy-repository.js';
import { recordCliAudit } from './cli-audit.js';
import { t } from './i18n.js';
import { arg, CliError, noExtra, parseWith, printJson, printTable, resolveWorkspace, withStore, type Flags } from './open-store.js';

const SUBS = ['list', 'create', 'rename', 'delete'];
const USAGE = {
  list: 'baimo workspaces list [--json]',
  create: 'baimo workspaces create <name> [--json]',
  rename: 'baimo workspaces rename <id or name> <new name>',
  delete: 'baimo workspaces delete <id or name> [--force]',
};

// The same rule as the admin API's workspace body.
const nameSchema = z.object({ name: z.string().trim().min(1).max(200) }).strict();

const view = (w: WorkspaceRow) => ({
  id: w.id,
  object: 'workspace' as const,
  name: w.name,
  default: w.id === DEFAULT_WORKSPACE_ID,
  created_at: new Date(w.created_at).toISOString(),
});

/** `baimo workspaces list|create|rename|delete`: the tenants that keys, apps and members belong to. */
export async function workspacesCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('workspaces', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  return withStore(typeof f.config === 'string' ? f.config : undefined, async (s) => {
    switch (sub) {
      case 'list': {
        noExtra(args, 0, USAGE.list);
        const rows = await s.tenancy.workspaces();
        if (f.json) {
          printJson(rows.map(view));
          return 0;
        }
        const table: string[][] = [];
        for (const w of rows) {
          const keys = (await s.keys.list(w.id)).length;
          const members = (await s.tenancy.members(w.id)).length;
          table.push([w.id, w.name, String(keys), String(members), new Date(w.created_at).toISOString().slice(0, 10)]);
        }
        printTable(t().workspaceHeader, table);
        return 0;
      }
      case 'create': {
        const { name } = parseWith(
          nameSchema,
          { name: arg(args, 0, USAGE.create) },
          () => '<name>',
          () => args[0],
        );
        noExtra(args, 1, USAGE.create);
        const w = await s.tenancy.createWorkspace({ id: newId('ws'), name, created_at: Date.now() });
        await recordCliAudit(s, {
          workspaceId: w.id,
          action: 'workspace.create',
          targetType: 'workspace',
          targetId: w.id,
          detail: { body: { name } },
        });
        // The bare id on stdout, so scripts can write WS=$(baimo workspaces create Team).
        if (f.json) printJson(view(w));
        else process.stdout.write(`${w.id}\n`);
        return 0;
      }
      case 'rename': {
        const w = await resolveWorkspace(s.tenancy, arg(args, 0, USAGE.rename));
        const { name } = parseWith(
          nameSchema,
          { name: arg(args, 1, USAGE.rename) },
          () => '<new name>',
          () => args[1],
        );
        noExtra(args, 2, USAGE.rename);
        await s.tenancy.renameWorkspace(w.id, name);
        await recordCliAudit(s, {
          workspaceId: w.id,
          action: 'workspace.update',
          targetType: 'workspace',
          targetId: w.id,
          detail: { body: { name } },
        });
        if (f.json) printJson(view({ ...w, name }));
        else process.stdout.write(`${t().workspaceRenamed(w.id, name)}\n`);
        return 0;
      }
      default: {
        const w = await resolveWorkspace(s.tenancy, arg(args, 0, USAGE.delete));
        noExtra(args, 1, USAGE.delete);
        if (w.id === DEFAULT_WORKSPACE_ID) throw new CliError(t().defaultWorkspace, 1);
        // Keys and apps go with the workspace (foreign keys cascade): make that a deliberate choice.
        const keys = (await s.keys.list(w.id)).length;
        const apps = (await s.tenancy.apps(w.id)).length;
        if ((keys > 0 || apps > 0) && !f.force) throw new CliError(t().workspaceNotEmpty(w.name, keys, apps), 1);
        await s.tenancy.deleteWorkspace(w.id);
        await recordCliAudit(s, {
          workspaceId: w.id,
          action: 'workspace.delete',
          targetType: 'workspace',
          targetId: w.id,
          detail: { name: w.name, force: f.force === true },
        });
        if (f.json) printJson({ id: w.id, deleted: true });
        else process.stdout.write(`${t().workspaceDeleted(w.id, w.name)}\n`);
        return 0;
      }
    }
  });
}
