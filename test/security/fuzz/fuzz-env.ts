import { Pool } from 'undici';
import { ArenaRepository } from '../../../src/store/arena-repository.js';
import { api, createKey, login, type Caller } from '../../helpers/admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../../helpers/start-baimo.js';
import { startLeakyUpstream, type LeakyUpstream } from './leaky-upstream.js';

/** Distinctive secrets: none of them may ever appear in a response. */
export const SECRETS = {
  providerKey: 'sk-fuzz-SECRET-provider-7f3a9c1e5b',
  providerHeader: 'hdr-fuzz-SECRET-provider-2d8e4a',
  providerQuery: 'qry-fuzz-SECRET-provider-9b1c6f',
  victimKey: 'sk-fuzz-SECRET-victim-4e7a2c9d1f',
  victimHeader: 'hdr-fuzz-SECRET-victim-6a3f0b',
  victimQuery: 'qry-fuzz-SECRET-victim-1c5e8d',
  password: 'fuzz-SECRET-password-correct-horse',
  adminToken: ADMIN_TOKEN,
} as const;

/** Who calls: every role, plus broken variants of a session. */
export const CALLERS = [
  'admin',
  'instanceAdmin',
  'wsAdmin',
  'member',
  'viewer',
  'ownerB',
  'keyA',
  'keyB',
  'nobody',
  'sessionNoCsrf',
  'adminXApiKey',
] as const;
export type CallerName = (typeof CALLERS)[number];

export interface FuzzEnv {
  baimo: TestBaimo;
  upstream: LeakyUpstream;
  /** Raw HTTP to baimo (paths are sent as given, bodies on any method). */
  pool: Pool;
  /** Ids of everything created for the run (workspaces, apps, keys, users, libraries, logs, jobs). */
  ids: Record<string, string>;
  logIds: string[];
  headersOf: Record<CallerName, Record<string, string>>;
  secrets: string[];
  close(): Promise<void>;
}

function ok<T extends { status: number; body: unknown }>(r: T, what: string, want = [200, 201, 202]): T {
  if (!want.includes(r.status)) throw new Error(`fuzz setup: ${what} → ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

const sessionHeaders = (s: { cookie: string; csrf: string }) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/**
 * One real server with two tenants and one victim workspace, users of every role logged in, keys,
 * libraries, logs and a pull job to point ids at. Provider `fake` (baimo.yaml) and `victim` (API)
 * carry secrets in `api_key`, `headers` and `query`; the upstream echoes them in errors on request.
 */
export async function startFuzzEnv(): Promise<FuzzEnv> {
  const upstream = await startLeakyUpstream();
  const provider = (url: string, key: string, header: string, query: string) => ({
    type: 'openai-compatible',
    base_url: url,
    api_key: key,
    headers: { 'x-fuzz-auth': header },
    query: { token: query },
  });
  const baimo = await startBaimo({
    providers: { fake: provider(upstream.url, SECRETS.providerKey, SECRETS.providerHeader, SECRETS.providerQuery) },
    models: [
      { name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] },
      { name: 'leaky', targets: [{ provider: 'fake', model: 'leak-m1' }] },
    ],
    router: { retries: 0 },
    apps: { default_model: 'chat' },
  });
  const ids: Record<string, string> = {};
  const call = (method: string, path: string, body?: unknown, caller?: Caller) => api(baimo, method, path, body, caller);
  for (const t of ['A', 'B', 'Victim']) {
    ids[`ws${t}`] = ok(await call('POST', '/api/workspaces', { name: `fuzz ${t}` }), 'workspace').body.id;
  }
  for (const t of ['A', 'B', 'V']) {
    const ws = t === 'B' ? ids.wsB : ids.wsA;
    ids[`app${t}`] = ok(await call('POST', `/api/workspaces/${ws}/apps`, { name: `app ${t}` }), 'app').body.id;
    const k = await createKey(baimo, { name: `key ${t}`, app_id: ids[`app${t}`] }, ws);
    ids[`key${t}`] = k.id;
    ids[`secret${t}`] = k.key;
  }
  const user = async (name: string, is_admin: boolean, workspaces: Array<{ id: string; role: string }>) =>
    ok(
      await call('POST', '/api/users', { email: `${name}@fuzz.example.cn`, name, password: SECRETS.password, is_admin, workspaces }),
      `user ${name}`,
    ).body.id as string;
  ids.instanceAdmin = await user('instance-admin', true, []);
  ids.wsAdmin = await user('ws-admin', false, [
    { id: ids.wsA, role: 'admin' },
    { id: ids.wsVictim, role: 'admin' },
  ]);
  ids.member = await user('member', false, [{ id: ids.wsA, role: 'member' }]);
  ids.viewer = await user('viewer', false, [{ id: ids.wsA, role: 'viewer' }]);
  ids.userV = await user('victim', false, [{ id: ids.wsA, role: 'member' }]);
  ids.ownerB = await user('owner-b', false, [{ id: ids.wsB, role: 'owner' }]);
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  for (const name of ['instance-admin', 'ws-admin', 'member', 'viewer', 'owner-b'])
    sessions[name] = await login(baimo, `${name}@fuzz.example.cn`, SECRETS.password);

  ok(
    await call('PUT', '/api/providers/victim', provider(upstream.leakUrl, SECRETS.victimKey, SECRETS.victimHeader, SECRETS.victimQuery)),
    'victim provider',
  );
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['V', ids.wsA],
  ]) {
    const lib = { workspace_id: ws, name: `lib ${t}`, text: `禁词${t}\tA.1.1\nforbidden${t}\tA.1.1` };
    ids[`lib${t}`] = ok(await call('POST', '/api/moderation/libraries', lib), 'library').body.id;
  }
  // Workspace A runs the whole compliance pipeline, so /v1 fuzzing with key A goes through it.
  ok(
    await call('PUT', `/api/security/policies/workspace/${ids.wsA}`, {
      policy: {
        pii: { action: 'pseudonymize', custom: [{ name: 'proj', pattern: 'PRJ-\\d+' }] },
        moderation: { input: 'block', output: 'cut', libraries: [ids.libA], rules: [{ pattern: 'badword\\d', risk: 'A.1.1' }] },
      },
    }),
    'policy A',
  );
  for (const [secret, model] of [
    [ids.secretA, 'chat'],
    [ids.secretB, 'chat'],
    [ids.secretB, 'leaky'],
  ]) {
    await fetch(`${baimo.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi 13812345678' }] }),
    }).then((r) => r.arrayBuffer());
  }
  await baimo.runtime.logWriter.flush();
  const logIds = (ok(await call('GET', '/api/logs?limit=20'), 'logs').body.data as Array<{ id: string }>).map((l) => l.id);
  // A pull job whose "server" echoes credentials (it fails; its status is what gets read).
  ids.pullJob = ok(await call('POST', '/api/local-models/pull', { source: `${upstream.leakUrl}/m.gguf` }), 'pull').body.job_id;
  // Background jobs in workspaces A and B (a type registered the way a feature registers its own).
  baimo.runtime.jobs.register({ queue: 'fuzz', name: 'fuzz.echo', handler: async () => ({ ok: true }) });
  for (const t of ['A', 'B']) ids[`job${t}`] = (await baimo.runtime.jobs.enqueue('fuzz.echo', {}, { workspaceId: ids[`ws${t}`] })).id;

  // Scenario apps (issue 18): published ones in A and B to read, and a victim in A to change and delete.
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['V', ids.wsA],
  ]) {
    const body = { slug: `fuzz-app-${t.toLowerCase()}`, from_builtin: 'translate', publish: true };
    ids[`sapp${t}`] = ok(await call('POST', `/api/workspaces/${ws}/apps`, body), 'scenario app').body.id;
  }

  // Knowledge bases (embedding through `chat`) with one ingested document each: in A, B, the default
  // workspace (where the admin token's calls land without workspace_id), and a victim in A to delete.
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['D', 'ws_default'],
    ['V', ids.wsA],
  ]) {
    const kb = ok(await call('POST', '/api/kb', { name: `fuzz-kb-${t.toLowerCase()}`, embedding_model: 'chat', workspace_id: ws }), 'kb');
    ids[`kb${t}`] = kb.body.id;
    const form = new FormData();
    form.append('file', new Blob([`# Fuzz ${t}\n\nA document of knowledge base ${t}.`], { type: 'text/markdown' }), `fuzz-${t}.md`);
    const added = await fetch(`${baimo.url}/api/kb/${kb.body.id}/documents?workspace_id=${ws}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      body: form,
    });
    ids[`doc${t}`] = ok({ status: added.status, body: (await added.json()) as any }, 'kb document').body.data[0].id;
  }

  // Pending blind arena battles (issue 19) in A, B and the default workspace, to vote on.
  const battles = new ArenaRepository(baimo.runtime.database.db);
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['D', 'ws_default'],
  ]) {
    ids[`battle${t}`] = `battle_fuzz${t}`;
    await battles.insert({
      ...{ id: ids[`battle${t}`], workspace_id: ws, model_a: 'chat', model_b: 'leaky', winner: null, source: 'vote' },
      ...{ prompt: 'hi', answer_a: 'a', answer_b: 'b', detail: '{}', created_by: null, created_at: Date.now(), voted_at: null },
    });
  }

  // Evaluation datasets (issue 19) in A, B, the default workspace, and a victim in A to change and delete.
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['D', 'ws_default'],
    ['V', ids.wsA],
  ]) {
    const file = { name: 'qa.jsonl', bytes: Buffer.from(`{"input":"fuzz ${t}","reference":"${t}"}\n`) };
    ids[`ds${t}`] = (
      await baimo.runtime.evalDatasets.importUpload(ws, `fuzz-ds-${t.toLowerCase()}`, [file], { createdBy: null })
    ).dataset.id;
  }

  // Evaluation runs (issue 19) on those datasets: in A, B, the default workspace, and a victim in A.
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
    ['D', 'ws_default'],
    ['V', ids.wsA],
  ]) {
    const suite = { name: `fuzz-run-${t.toLowerCase()}`, type: 'qa', dataset: `fuzz-ds-${t.toLowerCase()}`, models: ['chat'] };
    ids[`run${t}`] = ok(await call('POST', `/api/eval/runs?workspace_id=${ws}`, { suite }), 'eval run').body.id;
  }

  // Usage report jobs (issue 20) in A and B: their status and files are read.
  for (const [t, ws] of [
    ['A', ids.wsA],
    ['B', ids.wsB],
  ])
    ids[`report${t}`] = ok(await call('POST', '/api/analytics/reports', { workspace_id: ws, format: 'json' }), 'report job').body.id;

  const headersOf: Record<CallerName, Record<string, string>> = {
    admin: { authorization: `Bearer ${ADMIN_TOKEN}` },
    instanceAdmin: sessionHeaders(sessions['instance-admin']),
    wsAdmin: sessionHeaders(sessions['ws-admin']),
    member: sessionHeaders(sessions.member),
    viewer: sessionHeaders(sessions.viewer),
    ownerB: sessionHeaders(sessions['owner-b']),
    keyA: { authorization: `Bearer ${ids.secretA}` },
    keyB: { authorization: `Bearer ${ids.secretB}` },
    nobody: {},
    sessionNoCsrf: { cookie: sessions['ws-admin'].cookie },
    adminXApiKey: { 'x-api-key': ADMIN_TOKEN },
  };
  const pool = new Pool(baimo.url, { connections: 4, headersTimeout: 20_000, bodyTimeout: 20_000 });
  return {
    baimo,
    upstream,
    pool,
    ids,
    logIds,
    headersOf,
    // Virtual keys and session tokens made in the setup are secrets too (the fuzzer only sends them as credentials).
    secrets: [
      ...Object.values(SECRETS),
      ids.secretA,
      ids.secretB,
      ids.secretV,
      ...Object.values(sessions).map((s) => s.cookie.split('=')[1]),
    ],
    close: async () => {
      await pool.close().catch(() => undefined);
      await baimo.close();
      await upstream.close();
    },
  };
}
