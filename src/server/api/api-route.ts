import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { validateBody } from '../validate-body.js';
import type { Principal } from './principal.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Fastify syntax: `/api/keys/:keyId`. */
  url: string;
  summary: string;
  tag: string;
  /** `public`: no principal needed (login); its body is capped at `LIMITS.body.apiPublic`. */
  auth?: 'public' | 'principal';
  /** Takes uploads (libraries, dictionaries, long texts): body up to `LIMITS.body.apiUpload`, not `LIMITS.body.api`. */
  upload?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** A streamed answer (`text/event-stream`): the JSON of each `data:` event, for the OpenAPI document. */
  events?: z.ZodType;
  /** The answer is always the stream of `events` (no JSON answer on success); `response` documents the events too. */
  eventsOnly?: boolean;
  /** A body that is not JSON (the handler reads `request.body` as a string): its content types and a schema of the text. */
  textBody?: { contentTypes: readonly string[]; schema: z.ZodType };
  /** An answer that is not JSON (a report as HTML or CSV, say): its content types, each documented with `response`. */
  responseTypes?: readonly string[];
  /** Success status (200 unless given). */
  status?: number;
  handler(input: {
    principal: Principal;
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    request: FastifyRequest;
    reply: FastifyReply;
  }): Promise<z.input<R> | FastifyReply> | z.input<R> | FastifyReply;
}

/** Everything registered, for `/openapi.json`: the same schemas validate the routes and document them. */
export type AnyApiRoute = ApiRouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/** Route config read by the `/api` onRequest hook (authentication happens before the body is read). */
export interface ApiRouteConfig {
  apiAuth: 'public' | 'principal';
}

/** The body limit of an `/api` route: small for public routes, large for uploads, `LIMITS.body.api` otherwise. */
export function apiBodyLimit(def: Pick<AnyApiRoute, 'auth' | 'upload'>): number {
  if (def.auth === 'public') return LIMITS.body.apiPublic;
  return def.upload ? LIMITS.body.apiUpload : LIMITS.body.api;
}

/**
 * An `/api` route whose params, query and body are validated by zod schemas (a failure is a 400
 * naming the field); the definition is kept for the OpenAPI document. The caller is authenticated
 * in `onRequest` (register-api.ts), before the body is read, and the body is bounded by `apiBodyLimit`.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  registry: AnyApiRoute[],
  def: ApiRouteDef<P, Q, B, R>,
): void {
  registry.push(def as unknown as AnyApiRoute);
  app.route({
    method: def.method,
    url: def.url,
    bodyLimit: apiBodyLimit(def),
    config: { apiAuth: def.auth ?? 'principal' } satisfies ApiRouteConfig,
    handler: async (request, reply) => {
      // Non-public routes never get here without a principal: onRequest refused them (register-api.ts).
      const principal = request.principal;
      const params = def.params ? parsePart(def.params, request.params, 'path') : undefined;
      const query = def.query ? parsePart(def.query, request.query, 'query') : undefined;
      const body = def.body ? validateBody(def.body, request.body ?? {}) : undefined;
      const out = await def.handler({ principal: principal!, params, query, body, request, reply } as never);
      // The handler answered itself (a stream, or a body it rendered): nothing more to send.
      if (out === reply) return reply;
      reply.code(def.status ?? 200);
      if (def.status === 204) return reply.send();
      return out;
    },
  });
}

function parsePart<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const name = issue.path.map(String).join('.') || where;
  throw badRequest(`Invalid ${where} parameter ${name}: ${issue.message}`, name, 'invalid_value');
}
