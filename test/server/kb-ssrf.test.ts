import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';
import { createKb, settled, startKbScene } from '../helpers/kb-api.js';

// Issue 17, acceptance: URL ingestion is guarded against SSRF. Without `knowledge.fetch_allow_private`
// (the default), URLs that are or resolve to loopback, private (10.x) and link-local / cloud metadata
// (169.254.169.254) addresses are refused: each document fails with the fetcher's reason, and nothing
// is fetched. A public URL's document is not affected by its neighbours' refusal.

describe('SSRF guard of URL ingestion (default config)', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;
  let local: FixtureServer;

  beforeAll(async () => {
    // A real server on loopback that would answer: it must never be asked.
    local = await startFixtureServer(() => ({ body: '<p>internal secret page</p>', headers: { 'content-type': 'text/html' } }));
    scene = await startKbScene();
    await createKb(scene.baimo, { name: 'ssrf' });
  });
  afterAll(async () => {
    await scene?.close();
    await local?.close();
  });

  it('refuses loopback, 10.x and 169.254.169.254, by address and by a name that resolves to loopback', async () => {
    const port = new URL(local.origin).port;
    const urls = [
      `http://127.0.0.1:${port}/admin`,
      `http://localhost:${port}/admin`,
      `http://10.1.2.3/internal`,
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      `http://[::ffff:127.0.0.1]:${port}/mapped`,
      `http://2130706433:${port}/decimal`,
    ];
    const added = await api(scene.baimo, 'POST', '/api/kb/ssrf/documents', { urls });
    expect(added.status, JSON.stringify(added.body)).toBe(202);
    expect(added.body.data).toHaveLength(urls.length);
    const docs = await settled(scene.baimo, 'ssrf');
    for (const d of docs.values()) {
      expect(d, d.name).toMatchObject({ status: 'failed', source: 'url', chunk_count: 0, error: { reason: 'private_address' } });
      expect(d.error.message.length, d.name).toBeGreaterThan(10);
      // The message names the host at most: never the path, which may hold a token.
      expect(d.error.message).not.toContain('security-credentials');
    }
    expect(local.requests).toEqual([]);
    expect(scene.fake.requests).toEqual([]);
    const base = await api(scene.baimo, 'GET', '/api/kb/ssrf');
    expect(base.body).toMatchObject({ chunk_count: 0 });
  });

  it('refuses other schemes before anything is stored', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://10.0.0.1/x']) {
      const r = await api(scene.baimo, 'POST', '/api/kb/ssrf/documents', { urls: [url] });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code).toBe('invalid_value');
    }
    expect(local.requests).toEqual([]);
  });
});
