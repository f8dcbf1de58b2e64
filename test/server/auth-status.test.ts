import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * GET /api/auth/status (issue 15): before anyone signs in, the console asks whether the install has a
 * console user yet, to open the login page on the admin-token tab when it has none. It is public and
 * tells nothing but that one boolean.
 */
let baimo: TestBaimo;
beforeAll(async () => {
  baimo = await startBaimo({});
});
afterAll(async () => {
  await baimo?.close();
});

describe('GET /api/auth/status', () => {
  it('a fresh install has no user: only has_users, false, and no authentication needed', async () => {
    const r = await api(baimo, 'GET', '/api/auth/status', undefined, null);
    expect(r.status).toBe(200);
    expect(r.body).toStrictEqual({ has_users: false });
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('turns true once a user exists, and back to false when none is left', async () => {
    const created = await api(baimo, 'POST', '/api/users', { email: 'first@example.cn', name: 'first', password: 'long enough pw' });
    expect(created.status).toBe(201);
    expect((await api(baimo, 'GET', '/api/auth/status', undefined, null)).body).toStrictEqual({ has_users: true });
    expect((await api(baimo, 'DELETE', `/api/users/${created.body.id}`)).status).toBe(200);
    expect((await api(baimo, 'GET', '/api/auth/status', undefined, null)).body).toStrictEqual({ has_users: false });
  });

  it('ignores the query string and takes no body', async () => {
    const r = await api(baimo, 'GET', '/api/auth/status?email=first@example.cn&x=' + 'y'.repeat(500), undefined, null);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['has_users']);
  });

  it('is documented in /openapi.json as public, with one boolean', async () => {
    const doc = (await api(baimo, 'GET', '/openapi.json', undefined, null)).body;
    const op = doc.paths['/api/auth/status'].get;
    expect(op.security).toEqual([]);
    expect(op.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'object',
      properties: { has_users: { type: 'boolean' } },
      required: ['has_users'],
      additionalProperties: false,
    });
  });
});
