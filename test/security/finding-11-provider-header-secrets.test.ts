import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 11: credentials in a provider's `headers` or `query` were stored in plaintext in the
// database and written to the audit detail. They must be sealed like api_key, shown by name only,
// redacted in audit entries, and still sent upstream.

const HEADER_SECRET = 'hdr-secret-5b0c1e77a9d24f3e';
const QUERY_SECRET = 'qry-secret-9e41d0c2b7aa6f18';
const LEGACY_SECRET = 'legacy-hdr-secret-0d3f8a61c2';
const SECRETS = [HEADER_SECRET, QUERY_SECRET];

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  baimo = await startBaimo({});
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

const dbFile = () => join(baimo.dir, 'baimo.db');

/** Every byte of the database, its WAL and shared memory, as text. */
function databaseBytes(): string {
  return ['', '-wal', '-shm']
    .map((suffix) => `${dbFile()}${suffix}`)
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

/** The last request the fake upstream got for a chat through `model`. */
async function sentUpstream(model: string) {
  const before = fake.requests.length;
  const r = await chat(baimo, ADMIN_TOKEN, { model });
  expect(r.status).toBe(200);
  return fake.requests[before];
}

describe('finding 11: provider headers and query are secrets at rest', () => {
  it('are sealed in the database, shown by name only, redacted in the audit log, and still sent upstream', async () => {
    const put = await api(baimo, 'PUT', '/api/providers/sealed', {
      type: 'openai-compatible',
      base_url: fake.url,
      headers: { 'X-Upstream-Auth': HEADER_SECRET },
      query: { sig: QUERY_SECRET },
    });
    expect(put.status).toBe(200);
    expect((await api(baimo, 'PUT', '/api/models/sealed-chat', { targets: [{ provider: 'sealed', model: 'm-sealed' }] })).status).toBe(200);

    const sent = await sentUpstream('sealed-chat');
    expect(sent.headers['x-upstream-auth']).toBe(HEADER_SECRET);
    expect(new URL(sent.url, 'http://x').searchParams.get('sig')).toBe(QUERY_SECRET);

    const responses = [
      put.body,
      (await api(baimo, 'GET', '/api/providers')).body,
      (await api(baimo, 'GET', '/api/providers/sealed')).body,
      (await api(baimo, 'GET', '/api/audit?limit=1000')).body,
      (await api(baimo, 'GET', '/api/audit/export')).body,
    ];
    for (const body of responses) for (const s of SECRETS) expect(JSON.stringify(body)).not.toContain(s);

    const audit = (await api(baimo, 'GET', '/api/audit?action=provider.create')).body.data[0];
    expect(audit.detail.body).toMatchObject({ headers: { 'X-Upstream-Auth': '[redacted]' }, query: { sig: '[redacted]' } });

    const text = databaseBytes();
    expect(text).toContain('sealed-chat'); // the check reads the live data
    for (const s of SECRETS) expect(text).not.toContain(s);
    // Shown by name, like api_key (has_api_key, secrets_set).
    expect(put.body).toMatchObject({ headers: { 'X-Upstream-Auth': '[redacted]' }, query: { sig: '[redacted]' } });
  });

  it('a GET result sent back as is keeps the stored values; null removes them', async () => {
    const got = (await api(baimo, 'GET', '/api/providers/sealed')).body;
    const again = await api(baimo, 'PUT', '/api/providers/sealed', {
      type: 'openai-compatible',
      base_url: fake.url,
      headers: { ...got.headers, 'X-Extra': 'plain' },
      query: got.query,
    });
    expect(again.status).toBe(200);
    const sent = await sentUpstream('sealed-chat');
    expect(sent.headers['x-upstream-auth']).toBe(HEADER_SECRET);
    expect(sent.headers['x-extra']).toBe('plain');
    expect(sent.url).toContain(`sig=${QUERY_SECRET}`);

    const unknown = await api(baimo, 'PUT', '/api/providers/sealed', {
      type: 'openai-compatible',
      base_url: fake.url,
      headers: { 'X-Never-Set': '[redacted]' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('headers.X-Never-Set');

    const split = await api(baimo, 'PUT', '/api/providers/sealed', {
      type: 'openai-compatible',
      base_url: fake.url,
      headers: { 'X-Ok': 'a\r\nX-Injected: b' },
    });
    expect(split.status).toBe(400);

    const removed = await api(baimo, 'PUT', '/api/providers/sealed', { type: 'openai-compatible', base_url: fake.url, headers: null });
    expect(removed.body).toMatchObject({ headers: {}, query: { sig: '[redacted]' } });
    expect((await sentUpstream('sealed-chat')).headers['x-upstream-auth']).toBeUndefined();
  });

  it('a row stored with plaintext headers by an older version keeps working and is sealed on the next reload', async () => {
    const s = new SQLite(dbFile());
    try {
      const now = Date.now();
      s.prepare('insert into provider_rows (name, config, secret, created_at, updated_at) values (?, ?, null, ?, ?)').run(
        'legacy',
        JSON.stringify({ type: 'openai-compatible', base_url: fake.url, headers: { 'X-Legacy-Auth': LEGACY_SECRET } }),
        now,
        now,
      );
    } finally {
      s.close();
    }
    // Any model change reloads the database rows (as a restart would).
    expect((await api(baimo, 'PUT', '/api/prices', { model: 'legacy/*', input: 1, output: 2, currency: 'CNY' })).status).toBe(200);
    expect((await api(baimo, 'PUT', '/api/models/legacy-chat', { targets: [{ provider: 'legacy', model: 'm-legacy' }] })).status).toBe(200);
    expect((await sentUpstream('legacy-chat')).headers['x-legacy-auth']).toBe(LEGACY_SECRET);
    const got = await api(baimo, 'GET', '/api/providers/legacy');
    expect(got.body.headers).toEqual({ 'X-Legacy-Auth': '[redacted]' });
    expect(JSON.stringify(got.body)).not.toContain(LEGACY_SECRET);

    const r = new SQLite(dbFile(), { readonly: true });
    try {
      const row = r.prepare('select config, secret from provider_rows where name = ?').get('legacy') as { config: string; secret: string };
      expect(row.config).not.toContain(LEGACY_SECRET);
      expect(row.secret).toMatch(/^v1:/);
    } finally {
      r.close();
    }
    expect((await sentUpstream('legacy-chat')).headers['x-legacy-auth']).toBe(LEGACY_SECRET);
  });
});
