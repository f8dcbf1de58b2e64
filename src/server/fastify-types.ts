import type { Principal } from './api/principal.js';
import type { KeyPolicy } from '../governance/key-policy.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every `/api` route registered (method and URL), for the OpenAPI coverage check. */
    apiRoutes: Array<{ method: string; url: string }>;
  }

  interface FastifyRequest {
    /** The API key (or `admin`) that authenticated this request. */
    keyId: string | null;
    /** The virtual key behind a `/v1` request; null for the admin token. */
    key: KeyPolicy | null;
    /** Who is calling an `/api` route. */
    principal: Principal | null;
    /** Epoch ms when the request arrived. */
    startedAt: number;
  }
}

export {};
