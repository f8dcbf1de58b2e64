import { z } from 'zod';
import type { AnyApiRoute } from './api-route.js';

const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        type: { type: 'string' },
        param: { type: ['string', 'null'] },
        code: { type: ['string', 'null'] },
      },
      required: ['message', 'type', 'param', 'code'],
    },
  },
  required: ['error'],
};

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const j = z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete j.$schema;
  return j;
}

/** What the document needs of a route: its definition without the handler, and the events of a streamed (SSE) answer. */
export type RouteDoc = Omit<AnyApiRoute, 'handler' | 'upload'> & {
  /** A streamed answer (`text/event-stream`): the JSON of each `data:` event. */
  events?: z.ZodType;
};

/** The OpenAPI 3.1 document of the admin API, built from the zod schemas the routes validate with. */
export function buildOpenApi(routes: readonly RouteDoc[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, s] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!s) continue;
      const j = schemaOf(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(j.properties ?? {})) {
        const description = (schema as { description?: string }).description;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (j.required ?? []).includes(name),
          schema,
          ...(description ? { description } : {}),
        });
      }
    }
    const status = String(r.status ?? 200);
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      parameters,
      responses: {
        [status]:
          status === '204'
            ? { description: 'Done' }
            : {
                description: 'Success',
                content: r.responseTypes
                  ? Object.fromEntries(r.responseTypes.map((t) => [t, { schema: schemaOf(r.response, 'output') }]))
                  : {
                      ...(r.eventsOnly ? {} : { 'application/json': { schema: schemaOf(r.response, 'output') } }),
                      ...(r.events ? { 'text/event-stream': { schema: schemaOf(r.events, 'output') } } : {}),
                    },
              },
        default: {
          description: 'Error (OpenAI error shape)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    if (r.textBody) {
      const schema = schemaOf(r.textBody.schema, 'input');
      op.requestBody = { required: true, content: Object.fromEntries(r.textBody.contentTypes.map((t) => [t, { schema }])) };
    }
    if (r.auth === 'public') op.security = [];
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'baimo admin API',
      version,
      description: 'Workspaces, apps, virtual keys, users, providers, models, prices, logs and usage. Errors use the OpenAI error shape.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas: { Error: ERROR },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The admin token, or a virtual key (read-only access to itself).' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'baimo_session',
          description: 'Console session; writes also need the x-csrf-token header.',
        },
      },
    },
  };
}
