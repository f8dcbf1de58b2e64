import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CATALOG } from '../../src/catalog/catalog.js';
import { catalogListSchema } from '../../src/server/api/catalog-routes.js';
import { admin, api, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

let baimo: TestBaimo;
let viewer: Caller;
let key: Caller;

type Entry = z.infer<typeof catalogListSchema>['data'][number];

beforeAll(async () => {
  baimo = await startBaimo({});
  const ws = (await api(baimo, 'POST', '/api/workspaces', { name: 'catalog' })).body.id;
  await api(baimo, 'POST', '/api/users', {
    email: 'viewer@example.cn',
    name: 'viewer',
    password: 'correct horse battery',
    workspaces: [{ id: ws, role: 'viewer' }],
  });
  viewer = await login(baimo, 'viewer@example.cn', 'correct horse battery');
  key = { token: (await createKey(baimo, { name: 'k' }, ws)).key };
});
afterAll(async () => {
  await baimo?.close();
});

const catalog = async (): Promise<Map<string, Entry>> => {
  const r = await api(baimo, 'GET', '/api/catalog');
  expect(r.status).toBe(200);
  return new Map((catalogListSchema.parse(r.body).data as Entry[]).map((e) => [e.id, e]));
};
const keys = (e: Entry | undefined, jwt = false) => (jwt ? e?.jwt?.credentials : e?.credentials)?.map((c) => c.key);

describe('GET /api/catalog', () => {
  it('matches its schema and lists every catalog provider, in catalog order', async () => {
    const r = await api(baimo, 'GET', '/api/catalog');
    expect(r.body.object).toBe('list');
    expect(() => catalogListSchema.parse(r.body)).not.toThrow();
    expect((r.body.data as Entry[]).map((e) => e.id)).toEqual(CATALOG.map((e) => e.id));
  });

  it('lists the built-in providers with models, windows and prices', async () => {
    const byId = await catalog();
    const deepseek = byId.get('deepseek')!;
    expect(deepseek.names).toEqual({ zh: '深度求索', en: 'DeepSeek' });
    expect(deepseek).toMatchObject({
      protocol: 'openai',
      auth: 'bearer',
      currency: 'CNY',
      env_keys: ['DEEPSEEK_API_KEY'],
      file_only: false,
    });
    expect(deepseek.brand).toEqual({ mark: 'DS', color: '#4d6bfe' });
    const chat = deepseek.models.find((m) => m.id === 'deepseek-chat')!;
    expect(chat).toMatchObject({ kind: 'chat', context: 131072, max_output: 8192, currency: 'CNY' });
    expect(chat.prices).toEqual([{ up_to: null, input: 2, output: 3, cached: 0.2 }]);

    expect(byId.get('spark-ws')!.base_url).toMatch(/^wss:\/\//);
    const qwen3max = byId.get('qwen')!.models.find((m) => m.id === 'qwen3-max')!;
    expect(qwen3max.prices.map((t) => t.up_to)).toEqual([32000, 128000, null]);
    expect(qwen3max.prices[0]).toEqual({ up_to: 32000, input: 6, output: 24, cached: null });
    // No brand: the console shows the name's first letter.
    expect(byId.get('yi')!.brand).toBeNull();
  });

  it('gives each provider the credential fields of its protocol, with labels and which are secret', async () => {
    const byId = await catalog();
    const deepseek = byId.get('deepseek')!;
    expect(deepseek.credentials).toEqual([
      {
        key: 'api_key',
        label: { zh: 'API Key', en: 'API key' },
        placeholder: { zh: '粘贴 API Key', en: 'Paste the API key' },
        sealed: true,
        required: true,
      },
    ]);
    expect(keys(byId.get('ernie'))).toEqual(['api_key', 'secret_key']);
    expect(keys(byId.get('hunyuan-tc3'))).toEqual(['secret_id', 'secret_key']);
    const spark = byId.get('spark-ws')!.credentials;
    expect(spark.map((c) => [c.key, c.sealed, c.required])).toEqual([
      ['app_id', false, true],
      ['api_key', true, true],
      ['api_secret', true, true],
    ]);
    expect(spark[0].placeholder.zh).toBe('讯飞开放平台 APPID');

    // JWT signing is catalog data: Zhipu signs from the key alone, SenseNova from AK + SK.
    expect(keys(byId.get('zhipu'), true)).toEqual(['api_key']);
    expect(keys(byId.get('sensenova'), true)).toEqual(['api_key', 'secret_key']);
    expect(byId.get('sensenova')!.jwt!.hint.en).toMatch(/secret key/);
    expect(byId.get('deepseek')!.jwt).toBeNull();
    expect(byId.get('azure-openai')!.auth).toBe('api-key-header');

    // Local engines need no key: the field is offered, not required; the embedded engine has none and is file-only.
    const local = [...byId.values()].filter((e) => e.key_optional);
    expect(local.length).toBeGreaterThan(0);
    for (const e of local) expect(e.credentials.every((c) => !c.required)).toBe(true);
    expect(byId.get('llama-cpp')).toMatchObject({ credentials: [], file_only: true });
  });

  it('is documented in /openapi.json with bounded fields', async () => {
    const doc = (await api(baimo, 'GET', '/openapi.json', undefined, null)).body;
    const op = doc.paths['/api/catalog'].get;
    const text = JSON.stringify(op);
    expect(text).toContain('"maxLength"');
    expect(text).toContain('"maxItems"');
    expect(text).toContain('file_only');
  });

  it('the admin token and console users may read it, virtual keys may not', async () => {
    expect((await api(baimo, 'GET', '/api/catalog', undefined, admin)).status).toBe(200);
    expect((await api(baimo, 'GET', '/api/catalog', undefined, viewer)).status).toBe(200);
    const denied = await api(baimo, 'GET', '/api/catalog', undefined, key);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('key_not_allowed');
    expect((await api(baimo, 'GET', '/api/catalog', undefined, null)).status).toBe(401);
  });
});
