import { z } from 'zod';
import { hashPassword, MAX_PASSWORD_LENGTH } from '../security/passwords.js';
import { newId } from '../security/tokens.js';
import type { Role } from '../store/schema.js';
import type { UserRow } from '../store/user-repository.js';
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

const SUBS = ['create', 'list', 'role', 'disable', 'enable', 'passwd'];
const USAGE = {
  create: 'baimo users create --email E --name N [--password P | env BAIMO_PASSWORD] [--admin] [--workspace W [--role R]] [--json]',
  list: 'baimo users list [--json]',
  role: 'baimo users role <email or id> --workspace W --role owner|admin|member|viewer|none',
  disable: 'baimo users disable <email or id>',
  enable: 'baimo users enable <email or id>',
  passwd: 'baimo users passwd <email or id> [--password P | env BAIMO_PASSWORD]',
};

// The same rules as the admin API's user bodies.
const roleSchema = z.enum(['owner', 'admin', 'member', 'viewer']);
const passwordSchema = z.object({ password: z.string().min(8).max(MAX_PASSWORD_LENGTH) });
const userSchema = z.object({ email: z.email().max(320), name: z.string().trim().min(1).max(200) }).strict();

/** `baimo users create|list|role|disable|enable|passwd`: console accounts, e.g. the first administrator. */
export async function usersCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('users', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  const s = (name: string) => (typeof f[name] === 'string' ? (f[name] as string) : undefined);
  return withStore(s('config'), async (st) => {
    switch (sub) {
      case 'create': {
        noExtra(args, 0, USAGE.create);
        const body = parseWith(
          userSchema,
          { email: s('email')?.trim(), name: s('name') },
          (p) => `--${String(p[0])}`,
          (flag) => f[flag.slice(2)],
        );
        if (s('role') !== undefined && s('workspace') === undefined) throw new CliError(t().flagNeeds('--role', '--workspace'));
        const role = s('role') === undefined ? 'member' : parseRole(s('role')!, false);
        const ws = s('workspace') !== undefined ? await resolveWorkspace(st.tenancy, s('workspace')!) : undefined;
        const email = body.email.toLowerCase();
        if (await st.users.byEmail(email)) throw new CliError(t().userExists(email), 1);
        const password_hash = await hashPassword(await password(f));
        const user = await st.users.create({
          id: newId('usr'),
          email,
          name: body.name,
          password_hash,
          is_admin: f.admin ? 1 : 0,
          disabled: 0,
          created_at: Date.now(),
        });
        if (ws) await st.tenancy.setMember(ws.id, user.id, role as Role);
        await recordCliAudit(st, {
          workspaceId: ws?.id ?? null,
          action: 'user.create',
          targetType: 'user',
          targetId: user.id,
          detail: { body: { email, name: body.name, is_admin: f.admin === true, ...(ws ? { workspaces: [{ id: ws.id, role }] } : {}) } },
        });
        if (f.json) printJson(await view(st, user));
        else process.stdout.write(`${t().userCreated(user.id, user.email)}\n`);
        return 0;
      }
      case 'list': {
        noExtra(args, 0, USAGE.list);
        const views = await Promise.all((await st.users.list()).map((u) => view(st, u)));
        if (f.json) printJson(views);
        else if (views.length === 0) process.stdout.write(`${t().noUsers}\n`);
        else
          printTable(
            t().userHeader,
            views.map((u) => [
              u.id,
              u.email,
              u.name,
              u.is_admin ? 'yes' : '-',
              u.disabled ? 'disabled' : 'active',
              u.workspaces.map((w) => `${w.name}:${w.role}`).join(', ') || '-',
            ]),
          );
        return 0;
      }
      case 'role': {
        const user = await load(st, arg(args, 0, USAGE.role));
        noExtra(args, 1, USAGE.role);
        if (s('workspace') === undefined) throw new CliError(t().missingFlag('--workspace'));
        if (s('role') === undefined) throw new CliError(t().missingFlag('--role'));
        const role = parseRole(s('role')!, true);
        const ws = await resolveWorkspace(st.tenancy, s('workspace')!);
        if (role === 'none') {
          await st.tenancy.removeMember(ws.id, user.id);
          process.stdout.write(`${t().roleRemoved(user.email, ws.name)}\n`);
        } else {
          await st.tenancy.setMember(ws.id, user.id, role);
          process.stdout.write(`${t().roleSet(user.email, ws.name, role)}\n`);
        }
        const action = role === 'none' ? 'member.delete' : 'member.update';
        await recordCliAudit(st, { workspaceId: ws.id, action, targetType: 'member', targetId: user.id, detail: { body: { role } } });
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = await load(st, arg(args, 0, USAGE[sub]));
        noExtra(args, 1, USAGE[sub]);
        // Disabling also ends the user's console sessions (the repository deletes them).
        await st.users.update(user.id, { disabled: sub === 'disable' ? 1 : 0 });
        await recordCliAudit(st, {
          action: 'user.update',
          targetType: 'user',
          targetId: user.id,
          detail: { body: { disabled: sub === 'disable' } },
        });
        process.stdout.write(`${sub === 'disable' ? t().userDisabled(user.email) : t().userEnabled(user.email)}\n`);
        return 0;
      }
      default: {
        const user = await load(st, arg(args, 0, USAGE.passwd));
        noExtra(args, 1, USAGE.passwd);
        await st.users.update(user.id, { password_hash: await hashPassword(await password(f)) });
        await recordCliAudit(st, { action: 'user.update', targetType: 'user', targetId: user.id, detail: { changed: ['password'] } });
        process.stdout.write(`${t().passwordChanged(user.email)}\n`);
        return 0;
      }
    }
  });
}

function parseRole(v: string, allowNone: boolean): Role | 'none' {
  if (allowNone && v === 'none') return 'none';
  return parseWith(
    z.object({ role: roleSchema }),
    { role: v },
    () => '--role',
    () => v,
  ).role;
}

async function load(st: Store, ref: string): Promise<UserRow> {
  const u = ref.includes('@') ? await st.users.byEmail(ref) : ((await st.users.get(ref)) ?? (await st.users.byEmail(ref)));
  if (!u) throw new CliError(t().userNotFound(ref), 1);
  return u;
}

/** A user as the API shows one (never the password hash), plus the workspaces they belong to. */
async function view(st: Store, u: UserRow) {
  const names = new Map((await st.tenancy.workspaces()).map((w) => [w.id, w.name]));
  const memberships = await st.tenancy.memberships(u.id);
  return {
    id: u.id,
    object: 'user' as const,
    email: u.email,
    name: u.name,
    is_admin: u.is_admin === 1,
    disabled: u.disabled === 1,
    created_at: new Date(u.created_at).toISOString(),
    workspaces: memberships.map((m) => ({ id: m.workspace_id, name: names.get(m.workspace_id) ?? m.workspace_id, role: m.role })),
  };
}

/**
 * The new password: `--password` (visible in shell history and `ps`, so meant for throwaway
 * setups), else BAIMO_PASSWORD, else typed twice without echo when stdin is a terminal.
 */
async function password(f: Flags): Promise<string> {
  let pw: string;
  let source: string;
  if (typeof f.password === 'string') [pw, source] = [f.password, '--password'];
  else if (process.env.BAIMO_PASSWORD !== undefined) [pw, source] = [process.env.BAIMO_PASSWORD, 'BAIMO_PASSWORD'];
  else if (process.stdin.isTTY) {
    pw = await readHidden(t().passwordPrompt);
    if ((await readHidden(t().passwordAgain)) !== pw) throw new CliError(t().passwordMismatch);
    source = '--password';
  } else throw new CliError(t().passwordMissing);
  // The value itself is never echoed in the error.
  return parseWith(
    passwordSchema,
    { password: pw },
    () => source,
    () => true,
  ).password;
}

/** Reads one line from the terminal in raw mode so the characters are not echoed. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError(t().interrupted, 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}
