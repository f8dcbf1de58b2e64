import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
let configPath: string;
let dbPath: string;

/** Runs the CLI against the temp config; `env` adds variables (e.g. BAIMO_PASSWORD). */
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli([...args, '--config', configPath], { env });
const json = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = await cli([...args, '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const rawRows = (sql: string): Record<string, unknown>[] => {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baimo-gov-cli-'));
  configPath = join(dir, 'baimo.yaml');
  dbPath = join(dir, 'baimo.db');
  writeFileSync(configPath, `database: ${JSON.stringify(dbPath)}\ndiscover_env: false\n`);
  // The first command creates the database; then an app is added directly (the CLI has no apps command).
  expect((await cli(['workspaces', 'list'])).code).toBe(0);
  const db = new SQLite(dbPath);
  db.prepare('insert into apps (id, workspace_id, name, description, cache, cache_ttl_s, created_at) values (?, ?, ?, ?, ?, ?, ?)').run(
    'app_test1',
    'ws_default',
    '客服机器人',
    null,
    0,
    null,
    Date.now(),
  );
  db.close();
});

describe('baimo keys', () => {
  it('create with every flag prints the key once and show --json reflects every flag', async () => {
    const r = await cli([
      'keys', 'create', '--name', '客服 key', '--workspace', 'Default', '--app', '客服机器人', '--models', 'chat, deepseek/*',
      '--rpm', '60', '--tpm', '100000', '--quota', '1000000', '--quota-period', 'day',
      '--budget', '100.5', '--currency', 'USD', '--budget-period', 'total', '--expires', '2027-01-01',
      '--industry', '金融', '--region', '华东', '--user-group', 'vip', '--tags', 'faq,售后',
      '--meta', 'team=ml', '--meta', 'cost_center=42', '--cache', 'on', '--cache-ttl', '600', '--disabled',
    ]); // prettier-ignore
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/shown only this once/);
    const key = lines[2];
    expect(key).toMatch(/^sk-bm-[A-Za-z0-9]{40}$/);
    expect(r.stdout.split(key)).toHaveLength(2); // exactly once
    const id = /created key (key_\w+)/.exec(lines[0])![1];

    const view = await json(['keys', 'show', id]);
    expect(view).toMatchObject({
      id,
      name: '客服 key',
      prefix: `${key.slice(0, 12)}…`,
      workspace_id: 'ws_default',
      app_id: 'app_test1',
      models: ['chat', 'deepseek/*'],
      rpm: 60,
      tpm: 100000,
      token_quota: 1000000,
      token_quota_period: 'day',
      budget: 100.5,
      budget_currency: 'USD',
      budget_period: 'total',
      expires_at: '2027-01-01T00:00:00.000Z',
      enabled: false,
      status: 'disabled',
      revoked_at: null,
      metadata: { industry: '金融', region: '华东', user_group: 'vip', scenario_tags: ['faq', '售后'], team: 'ml', cost_center: '42' },
      cache: true,
      cache_ttl_s: 600,
    });
    expect(JSON.stringify(view)).not.toContain(key);

    // Only the SHA-256 of the key is stored.
    const rows = rawRows('select * from virtual_keys');
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows.find((row) => row.id === id)!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('create --json returns the key with the view; relative expiry works', async () => {
    const before = Date.now();
    const created = await json(['keys', 'create', '--name', 'ci', '--expires', '30d']);
    expect(created.key).toMatch(/^sk-bm-[A-Za-z0-9]{40}$/);
    expect(created).toMatchObject({ object: 'key', name: 'ci', status: 'active', workspace_id: 'ws_default' });
    const expires = Date.parse(created.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(expires).toBeLessThan(before + 30 * 86_400_000 + 60_000);
  });

  it('list --json is an array of views without secrets or hashes', async () => {
    const list = await json(['keys', 'list']);
    expect(Array.isArray(list)).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(2);
    for (const k of list) {
      expect(k.id).toMatch(/^key_/);
      expect(typeof k.name).toBe('string');
      expect(k).not.toHaveProperty('key');
      expect(k).not.toHaveProperty('key_hash');
    }
    const text = JSON.stringify(list);
    expect(text).not.toMatch(/sk-bm-[A-Za-z0-9]{40}/);
    for (const row of rawRows('select key_hash from virtual_keys')) expect(text).not.toContain(String(row.key_hash));

    const table = await cli(['keys', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+STATUS/);
    expect(table.stdout).toContain('rpm 60');
  });

  it('update changes limits and merges metadata; revoke sets status revoked and is repeatable', async () => {
    const { id } = await json(['keys', 'create', '--name', 'temp', '--rpm', '5', '--industry', '教育']);
    const updated = await json(['keys', 'update', id, '--rpm', 'none', '--tpm', '900', '--region', '华南']);
    expect(updated).toMatchObject({ rpm: null, tpm: 900, metadata: { industry: '教育', region: '华南' } });

    const r = await cli(['keys', 'revoke', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`revoked key ${id}`);
    expect((await json(['keys', 'show', id])).status).toBe('revoked');
    expect((await cli(['keys', 'revoke', id])).code).toBe(0);
  });

  it('bad flag values exit 2 naming the flag; unknown ids exit 1', async () => {
    const bad = await cli(['keys', 'create', '--name', 'x', '--rpm', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--rpm');
    expect(bad.stderr).toContain('abc');

    for (const [flag, value] of [
      ['--quota-period', 'week'],
      ['--currency', 'EUR'],
      ['--expires', 'soon'],
      ['--cache-ttl', '0'],
      ['--cache', 'maybe'],
    ]) {
      const r = await cli(['keys', 'create', '--name', 'x', flag, value]);
      expect(r.code, flag).toBe(2);
      expect(r.stderr, flag).toContain(flag);
    }
    const missing = await cli(['keys', 'create']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--name');

    const unknown = await cli(['keys', 'show', 'key_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('key_nope');
    expect((await cli(['keys', 'create', '--name', 'x', '--workspace', 'nowhere'])).code).toBe(1);
    expect((await cli(['keys', 'revoke', 'key_nope'])).code).toBe(1);
  });

  it('speaks Chinese when the locale is zh', async () => {
    const r = await runCli(['keys', 'create', '--name', 'x', '--rpm', 'abc', '--config', configPath], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rpm 的值无效');
    const ok = await runCli(['keys', 'create', '--name', '中文', '--config', configPath], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(ok.stdout).toContain('它只显示这一次');
  });
});

describe('baimo workspaces', () => {
  it('create prints the id; list shows it; rename and delete work; the default is protected', async () => {
    const r = await cli(['workspaces', 'create', '研发部']);
    expect(r.code).toBe(0);
    const id = r.stdout.trim();
    expect(id).toMatch(/^ws_[A-Za-z0-9]{16}$/);

    let list = await json(['workspaces', 'list']);
    expect(list.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining(['ws_default', id]));
    expect(list.find((w: { id: string }) => w.id === id)).toMatchObject({ name: '研发部', default: false });

    expect((await cli(['workspaces', 'rename', id, '平台部'])).code).toBe(0);
    list = await json(['workspaces', 'list']);
    expect(list.find((w: { id: string }) => w.id === id).name).toBe('平台部');

    // Keys can be made in it by name; deleting it then needs --force.
    expect((await cli(['keys', 'create', '--name', 'k', '--workspace', '平台部'])).code).toBe(0);
    expect((await json(['keys', 'list', '--workspace', id])).map((k: { name: string }) => k.name)).toEqual(['k']);
    expect((await cli(['workspaces', 'delete', id])).code).toBe(1);
    expect((await cli(['workspaces', 'delete', id, '--force'])).code).toBe(0);
    expect((await json(['workspaces', 'list'])).map((w: { id: string }) => w.id)).not.toContain(id);

    const def = await cli(['workspaces', 'delete', 'ws_default']);
    expect(def.code).toBe(1);
    expect(def.stderr).toMatch(/default workspace/);
    expect((await cli(['workspaces', 'delete', 'ws_nope'])).code).toBe(1);
  });
});

describe('baimo users', () => {
  it('create (password from env), list --json without hashes, role, disable, passwd', async () => {
    const ws = (await cli(['workspaces', 'create', 'Ops'])).stdout.trim();
    const created = await json(
      ['users', 'create', '--email', 'Admin@Example.com', '--name', '管理员', '--admin', '--workspace', 'Ops', '--role', 'owner'],
      {
        BAIMO_PASSWORD: 'correct horse battery',
      },
    );
    expect(created).toMatchObject({
      email: 'admin@example.com',
      name: '管理员',
      is_admin: true,
      disabled: false,
      workspaces: [{ id: ws, role: 'owner' }],
    });

    const hash = String(rawRows('select password_hash from users')[0].password_hash);
    expect(hash).toMatch(/^scrypt\$/);
    const list = await json(['users', 'list']);
    expect(list).toHaveLength(1);
    const text = JSON.stringify(list);
    expect(text).not.toContain(hash);
    expect(text).not.toContain('password');
    expect(text).not.toContain('correct horse');

    expect((await cli(['users', 'role', 'admin@example.com', '--workspace', 'ws_default', '--role', 'viewer'])).code).toBe(0);
    const roles = (await json(['users', 'list']))[0].workspaces.map((w: { id: string; role: string }) => `${w.id}:${w.role}`);
    expect(roles.sort()).toEqual([`${ws}:owner`, 'ws_default:viewer'].sort());
    const badRole = await cli(['users', 'role', created.id, '--workspace', 'Ops', '--role', 'god']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role');

    expect((await cli(['users', 'disable', created.id])).code).toBe(0);
    expect((await json(['users', 'list']))[0].disabled).toBe(true);
    expect((await cli(['users', 'passwd', 'admin@example.com'], { BAIMO_PASSWORD: 'another long one' })).code).toBe(0);
    expect(String(rawRows('select password_hash from users')[0].password_hash)).not.toBe(hash);
  });

  it('rejects bad input: duplicate e-mail, short or missing password, unknown user', async () => {
    const dup = await cli(['users', 'create', '--email', 'admin@example.com', '--name', 'x'], { BAIMO_PASSWORD: 'long enough pw' });
    expect(dup.code).toBe(1);
    const short = await cli(['users', 'create', '--email', 'b@example.com', '--name', 'x', '--password', 'short']);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--password');
    expect(short.stderr).not.toContain('short"');
    const none = await cli(['users', 'create', '--email', 'b@example.com', '--name', 'x']); // stdin is not a terminal
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('BAIMO_PASSWORD');
    const email = await cli(['users', 'create', '--email', 'nope', '--name', 'x'], { BAIMO_PASSWORD: 'long enough pw' });
    expect(email.code).toBe(2);
    expect(email.stderr).toContain('--email');
    expect((await cli(['users', 'disable', 'ghost@example.com'])).code).toBe(1);
  });
});
