import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { chatRequestSchema, embeddingRequestSchema } from '../../../src/server/v1/chat-request-schema.js';
import { appRunRequestSchema } from '../../../src/server/v1/app-run-route.js';
import { rerankRequestSchema } from '../../../src/server/v1/rerank-request-schema.js';
import type { FuzzEnv } from './fuzz-env.js';
import type { JsonSchema } from './json-schema-arbitrary.js';

/** One route to fuzz, in OpenAPI path syntax (`/api/keys/{keyId}`; `{*}` is Fastify's wildcard). */
export interface RouteSpec {
  method: string;
  path: string;
  /** `api`: from /openapi.json; `v1`: from the /v1 zod schemas; `other`: health, metrics, console. */
  group: 'api' | 'v1' | 'other';
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  body?: JsonSchema;
  /** Run after every other route: it deletes, revokes or logs out. */
  destructive: boolean;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; schema: JsonSchema }>;
  /** JSON bodies; a few routes take text instead (the arena's JSONL import): no JSON schema then. */
  requestBody?: { content: Record<string, { schema: JsonSchema } | undefined> };
}

const v1Schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Every route to fuzz: each operation of /openapi.json, the /v1 routes, and the routes outside both. */
export function routeSpecs(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): RouteSpec[] {
  const specs: RouteSpec[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const params = op.parameters ?? [];
      specs.push({
        method,
        path,
        group: 'api',
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema,
        destructive: method === 'DELETE' || path.endsWith('/revoke') || path === '/api/auth/logout',
      });
    }
  }
  const plain = (method: string, path: string, group: RouteSpec['group'], body?: JsonSchema): RouteSpec => ({
    method,
    path,
    group,
    pathParams: path.includes('{*}') ? ['*'] : [],
    query: [],
    body,
    destructive: false,
  });
  specs.push(
    plain('POST', '/v1/chat/completions', 'v1', v1Schema(chatRequestSchema)),
    plain('POST', '/v1/embeddings', 'v1', v1Schema(embeddingRequestSchema)),
    plain('POST', '/v1/rerank', 'v1', v1Schema(rerankRequestSchema)),
    plain('GET', '/v1/models', 'v1'),
    plain('GET', '/v1/models/{*}', 'v1'),
    { ...plain('POST', '/v1/apps/{slug}/run', 'v1', v1Schema(appRunRequestSchema)), pathParams: ['slug'] },
    plain('GET', '/healthz', 'other'),
    plain('GET', '/readyz', 'other'),
    plain('GET', '/metrics', 'other'),
    plain('GET', '/openapi.json', 'other'),
    plain('GET', '/{*}', 'other'),
  );
  // Destructive routes last; logging out last of all.
  const rank = (s: RouteSpec) => (s.path === '/api/auth/logout' ? 2 : s.destructive ? 1 : 0);
  return specs.sort((a, b) => rank(a) - rank(b));
}

/**
 * Every route the server registered, `METHOD /path/{param}` (HEAD left out), read from Fastify's
 * route tree, so a route added later without being fuzzed fails the coverage test.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    if (!m[3]) continue;
    // A wildcard child prints as `*` under its parent's path without the slash between them.
    const joined = stack.join('');
    const path = (joined.endsWith('*') && !joined.endsWith('/*') ? `${joined.slice(0, -1)}/*` : joined)
      .replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      .replace(/\*$/, '{*}');
    for (const method of m[3].split(',').map((x) => x.trim())) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out;
}

/**
 * Ids that exist, per path parameter. Reads may look at everything; writes only touch what the run
 * created to be changed (the victim app, key, user, library, workspace), so callers keep their access.
 */
export function validIds(env: FuzzEnv, spec: RouteSpec, param: string): string[] {
  const { ids } = env;
  const read = spec.method === 'GET';
  switch (param) {
    case 'workspaceId':
      if (spec.method === 'DELETE' && spec.path === '/api/workspaces/{workspaceId}') return [ids.wsVictim];
      return read ? [ids.wsA, ids.wsB, 'ws_default'] : [ids.wsA, ids.wsVictim];
    case 'userId':
      return read ? [ids.userV, ids.wsAdmin, ids.ownerB] : [ids.userV];
    case 'appId':
      // Scenario-app routes (versions, traffic, export…) need apps with a slug; a plain app gets their 404.
      if (spec.path !== '/api/apps/{appId}') return read ? [ids.sappA, ids.sappB, ids.appA] : [ids.sappV, ids.appV];
      return read ? [ids.appA, ids.appB, ids.sappA] : [ids.appV, ids.sappV];
    case 'version':
      return ['1', '2', '0'];
    case 'keyId':
      return read ? [ids.keyA, ids.keyB] : [ids.keyV];
    case 'name':
      if (spec.path.startsWith('/api/providers')) return read || spec.path.endsWith('/test') ? ['fake', 'victim'] : ['fuzzed'];
      return read ? ['chat', 'leaky'] : ['fuzzed-model'];
    case 'kb':
      return read ? [ids.kbA, ids.kbB, ids.kbD, 'fuzz-kb-a', 'fuzz-kb-d'] : [ids.kbV];
    case 'id':
      if (spec.path.startsWith('/api/logs')) return env.logIds;
      if (spec.path.startsWith('/api/kb/')) return read ? [ids.docA, ids.docB, ids.docD] : [ids.docV];
      if (spec.path.startsWith('/api/jobs')) return [ids.jobA, ids.jobB];
      if (spec.path.startsWith('/api/arena/')) return [ids.battleA, ids.battleB, ids.battleD];
      if (spec.path.startsWith('/api/eval/datasets/')) return read ? [ids.dsA, ids.dsB, ids.dsD, 'fuzz-ds-a', 'fuzz-ds-d'] : [ids.dsV];
      if (spec.path.startsWith('/api/eval/runs/')) return read ? [ids.runA, ids.runB, ids.runD] : [ids.runV];
      if (spec.path.startsWith('/api/analytics/reports/')) return [ids.reportA, ids.reportB];
      if (spec.path.startsWith('/api/analytics/end-users/')) return ['visitor-1', encodeURIComponent('用户 7'), 'u%00x'];
      return read ? [ids.libA, ids.libB] : [ids.libV];
    case 'jobId':
      return [ids.pullJob];
    case 'provider':
      return ['fake', 'victim'];
    case 'slug':
      return ['summarize', 'meeting-minutes', 'kb-qa', 'no-such-app'];
    case 'scopeType':
      return ['workspace', 'app', 'key'];
    case 'scopeId':
      return read ? [ids.wsA, ids.wsB, ids.appA, ids.keyA] : [ids.wsA, ids.appV, ids.keyV];
    case '*':
      if (spec.path.startsWith('/v1/')) return ['chat', 'leaky', 'fake/m1', 'fake%2Fm1'];
      return ['', 'index.html', 'assets/x.js', 'workspaces', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/etc/passwd', 'baimo.db'];
    default:
      return ['x'];
  }
}
