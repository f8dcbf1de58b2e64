import type { FastifyInstance } from 'fastify';
import type { KeyService } from '../../governance/key-service.js';
import type { Runtime } from '../../runtime/create-runtime.js';
import type { AnyApiRoute } from './api-route.js';

/** What every `/api` route module registers against. */
export interface ApiContext {
  app: FastifyInstance;
  routes: AnyApiRoute[];
  rt: Runtime;
  keyService: KeyService;
}
