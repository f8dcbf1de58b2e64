import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, api, chat, createKey } from '../helpers/admin-api.js';
import { dumpTables, queryRows } from '../helpers/db-query.js';
import { TEST_DIALECT } from '../helpers/test-database.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

const PROVIDER_SECRET = 'sk-upstream-7f3a9c-do-not-leak';
let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({
    providers: { filed: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'from-file', targets: [{ provider: 'filed', model: 'm1' }] }],
    prices: [{ model: 'filed/*', input: 2, output: 8, currency: 'CNY' }],
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('providers and model aliases in the database', () => {
  it('a provider added through the API is used at once, with its secret sent upstream', async () => {
    const put = await api(baimo, 'PUT', '/api/providers/dbfake', {
      type: 'openai-compatible',
      base_url: fake.url,
      api_key: PROVIDER_SECRET,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'dbfake', source: 'database', has_api_key: true });
    expect(JSON.stringify(put.body)).not.toContain(PROVIDER_SECRET);
    const alias = await api(baimo, 'PUT', '/api/models/db-chat', { targets: [{ provider: 'dbfake', model: 'm-db' }] });
    expect(alias.status).toBe(200);
    const before = fake.requests.length;
    const r = await chat(baimo, ADMIN_TOKEN, { model: 'db-chat' });
    expect(r.status).toBe(200);
    const sent = fake.requests[before];
    expect(sent.body.model).toBe('m-db');
    expect(sent.headers.authorization).toBe(`Bearer ${PROVIDER_SECRET}`);
    const models = await fetch(`${baimo.baseURL}/models`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }).then(
      (x) => x.json() as Promise<{ data: Array<{ id: string }> }>,
    );
    expect(models.data.map((m: { id: string }) => m.id)).toContain('db-chat');
  });

  it('changing or deleting an alias applies without restart; file entries cannot be shadowed', async () => {
    await api(baimo, 'PUT', '/api/models/db-chat', { targets: [{ provider: 'filed', model: 'm-changed' }] });
    const before = fake.requests.length;
    await chat(baimo, ADMIN_TOKEN, { model: 'db-chat' });
    expect(fake.requests[before].body.model).toBe('m-changed');
    expect((await api(baimo, 'DELETE', '/api/models/db-chat')).status).toBe(200);
    expect((await chat(baimo, ADMIN_TOKEN, { model: 'db-chat' })).status).toBe(404);
    const shadow = await api(baimo, 'PUT', '/api/models/from-file', { targets: [{ provider: 'filed', model: 'x' }] });
    expect(shadow.status).toBe(409);
    const bad = await api(baimo, 'PUT', '/api/models/broken', { targets: [{ provider: 'nope', model: 'x' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('targets[0].provider');
    expect((await api(baimo, 'PUT', '/api/providers/weird', { type: 'not-a-provider' })).status).toBe(400);
  });

  it('the provider secret is write-only: omitted on update it is kept, never returned', async () => {
    await api(baimo, 'PUT', '/api/providers/dbfake', { type: 'openai-compatible', base_url: fake.url, max_concurrency: 8 });
    const got = await api(baimo, 'GET', '/api/providers/dbfake');
    expect(got.body).toMatchObject({ has_api_key: true, max_concurrency: 8 });
    const list = await api(baimo, 'GET', '/api/providers');
    expect(JSON.stringify(list.body)).not.toContain(PROVIDER_SECRET);
  });

  it('a leaked database dump reveals no usable key or provider secret', async () => {
    const TC3_SECRET = 'tc3-secret-key-do-not-leak';
    const missing = await api(baimo, 'PUT', '/api/providers/hy', { type: 'hunyuan-tc3', secret_id: 'AKIDtest' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('secret_key');
    const hy = await api(baimo, 'PUT', '/api/providers/hy', { type: 'hunyuan-tc3', secret_id: 'AKIDtest', secret_key: TC3_SECRET });
    expect(hy.status).toBe(200);
    expect(hy.body.secrets_set).toEqual(['secret_key']);
    const { key } = await createKey(baimo, { name: 'leak check' });
    await chat(baimo, key, { model: 'from-file' });
    await baimo.runtime.logWriter.flush();
    let dump = (await dumpTables(baimo.runtime.database)).map((t) => t.text).join('');
    // Also the WAL and any other file next to the database (SQLite).
    for (const f of readdirSync(baimo.dir))
      if (statSync(join(baimo.dir, f)).isFile() && f !== 'master.key') dump += readFileSync(join(baimo.dir, f)).toString('latin1');
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(6)); // not even without its prefix
    expect(dump).not.toContain(PROVIDER_SECRET);
    expect(dump).not.toContain(TC3_SECRET);
    expect(dump).not.toContain(ADMIN_TOKEN);
    // The stored hash is no key: presenting it is refused.
    const hashes = await queryRows<{ key_hash: string }>(baimo.runtime.database, 'select key_hash from virtual_keys');
    const [sealed] = await queryRows<{ secret: string }>(baimo.runtime.database, `select secret from provider_rows where name = 'dbfake'`);
    expect(sealed.secret).toMatch(/^v1:/);
    for (const { key_hash } of hashes) expect((await chat(baimo, key_hash, { model: 'from-file' })).status).toBe(401);
    // The master key file is private to the owner (on PostgreSQL the key comes from the environment).
    if (TEST_DIALECT === 'sqlite') expect(statSync(join(baimo.dir, 'master.key')).mode & 0o077).toBe(0);
  });
});

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3 document listing every /api route', async () => {
    const r = await api(baimo, 'GET', '/openapi.json', undefined, null);
    expect(r.status).toBe(200);
    const v = await new Validator().validate(r.body);
    expect(v.errors ?? []).toEqual([]);
    expect(v.valid).toBe(true);
    expect(r.body.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(r.body.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const registered = baimo.app.apiRoutes.map((x) => `${x.method} ${x.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    expect(registered.length).toBeGreaterThan(30);
    for (const route of registered) expect(documented, route).toContain(route);
    expect(documented.size).toBe(new Set(registered).size);
  });
});

describe('/metrics', () => {
  it('exposes request, token, cost, limiter, cache and process metrics', async () => {
    const { key } = await createKey(baimo, { rpm: 1, cache: true });
    await chat(baimo, key, { model: 'from-file' });
    await chat(baimo, key, { model: 'from-file' });
    const text = await fetch(`${baimo.url}/metrics`).then((x) => x.text());
    for (const series of [
      'baimo_requests_total{',
      'baimo_request_duration_seconds_bucket{',
      'baimo_tokens_total{',
      'baimo_cost_cny_total{',
      'baimo_limiter_rejections_total{limit="rpm"} 1',
      'baimo_log_writer_queue_depth',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(series);
    }
    expect(text).not.toContain(key);
    void admin;
  });
});
