import type { FastifyInstance } from 'fastify';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: storage works, providers exist). */
export function registerHealth(app: FastifyInstance, ready: () => Promise<{ ok: boolean; checks: Record<string, string> }>): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const r = await ready().catch((err: Error) => ({ ok: false, checks: { error: err.message } }));
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not_ready', checks: r.checks });
  });
}
