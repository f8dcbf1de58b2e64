import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login } from '../helpers/admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Finding 12 (the HTTP edge): a malformed Origin on a cookie write gave 500; the data directory and
 * baimo.db were world-readable; the JSON prototype guard missed escaped spellings; a workspace admin
 * could add any user id to a workspace and so learn that user's e-mail.
 */
const PASSWORD = 'correct horse battery';
let baimo: TestBaimo;
let previousUmask: number;
const ids: Record<string, string> = {};

beforeAll(async () => {
  // The usual umask: files the server does not restrict itself would be world-readable.
  previousUmask = process.umask(0o022);
  baimo = await startBaimo({});
  for (const t of ['A', 'B']) ids[`ws${t}`] = (await api(baimo, 'POST', '/api/workspaces', { name: `tenant ${t}` })).body.id;
  const user = async (email: string, workspaces: Array<{ id: string; role: string }>) => {
    const r = await api(baimo, 'POST', '/api/users', { email, name: email.split('@')[0], password: PASSWORD, workspaces });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  ids.adminA = await user('admin-a@example.cn', [
    { id: ids.wsA, role: 'admin' },
    { id: ids.wsB, role: 'viewer' },
  ]);
  ids.colleague = await user('colleague@example.cn', [{ id: ids.wsB, role: 'member' }]);
  ids.stranger = await user('stranger@secret-corp.cn', []);
});
afterAll(async () => {
  await baimo?.close();
  process.umask(previousUmask);
});

describe('finding 12: malformed Origin', () => {
  it('a cookie write with a malformed Origin is refused with 403, not 500', async () => {
    const s = await login(baimo, 'admin-a@example.cn', PASSWORD);
    for (const origin of ['http://[bad', 'not a url', 'http://']) {
      const res = await fetch(`${baimo.url}/api/workspaces/${ids.wsA}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, origin },
        body: JSON.stringify({ name: 'renamed' }),
      });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');
    }
    // The same write from the console's own origin works.
    const ok = await fetch(`${baimo.url}/api/workspaces/${ids.wsA}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, origin: baimo.url },
      body: JSON.stringify({ name: 'renamed' }),
    });
    expect(ok.status).toBe(200);
  });
});

describe('finding 12: file modes', () => {
  it('the data directory is 0700 and baimo.db with its WAL files 0600', async () => {
    const dir = baimo.dir;
    // startBaimo's temp dir is made by the test, so use a database in directories the server creates.
    const nested = await startBaimo({ database: join(dir, 'nested', 'data', 'baimo.db') });
    try {
      await api(nested, 'POST', '/api/workspaces', { name: 'w' });
      const mode = (p: string) => statSync(p).mode & 0o777;
      for (const d of [join(dir, 'nested'), join(dir, 'nested', 'data')]) expect(mode(d).toString(8), d).toBe('700');
      for (const f of ['baimo.db', 'baimo.db-wal', 'baimo.db-shm']) expect(mode(join(dir, 'nested', 'data', f)).toString(8), f).toBe('600');
    } finally {
      await nested.close();
    }
  });
});

describe('finding 12: prototype keys in JSON bodies, however escaped', () => {
  const send = (body: string) =>
    fetch(`${baimo.url}/api/security/policies/workspace/${ids.wsA}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body,
    });

  it.each([
    ['__proto__', '{"policy":{"__proto__":{"polluted":"yes"}}}'],
    ['\\u005f_proto__', '{"policy":{"\\u005f_proto__":{"polluted":"yes"}}}'],
    ['__pr\\u006fto__', '{"policy":{"__pr\\u006fto__":{"polluted":"yes"}}}'],
    ['\\u005F\\u005Fproto\\u005F\\u005F', '{"policy":{"\\u005F\\u005Fproto\\u005F\\u005F":{"polluted":"yes"}}}'],
    ['c\\u006fnstructor.prototype', '{"policy":{"c\\u006fnstructor":{"prototype":{"polluted":"yes"}}}}'],
    ['constructor.pr\\u006ftotype', '{"policy":{"constructor":{"pr\\u006ftotype":{"polluted":"yes"}}}}'],
  ])('%s is refused as invalid JSON and pollutes nothing', async (_name, body) => {
    const res = await send(body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('invalid_json');
    expect(err.message).toMatch(/prototype/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ordinary escaped text (CJK, Latin-1) still parses', async () => {
    const res = await fetch(`${baimo.url}/api/security/moderation/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: '{"text":"\\u4e2d\\u6587 caf\\u00e9 constructor proto"}',
    });
    expect(res.status).toBe(200);
  });
});

describe('finding 12: a workspace admin cannot discover users outside their workspaces', () => {
  it('adding an unknown-to-them user id reads as "no such user" and reveals no e-mail', async () => {
    const s = await login(baimo, 'admin-a@example.cn', PASSWORD);
    const r = await api(baimo, 'PUT', `/api/workspaces/${ids.wsA}/members/${ids.stranger}`, { role: 'viewer' }, s);
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.body)).not.toContain('secret-corp');
    // Same answer as an id that does not exist at all.
    const none = await api(baimo, 'PUT', `/api/workspaces/${ids.wsA}/members/usr_doesnotexist`, { role: 'viewer' }, s);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(r.body.error.message);
    // Nothing was added.
    const members = await api(baimo, 'GET', `/api/workspaces/${ids.wsA}/members`, undefined, s);
    expect(members.body.data.map((m: { user_id: string }) => m.user_id)).not.toContain(ids.stranger);
  });

  it('they may still add people they already see (members of their other workspaces)', async () => {
    const s = await login(baimo, 'admin-a@example.cn', PASSWORD);
    const r = await api(baimo, 'PUT', `/api/workspaces/${ids.wsA}/members/${ids.colleague}`, { role: 'member' }, s);
    expect(r.status).toBe(200);
    expect(r.body.email).toBe('colleague@example.cn');
  });

  it('instance administrators may add anyone', async () => {
    const r = await api(baimo, 'PUT', `/api/workspaces/${ids.wsB}/members/${ids.stranger}`, { role: 'viewer' });
    expect(r.status).toBe(200);
  });
});
