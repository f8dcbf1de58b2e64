// Writes web/src/api/schema.d.ts, the console's types of every /api and /v1 route, from the OpenAPI
// document the server builds from its zod schemas: `npm run gen:api`. Nothing is fetched: the app is
// built in this process on an in-memory database and asked for /openapi.json, the /v1 routes' docs are
// added (src/server/v1/v1-openapi.ts), and openapi-typescript turns the document into types.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { configSchema } from '../src/config/schema.js';
import { createRuntime } from '../src/runtime/create-runtime.js';
import { buildApp } from '../src/server/build-app.js';
import { buildOpenApi } from '../src/server/api/openapi.js';
import { V1_ROUTE_DOCS } from '../src/server/v1/v1-openapi.js';

export const API_TYPES = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

interface Operation {
  operationId: string;
  requestBody?: unknown;
  parameters?: Array<{ in: string }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, Operation>>;

/**
 * The admin API's document exactly as the server serves it at /openapi.json (the app is built on an
 * in-memory database and asked, no port opened), with the /v1 routes added from their route docs.
 */
export async function apiDocument(): Promise<OpenAPI3 & { paths: Paths }> {
  const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const config = configSchema.parse({ database: ':memory:', discover_env: false, logging: { level: 'silent' } });
  // A throwaway key: nothing is sealed, and no key file is written.
  const runtime = await createRuntime(config, { env: { BAIMO_MASTER_KEY: '0'.repeat(64) }, metrics: false });
  try {
    const app = await buildApp(runtime, { adminTokenHash: Buffer.alloc(32), logLevel: 'silent', version });
    try {
      const res = await app.inject({ method: 'GET', url: '/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
      const doc = res.json() as OpenAPI3 & { paths: Paths };
      Object.assign(doc.paths, (buildOpenApi(V1_ROUTE_DOCS, version) as { paths: Paths }).paths);
      return doc;
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
  }
}

const JSON_BODY = "['content']['application/json']";

/** Named aliases by operationId: the success body, the request body, the query and the stream events of each route. */
function aliases(paths: Paths): string {
  const responses: string[] = [];
  const bodies: string[] = [];
  const queries: string[] = [];
  const events: string[] = [];
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      const id = op.operationId;
      const ok = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s))!;
      const content = op.responses[ok].content;
      responses.push(`${id}: ${content ? `operations['${id}']['responses'][${ok}]${JSON_BODY}` : 'undefined'};`);
      if (content?.['text/event-stream']) events.push(`${id}: operations['${id}']['responses'][${ok}]['content']['text/event-stream'];`);
      if (op.requestBody) bodies.push(`${id}: NonNullable<operations['${id}']['requestBody']>${JSON_BODY};`);
      if (op.parameters?.some((p) => p.in === 'query')) queries.push(`${id}: NonNullable<operations['${id}']['parameters']['query']>;`);
    }
  }
  const block = (doc: string, name: string, lines: string[]) => `\n/** ${doc} */\nexport interface ${name} {\n${lines.join('\n')}\n}\n`;
  return (
    block('The success body of every route, by operationId (`undefined`: no body, 204).', 'ApiResponses', responses) +
    block('The JSON body every writing route takes, by operationId.', 'ApiRequestBodies', bodies) +
    block('The query string of every route that takes one, by operationId.', 'ApiQueries', queries) +
    block('The JSON of each server-sent event of a streamed answer, by operationId.', 'ApiEvents', events)
  );
}

/** The text of web/src/api/schema.d.ts, formatted the way `prettier --check` wants it. */
export async function renderApiTypes(): Promise<string> {
  const doc = await apiDocument();
  const types = astToString(await openapiTS(doc, { silent: true }));
  const header =
    '// Generated from the OpenAPI document of the /api routes (/openapi.json) and the /v1 route docs by\n' +
    '// `npm run gen:api` (scripts/gen-api-types.ts) — do not edit by hand; test/web/api-types.test.ts fails when stale.\n\n';
  const options = (await resolveConfig(API_TYPES)) ?? {};
  return format(header + types + aliases(doc.paths), { ...options, parser: 'typescript' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(API_TYPES, await renderApiTypes());
  console.log(`wrote ${API_TYPES}`);
}
