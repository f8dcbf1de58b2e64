import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, unauthorized } from '../../core/errors.js';
import { validateBody } from '../validate-body.js';
import type { Principal } from './principal.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Fastify syntax: `/api/keys/:keyId`. */
  url: string;
  summary: string;
  tag: string;
  /** `public`: no principal needed (login). */
  auth?: 'public' | 'principal';
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status (200 unless given). */
  status?: number;
  handler(input: {
    principal: Principal;
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    request: FastifyRequest;
    reply: FastifyReply;
  }): Promise<z.input<R>> | z.input<R>;
}

/** Everything registered, for `/openapi.json`: the same schemas validate the routes and document them. */
export type AnyApiRoute = ApiRouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/**
 * An `/api` route whose params, query and body are validated by zod schemas (a failure is a 400
 * naming the field); the definition is kept for the OpenAPI document.
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
    handler: async (request, reply) => {
      const principal = request.principal;
      if (def.auth !== 'public' && !principal) throw unauthorized('Authenticate with a console session, the admin token, or an API key.');
      const params = def.params ? parsePart(def.params, request.params, 'path') : undefined;
      const query = def.query ? parsePart(def.query, request.query, 'query') : undefined;
      const body = def.body ? validateBody(def.body, request.body ?? {}) : undefined;
      const out = await def.handler({ principal: principal!, params, query, body, request, reply } as never);
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
