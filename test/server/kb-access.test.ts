import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, attackerAndBystander, login, type Caller } from '../helpers/admin-api.js';
import { createKb, search, settled, startKbScene, upload } from '../helpers/kb-api.js';

// Issue 17: knowledge bases follow the workspace access rules. Another workspace's user or key learns
// nothing of a base (404, whether it names the workspace or not); a workspace's API key reads and
// searches its bases but changes nothing; a viewer searches but does not write.

describe('knowledge base access', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;
  let cast: Awaited<ReturnType<typeof attackerAndBystander>>;
  let kbB: { id: string; name: string };
  let viewerB: Caller;

  beforeAll(async () => {
    scene = await startKbScene();
    cast = await attackerAndBystander(scene.baimo, { a: 'kb A', b: 'kb B', email: 'kb-admin-a@example.cn' });
    const password = 'correct horse battery';
    const viewer = await api(scene.baimo, 'POST', '/api/users', {
      email: 'kb-viewer-b@example.cn',
      name: 'viewer of B',
      password,
      workspaces: [{ id: cast.wsB, role: 'viewer' }],
    });
    expect(viewer.status).toBe(201);
    viewerB = await login(scene.baimo, 'kb-viewer-b@example.cn', password);
    kbB = await createKb(scene.baimo, { name: 'secrets-b', workspace_id: cast.wsB });
    expect(kbB).toMatchObject({ workspace_id: cast.wsB, name: 'secrets-b' });
    const r = await upload(
      scene.baimo,
      kbB.id,
      { files: [{ name: 'plan.md', data: '# Plan\n\nProject Nightjar launches in the spring.' }] },
      undefined,
      `?workspace_id=${cast.wsB}`,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const docs = await settled(scene.baimo, kbB.id, 20_000, cast.wsB);
    expect(docs.get('plan.md')?.status).toBe('ready');
  }, 60_000);
  afterAll(async () => {
    await scene?.close();
  });

  it('a user of another workspace gets 404 for the base, by id or name, with or without naming the workspace', async () => {
    const adminA = cast.adminA;
    for (const kb of [kbB.id, kbB.name]) {
      for (const q of ['', `?workspace_id=${cast.wsB}`]) {
        const get = await api(scene.baimo, 'GET', `/api/kb/${encodeURIComponent(kb)}${q}`, undefined, adminA);
        expect(get.status, `GET ${kb}${q}`).toBe(404);
        const found = await api(scene.baimo, 'POST', `/api/kb/${encodeURIComponent(kb)}/search${q}`, { query: 'Nightjar' }, adminA);
        expect(found.status).toBe(404);
        expect(JSON.stringify(found.body)).not.toContain('Nightjar launches');
        expect((await api(scene.baimo, 'GET', `/api/kb/${encodeURIComponent(kb)}/documents${q}`, undefined, adminA)).status).toBe(404);
        expect((await api(scene.baimo, 'PATCH', `/api/kb/${encodeURIComponent(kb)}${q}`, { description: 'mine' }, adminA)).status).toBe(
          404,
        );
        expect((await api(scene.baimo, 'DELETE', `/api/kb/${encodeURIComponent(kb)}${q}`, undefined, adminA)).status).toBe(404);
      }
    }
    const listA = await api(scene.baimo, 'GET', '/api/kb', undefined, adminA);
    expect(listA.status).toBe(200);
    expect(listA.body.data).toEqual([]);
    const listB = await api(scene.baimo, 'GET', `/api/kb?workspace_id=${cast.wsB}`, undefined, adminA);
    expect(listB.status).toBe(404);
    const create = await api(
      scene.baimo,
      'POST',
      '/api/kb',
      { name: 'intruder', embedding_model: 'embed', workspace_id: cast.wsB },
      adminA,
    );
    expect(create.status).toBe(404);
    // B's base is untouched.
    const still = await api(scene.baimo, 'GET', `/api/kb/${kbB.id}?workspace_id=${cast.wsB}`);
    expect(still.body).toMatchObject({ description: '', document_count: 1 });
  });

  it('an API key searches and reads its workspace’s bases, and changes nothing', async () => {
    const keyB: Caller = { token: cast.keyB };
    const list = await api(scene.baimo, 'GET', '/api/kb', undefined, keyB);
    expect(list.status).toBe(200);
    expect(list.body.data.map((b: any) => b.id)).toEqual([kbB.id]);
    const hits = await search(scene.baimo, 'secrets-b', { query: 'Nightjar' }, keyB);
    expect(hits.data[0]).toMatchObject({ document_name: 'plan.md' });
    expect(hits.data[0].text).toContain('Nightjar');
    expect((await api(scene.baimo, 'GET', `/api/kb/${kbB.id}/documents`, undefined, keyB)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/api/kb', { name: 'by-key', embedding_model: 'embed' }],
      ['PATCH', `/api/kb/${kbB.id}`, { description: 'x' }],
      ['DELETE', `/api/kb/${kbB.id}`, undefined],
      ['POST', `/api/kb/${kbB.id}/documents`, { urls: ['https://example.com/a.html'] }],
    ] as const) {
      const r = await api(scene.baimo, method, path, body, keyB);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error.code).toBe('key_not_allowed');
    }
    const byUpload = await upload(scene.baimo, kbB.id, { files: [{ name: 'x.txt', data: 'x' }] }, cast.keyB);
    expect(byUpload.status).toBe(403);
    // Another workspace's key: not found, even naming the workspace.
    const keyA: Caller = { token: cast.keyA };
    expect((await api(scene.baimo, 'POST', `/api/kb/${kbB.id}/search`, { query: 'Nightjar' }, keyA)).status).toBe(404);
    expect((await api(scene.baimo, 'POST', `/api/kb/${kbB.id}/search?workspace_id=${cast.wsB}`, { query: 'Nightjar' }, keyA)).status).toBe(
      404,
    );
  });

  it('a viewer searches but may not create, change or upload', async () => {
    const hits = await search(scene.baimo, 'secrets-b', { query: 'Nightjar' }, viewerB);
    expect(hits.data.length).toBeGreaterThan(0);
    const create = await api(scene.baimo, 'POST', '/api/kb', { name: 'by-viewer', embedding_model: 'embed' }, viewerB);
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('role_insufficient');
    expect((await api(scene.baimo, 'DELETE', '/api/kb/secrets-b', undefined, viewerB)).status).toBe(403);
  });
});
