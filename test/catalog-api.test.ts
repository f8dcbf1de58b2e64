import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createKey, login, type Caller } from './helpers/admin-api.js';
import { startBaimo, type TestBaimo } from './helpers/start-baimo.js';

let baimo: TestBaimo;
let viewer: Caller;
let key: Caller;

interface Entry {
  id: string;
  names: { zh: string; en: string };
  protocol: string;
  base_url: string;
  credentials: string[];
  env_keys: string[];
  currency: string;
  key_optional: boolean;
  models: Array<{
    id: string;
    kind: string;
    context: number | null;
    max_output: number | null;
    currency: string;
    prices: Array<{ up_to: number | null; input: number; output: number; cached: number | null }>;
  }>;
}

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

describe('GET /api/catalog', () => {
  it('lists the built-in providers with models, windows and prices', async () => {
    const r = await api(baimo, 'GET', '/api/catalog');
    expect(r.status).toBe(200);
    expect(r.body.object).toBe('list');
    const byId = new Map((r.body.data as Entry[]).map((e) => [e.id, e]));

    const deepseek = byId.get('deepseek')!;
    expect(deepseek.names).toEqual({ zh: '深度求索', en: 'DeepSeek' });
    expect(deepseek).toMatchObject({ protocol: 'openai', currency: 'CNY', credentials: ['api_key'], env_keys: ['DEEPSEEK_API_KEY'] });
    const chat = deepseek.models.find((m) => m.id === 'deepseek-chat')!;
    expect(chat).toMatchObject({ kind: 'chat', context: 131072, max_output: 8192, currency: 'CNY' });
    expect(chat.prices).toEqual([{ up_to: null, input: 2, output: 3, cached: 0.2 }]);

    expect(byId.get('ernie')!.credentials).toEqual(['api_key', 'secret_key']);
    expect(byId.get('spark-ws')!.base_url).toMatch(/^wss:\/\//);

    const qwen3max = byId.get('qwen')!.models.find((m) => m.id === 'qwen3-max')!;
    expect(qwen3max.prices.map((t) => t.up_to)).toEqual([32000, 128000, null]);
    expect(qwen3max.prices[0]).toEqual({ up_to: 32000, input: 6, output: 24, cached: null });

    // Local engines need no key.
    const local = (r.body.data as Entry[]).filter((e) => e.key_optional);
    expect(local.length).toBeGreaterThan(0);
    for (const e of local) expect(e.credentials).toEqual([]);
  });

  it('console users may read it, virtual keys may not', async () => {
    expect((await api(baimo, 'GET', '/api/catalog', undefined, viewer)).status).toBe(200);
    const denied = await api(baimo, 'GET', '/api/catalog', undefined, key);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('key_not_allowed');
    expect((await api(baimo, 'GET', '/api/catalog', undefined, null)).status).toBe(401);
  });
});
