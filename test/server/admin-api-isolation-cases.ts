/**
 * The route table of test/server/admin-api-isolation.test.ts: every `/api` route with the call aimed at
 * workspace B (filled into `ids` by that test's set-up) and who may make it.
 */

/** Ids the isolation test creates (workspaces, keys, users, rows of workspace B …), by name. */
export const ids: Record<string, string> = {};

export type Kind = 'tenant' | 'instance-read' | 'instance-write' | 'self' | 'public';
export interface Case {
  kind: Kind;
  /** The call aimed at workspace B (or at instance-wide state). */
  path: () => string;
  body?: () => unknown;
  /** The same call aimed at workspace A, for the viewer-cannot-write check (writes only). */
  pathA?: () => string;
}

const keyPatch = () => ({ rpm: 1, name: 'hijacked' });
/** Every `/api` route, by `METHOD path` exactly as `/openapi.json` lists it. */
export const CASES: Record<string, Case> = {
  'POST /api/auth/login': { kind: 'public', path: () => '/api/auth/login' },
  'POST /api/auth/logout': { kind: 'self', path: () => '/api/auth/logout' },
  'GET /api/auth/status': { kind: 'public', path: () => '/api/auth/status' },
  'GET /api/auth/me': { kind: 'self', path: () => '/api/auth/me' },
  'GET /api/workspaces': { kind: 'self', path: () => '/api/workspaces' },
  'POST /api/workspaces': { kind: 'instance-write', path: () => '/api/workspaces', body: () => ({ name: 'rogue' }) },
  'GET /api/workspaces/{workspaceId}': { kind: 'tenant', path: () => `/api/workspaces/${ids.wsB}` },
  'PATCH /api/workspaces/{workspaceId}': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}`,
    body: () => ({ name: 'pwned' }),
    pathA: () => `/api/workspaces/${ids.wsA}`,
  },
  'DELETE /api/workspaces/{workspaceId}': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}`,
    pathA: () => `/api/workspaces/${ids.wsA}`,
  },
  'GET /api/workspaces/{workspaceId}/members': { kind: 'tenant', path: () => `/api/workspaces/${ids.wsB}/members` },
  'PUT /api/workspaces/{workspaceId}/members/{userId}': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/members/${ids.viewerA}`,
    body: () => ({ role: 'admin' }),
    pathA: () => `/api/workspaces/${ids.wsA}/members/${ids.viewerA}`,
  },
  'DELETE /api/workspaces/{workspaceId}/members/{userId}': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/members/${ids.ownerB}`,
    pathA: () => `/api/workspaces/${ids.wsA}/members/${ids.ownerA}`,
  },
  'GET /api/workspaces/{workspaceId}/apps': { kind: 'tenant', path: () => `/api/workspaces/${ids.wsB}/apps` },
  'POST /api/workspaces/{workspaceId}/apps': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/apps`,
    body: () => ({ name: 'x' }),
    pathA: () => `/api/workspaces/${ids.wsA}/apps`,
  },
  'GET /api/apps/{appId}': { kind: 'tenant', path: () => `/api/apps/${ids.appB}` },
  'PATCH /api/apps/{appId}': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.appB}`,
    body: () => ({ name: 'pwned' }),
    pathA: () => `/api/apps/${ids.appA}`,
  },
  'DELETE /api/apps/{appId}': { kind: 'tenant', path: () => `/api/apps/${ids.appB}`, pathA: () => `/api/apps/${ids.appA}` },
  'GET /api/app-library': { kind: 'self', path: () => '/api/app-library' },
  'POST /api/workspaces/{workspaceId}/apps/import': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/apps/import`,
    body: () => ({ yaml: ids.appYaml }),
    pathA: () => `/api/workspaces/${ids.wsA}/apps/import`,
  },
  'GET /api/apps/{appId}/versions': { kind: 'tenant', path: () => `/api/apps/${ids.sappB}/versions` },
  'POST /api/apps/{appId}/versions': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/versions`,
    body: () => ({ note: 'pwned' }),
    pathA: () => `/api/apps/${ids.sappA}/versions`,
  },
  'GET /api/apps/{appId}/versions/{version}': { kind: 'tenant', path: () => `/api/apps/${ids.sappB}/versions/1` },
  'PUT /api/apps/{appId}/versions/{version}': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/versions/1`,
    body: () => ({ note: 'pwned' }),
    pathA: () => `/api/apps/${ids.sappA}/versions/1`,
  },
  'POST /api/apps/{appId}/versions/{version}/publish': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/versions/1/publish`,
    body: () => ({}),
    pathA: () => `/api/apps/${ids.sappA}/versions/1/publish`,
  },
  'POST /api/apps/{appId}/rollback': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/rollback`,
    body: () => ({ version: 1 }),
    pathA: () => `/api/apps/${ids.sappA}/rollback`,
  },
  'PUT /api/apps/{appId}/traffic': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/traffic`,
    body: () => ({ traffic: [{ version: 1, weight: 100 }] }),
    pathA: () => `/api/apps/${ids.sappA}/traffic`,
  },
  'GET /api/apps/{appId}/export': { kind: 'tenant', path: () => `/api/apps/${ids.sappB}/export` },
  // Viewers count page events of their workspace's apps (the end-user page): no viewer-cannot-write case.
  'POST /api/apps/{appId}/page-events': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/page-events`,
    body: () => ({ kind: 'view', session_id: 'intruder' }),
  },
  'GET /api/apps/{appId}/stats': { kind: 'tenant', path: () => `/api/apps/${ids.sappB}/stats` },
  // Viewers run their workspace's apps (the studio and the end-user page): no viewer-cannot-write case.
  'POST /api/apps/{appId}/run': {
    kind: 'tenant',
    path: () => `/api/apps/${ids.sappB}/run`,
    body: () => ({ inputs: { text: 'run by an intruder' } }),
  },
  'POST /api/workspaces/{workspaceId}/app-library/{slug}/run': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/app-library/summarize/run`,
    body: () => ({ inputs: { text: 'run by an intruder' } }),
  },
  // Reads an uploaded file as text and stores nothing (no workspace to reach); keys are refused (test/server/extract-text.test.ts).
  'POST /api/extract-text': { kind: 'self', path: () => '/api/extract-text' },
  'GET /api/workspaces/{workspaceId}/keys': { kind: 'tenant', path: () => `/api/workspaces/${ids.wsB}/keys` },
  'POST /api/workspaces/{workspaceId}/keys': {
    kind: 'tenant',
    path: () => `/api/workspaces/${ids.wsB}/keys`,
    body: () => ({ name: 'x' }),
    pathA: () => `/api/workspaces/${ids.wsA}/keys`,
  },
  'GET /api/keys/{keyId}': { kind: 'tenant', path: () => `/api/keys/${ids.keyB}` },
  'PATCH /api/keys/{keyId}': { kind: 'tenant', path: () => `/api/keys/${ids.keyB}`, body: keyPatch, pathA: () => `/api/keys/${ids.keyA}` },
  'POST /api/keys/{keyId}/revoke': {
    kind: 'tenant',
    path: () => `/api/keys/${ids.keyB}/revoke`,
    pathA: () => `/api/keys/${ids.keyA}/revoke`,
  },
  'DELETE /api/keys/{keyId}': { kind: 'tenant', path: () => `/api/keys/${ids.keyB}`, pathA: () => `/api/keys/${ids.keyA}` },
  'GET /api/users': { kind: 'self', path: () => '/api/users' },
  'POST /api/users': {
    kind: 'instance-write',
    path: () => '/api/users',
    body: () => ({ email: 'x@example.cn', name: 'x', password: 'long enough pw', is_admin: true }),
  },
  'GET /api/users/{userId}': { kind: 'tenant', path: () => `/api/users/${ids.ownerB}` },
  'PATCH /api/users/{userId}': {
    kind: 'tenant',
    path: () => `/api/users/${ids.ownerB}`,
    body: () => ({ name: 'pwned' }),
    pathA: () => `/api/users/${ids.ownerA}`,
  },
  'DELETE /api/users/{userId}': { kind: 'tenant', path: () => `/api/users/${ids.ownerB}`, pathA: () => `/api/users/${ids.ownerA}` },
  'GET /api/providers': { kind: 'instance-read', path: () => '/api/providers' },
  'GET /api/catalog': { kind: 'instance-read', path: () => '/api/catalog' },
  'GET /api/providers/{name}': { kind: 'instance-read', path: () => '/api/providers/fake' },
  'PUT /api/providers/{name}': {
    kind: 'instance-write',
    path: () => '/api/providers/rogue',
    body: () => ({ type: 'deepseek', api_key: 'sk-rogue' }),
  },
  'DELETE /api/providers/{name}': { kind: 'instance-write', path: () => '/api/providers/fake' },
  'POST /api/providers/{name}/test': { kind: 'instance-write', path: () => '/api/providers/fake/test', body: () => ({}) },
  'GET /api/models': { kind: 'instance-read', path: () => '/api/models' },
  'GET /api/models/{name}': { kind: 'instance-read', path: () => '/api/models/chat' },
  'PUT /api/models/{name}': {
    kind: 'instance-write',
    path: () => '/api/models/rogue',
    body: () => ({ targets: [{ provider: 'fake', model: 'x' }] }),
  },
  'DELETE /api/models/{name}': { kind: 'instance-write', path: () => '/api/models/chat' },
  'GET /api/prices': { kind: 'instance-read', path: () => '/api/prices' },
  'PUT /api/prices': { kind: 'instance-write', path: () => '/api/prices', body: () => ({ model: 'fake/*', free: true }) },
  'DELETE /api/prices': { kind: 'instance-write', path: () => '/api/prices?model=fake%2F*' },
  'GET /api/local-models': { kind: 'instance-read', path: () => '/api/local-models' },
  'POST /api/local-models/pull': {
    kind: 'instance-write',
    path: () => '/api/local-models/pull',
    body: () => ({ source: 'http://127.0.0.1:9/rogue.gguf' }),
  },
  'GET /api/local-models/pulls/{jobId}': { kind: 'instance-read', path: () => `/api/local-models/pulls/${ids.pullJob}` },
  'POST /api/local-models/{provider}/load': { kind: 'instance-write', path: () => '/api/local-models/fake/load' },
  'POST /api/local-models/{provider}/unload': { kind: 'instance-write', path: () => '/api/local-models/fake/unload' },
  'GET /api/logs': { kind: 'tenant', path: () => `/api/logs?workspace_id=${ids.wsB}` },
  'GET /api/logs/{id}': { kind: 'tenant', path: () => `/api/logs/${ids.logB}` },
  'GET /api/usage': { kind: 'tenant', path: () => `/api/usage?workspace_id=${ids.wsB}&group_by=key` },
  'GET /api/stats/overview': { kind: 'tenant', path: () => `/api/stats/overview?range=24h&workspace_id=${ids.wsB}` },
  'GET /api/security/policies': { kind: 'tenant', path: () => `/api/security/policies?workspace_id=${ids.wsB}` },
  'GET /api/security/policies/{scopeType}/{scopeId}': { kind: 'tenant', path: () => `/api/security/policies/workspace/${ids.wsB}` },
  'PUT /api/security/policies/{scopeType}/{scopeId}': {
    kind: 'tenant',
    path: () => `/api/security/policies/app/${ids.appB}`,
    body: () => ({ policy: { pii: { action: 'allow' } } }),
    pathA: () => `/api/security/policies/app/${ids.appA}`,
  },
  'DELETE /api/security/policies/{scopeType}/{scopeId}': {
    kind: 'tenant',
    path: () => `/api/security/policies/workspace/${ids.wsB}`,
    pathA: () => `/api/security/policies/workspace/${ids.wsA}`,
  },
  'GET /api/security/effective': { kind: 'tenant', path: () => `/api/security/effective?key_id=${ids.keyB}` },
  'POST /api/security/pii/scan': {
    kind: 'tenant',
    path: () => '/api/security/pii/scan',
    body: () => ({ text: '13812345678', app_id: ids.appB }),
  },
  'POST /api/security/moderation/check': {
    kind: 'tenant',
    path: () => '/api/security/moderation/check',
    body: () => ({ text: '词B', workspace_id: ids.wsB }),
  },
  'GET /api/moderation/risks': { kind: 'instance-read', path: () => '/api/moderation/risks' },
  'GET /api/moderation/libraries': { kind: 'tenant', path: () => `/api/moderation/libraries?workspace_id=${ids.wsB}` },
  'POST /api/moderation/libraries': {
    kind: 'tenant',
    path: () => '/api/moderation/libraries',
    body: () => ({ workspace_id: ids.wsB, name: 'rogue', text: '词\tA.1.1' }),
  },
  'PATCH /api/moderation/libraries/{id}': {
    kind: 'tenant',
    path: () => `/api/moderation/libraries/${ids.libB}`,
    body: () => ({ enabled: false }),
    pathA: () => `/api/moderation/libraries/${ids.libA}`,
  },
  'DELETE /api/moderation/libraries/{id}': {
    kind: 'tenant',
    path: () => `/api/moderation/libraries/${ids.libB}`,
    pathA: () => `/api/moderation/libraries/${ids.libA}`,
  },
  'GET /api/moderation/libraries/{id}/terms': { kind: 'tenant', path: () => `/api/moderation/libraries/${ids.libB}/terms` },
  'POST /api/moderation/libraries/{id}/terms': {
    kind: 'tenant',
    path: () => `/api/moderation/libraries/${ids.libB}/terms`,
    body: () => ({ terms: [{ term: 'rogue', risk: 'A.1.1' }] }),
    pathA: () => `/api/moderation/libraries/${ids.libA}/terms`,
  },
  'DELETE /api/moderation/libraries/{id}/terms': {
    kind: 'tenant',
    path: () => `/api/moderation/libraries/${ids.libB}/terms`,
    body: () => ({ terms: ['词B'] }),
    pathA: () => `/api/moderation/libraries/${ids.libA}/terms`,
  },
  'GET /api/audit': { kind: 'tenant', path: () => `/api/audit?workspace_id=${ids.wsB}` },
  'POST /api/audit/verify': { kind: 'instance-write', path: () => '/api/audit/verify', body: () => ({}) },
  'GET /api/audit/export': { kind: 'instance-write', path: () => '/api/audit/export' },
  'GET /api/jobs': { kind: 'tenant', path: () => `/api/jobs?workspace_id=${ids.wsB}` },
  'GET /api/jobs/{id}': { kind: 'tenant', path: () => `/api/jobs/${ids.jobB}` },
  'POST /api/jobs': { kind: 'instance-write', path: () => '/api/jobs', body: () => ({ name: 'retention.purge' }) },
  'POST /api/jobs/{id}/cancel': { kind: 'tenant', path: () => `/api/jobs/${ids.jobB}/cancel`, pathA: () => `/api/jobs/${ids.jobA}/cancel` },
  'GET /api/kb': { kind: 'tenant', path: () => `/api/kb?workspace_id=${ids.wsB}` },
  'POST /api/kb': {
    kind: 'tenant',
    path: () => `/api/kb?workspace_id=${ids.wsB}`,
    body: () => ({ name: 'rogue', embedding_model: 'chat' }),
    pathA: () => `/api/kb?workspace_id=${ids.wsA}`,
  },
  'GET /api/kb/{kb}': { kind: 'tenant', path: () => `/api/kb/${ids.kbB}?workspace_id=${ids.wsB}` },
  'PATCH /api/kb/{kb}': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}?workspace_id=${ids.wsB}`,
    body: () => ({ description: 'pwned' }),
    pathA: () => `/api/kb/${ids.kbA}?workspace_id=${ids.wsA}`,
  },
  'DELETE /api/kb/{kb}': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}?workspace_id=${ids.wsB}`,
    pathA: () => `/api/kb/${ids.kbA}?workspace_id=${ids.wsA}`,
  },
  'POST /api/kb/{kb}/search': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}/search?workspace_id=${ids.wsB}`,
    body: () => ({ query: 'handbook' }),
  },
  'GET /api/kb/{kb}/documents': { kind: 'tenant', path: () => `/api/kb/${ids.kbB}/documents?workspace_id=${ids.wsB}` },
  'POST /api/kb/{kb}/documents': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}/documents?workspace_id=${ids.wsB}`,
    body: () => ({ urls: ['https://example.com/rogue.html'] }),
    pathA: () => `/api/kb/${ids.kbA}/documents?workspace_id=${ids.wsA}`,
  },
  'GET /api/kb/{kb}/documents/{id}': { kind: 'tenant', path: () => `/api/kb/${ids.kbB}/documents/${ids.docB}?workspace_id=${ids.wsB}` },
  'DELETE /api/kb/{kb}/documents/{id}': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}/documents/${ids.docB}?workspace_id=${ids.wsB}`,
    pathA: () => `/api/kb/${ids.kbA}/documents/${ids.docA}?workspace_id=${ids.wsA}`,
  },
  'GET /api/kb/{kb}/documents/{id}/chunks': {
    kind: 'tenant',
    path: () => `/api/kb/${ids.kbB}/documents/${ids.docB}/chunks?workspace_id=${ids.wsB}`,
  },
  'POST /api/arena/battles': {
    kind: 'tenant',
    path: () => `/api/arena/battles?workspace_id=${ids.wsB}`,
    body: () => ({ prompt: 'hi', models: ['chat', 'fake/m1'] }),
    pathA: () => `/api/arena/battles?workspace_id=${ids.wsA}`,
  },
  'GET /api/arena/battles': { kind: 'tenant', path: () => `/api/arena/battles?workspace_id=${ids.wsB}` },
  'POST /api/arena/battles/{id}/vote': {
    kind: 'tenant',
    path: () => `/api/arena/battles/${ids.battleB}/vote`,
    body: () => ({ winner: 'model_a' }),
    pathA: () => `/api/arena/battles/${ids.battleA}/vote`,
  },
  'GET /api/arena/ratings': { kind: 'tenant', path: () => `/api/arena/ratings?workspace_id=${ids.wsB}` },
  'POST /api/arena/import': {
    kind: 'tenant',
    path: () => `/api/arena/import?workspace_id=${ids.wsB}`,
    body: () => ({ model_a: 'x', model_b: 'y', winner: 'model_a' }),
    pathA: () => `/api/arena/import?workspace_id=${ids.wsA}`,
  },
  'POST /api/arena/judge': {
    kind: 'tenant',
    path: () => `/api/arena/judge?workspace_id=${ids.wsB}`,
    body: () => ({ prompts: ['hi'], models: ['chat', 'fake/m1'], judge: 'chat' }),
    pathA: () => `/api/arena/judge?workspace_id=${ids.wsA}`,
  },
  'GET /api/eval/datasets': { kind: 'tenant', path: () => `/api/eval/datasets?workspace_id=${ids.wsB}` },
  'POST /api/eval/datasets': {
    kind: 'tenant',
    path: () => `/api/eval/datasets?workspace_id=${ids.wsB}`,
    body: () => ({ name: 'rogue' }),
    pathA: () => `/api/eval/datasets?workspace_id=${ids.wsA}`,
  },
  'POST /api/eval/datasets/sample': {
    kind: 'tenant',
    path: () => `/api/eval/datasets/sample?workspace_id=${ids.wsB}`,
    body: () => ({ name: 'rogue', type: 'qa' }),
    pathA: () => `/api/eval/datasets/sample?workspace_id=${ids.wsA}`,
  },
  'GET /api/eval/datasets/{id}': { kind: 'tenant', path: () => `/api/eval/datasets/${ids.dsB}` },
  'PATCH /api/eval/datasets/{id}': {
    kind: 'tenant',
    path: () => `/api/eval/datasets/${ids.dsB}`,
    body: () => ({ description: 'pwned' }),
    pathA: () => `/api/eval/datasets/${ids.dsA}`,
  },
  'DELETE /api/eval/datasets/{id}': {
    kind: 'tenant',
    path: () => `/api/eval/datasets/${ids.dsB}`,
    pathA: () => `/api/eval/datasets/${ids.dsA}`,
  },
  'GET /api/eval/datasets/{id}/versions': { kind: 'tenant', path: () => `/api/eval/datasets/${ids.dsB}/versions` },
  'GET /api/eval/datasets/{id}/versions/{version}/items': {
    kind: 'tenant',
    path: () => `/api/eval/datasets/${ids.dsB}/versions/1/items`,
  },
  'GET /api/eval/runs': { kind: 'tenant', path: () => `/api/eval/runs?workspace_id=${ids.wsB}` },
  'POST /api/eval/runs': {
    kind: 'tenant',
    path: () => `/api/eval/runs?workspace_id=${ids.wsB}`,
    body: () => ({ suite: { name: 'rogue', type: 'qa', dataset: 'ds-b', models: ['chat'] } }),
    pathA: () => `/api/eval/runs?workspace_id=${ids.wsA}`,
  },
  'GET /api/eval/runs/{id}': { kind: 'tenant', path: () => `/api/eval/runs/${ids.runB}` },
  'GET /api/eval/runs/{id}/items': { kind: 'tenant', path: () => `/api/eval/runs/${ids.runB}/items` },
  'GET /api/eval/runs/{id}/report': { kind: 'tenant', path: () => `/api/eval/runs/${ids.runB}/report?format=json` },
  'GET /api/eval/leaderboard': { kind: 'tenant', path: () => `/api/eval/leaderboard?workspace_id=${ids.wsB}` },
  'POST /api/eval/runs/{id}/cancel': {
    kind: 'tenant',
    path: () => `/api/eval/runs/${ids.runB}/cancel`,
    pathA: () => `/api/eval/runs/${ids.runA}/cancel`,
  },
  'POST /api/eval/runs/{id}/resume': {
    kind: 'tenant',
    path: () => `/api/eval/runs/${ids.runB}/resume`,
    pathA: () => `/api/eval/runs/${ids.runA}/resume`,
  },
  'DELETE /api/eval/runs/{id}': {
    kind: 'tenant',
    path: () => `/api/eval/runs/${ids.runB}`,
    pathA: () => `/api/eval/runs/${ids.runA}`,
  },
  // Making a report only reads (viewers may): no viewer-cannot-write case.
  'POST /api/analytics/reports': {
    kind: 'tenant',
    path: () => '/api/analytics/reports',
    body: () => ({ workspace_id: ids.wsB, format: 'json' }),
  },
  'GET /api/analytics/reports/{id}': { kind: 'tenant', path: () => `/api/analytics/reports/${ids.reportB}` },
  'GET /api/analytics/reports/{id}/file': { kind: 'tenant', path: () => `/api/analytics/reports/${ids.reportB}/file` },
  'GET /api/analytics/taxonomy': { kind: 'instance-read', path: () => '/api/analytics/taxonomy' },
  'PUT /api/analytics/taxonomy': {
    kind: 'instance-write',
    path: () => '/api/analytics/taxonomy',
    body: () => ({ labels: [{ id: 'code', zh: '代码', en: 'Code', examples: ['hijacked'] }] }),
  },
  'GET /api/analytics/topics/status': { kind: 'tenant', path: () => `/api/analytics/topics/status?workspace_id=${ids.wsB}` },
  'GET /api/analytics/report': { kind: 'tenant', path: () => `/api/analytics/report?workspace=${ids.wsB}` },
  'GET /api/analytics/report.csv': { kind: 'tenant', path: () => `/api/analytics/report.csv?workspace_id=${ids.wsB}` },
  // Page views and likes are a workspace's reads (its viewers report them): no viewer-cannot-write case.
  'POST /api/events': {
    kind: 'tenant',
    path: () => '/api/events',
    body: () => ({
      workspace_id: ids.wsB,
      events: [{ type: 'page_view', id: '6f1c0f7e-3a51-4c55-9d3e-1b2f3a4b5c6d', page: '/intrusion', app: ids.sappB }],
    }),
  },
  'POST /api/feedback': {
    kind: 'tenant',
    path: () => '/api/feedback',
    body: () => ({ request_id: ids.logB, rating: 'dislike', comment: 'intruder' }),
  },
  'PUT /api/analytics/end-users/{id}': {
    kind: 'tenant',
    path: () => `/api/analytics/end-users/victim?workspace_id=${ids.wsB}`,
    body: () => ({ industry: 'hijacked' }),
    pathA: () => `/api/analytics/end-users/victim?workspace_id=${ids.wsA}`,
  },
};
