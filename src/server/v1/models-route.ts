import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { ModelListing } from '../../gateway/route-table.js';

/**
 * `GET /v1/models` and `GET /v1/models/:model` (model ids may contain slashes). A virtual key limited to
 * some models sees only those.
 */
export function registerModels(app: FastifyInstance, all: () => ModelListing[]): void {
  const render = (m: ModelListing) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy });
  const listings = (request: FastifyRequest): ModelListing[] => {
    const allowed = request.key?.models;
    return allowed ? all().filter((m) => allowed.matches(m.id)) : all();
  };
  app.get('/v1/models', async (request) => ({ object: 'list', data: listings(request).map(render) }));
  app.get('/v1/models/*', async (request) => {
    const id = decodeURIComponent((request.params as { '*': string })['*']);
    const m = listings(request).find((l) => l.id === id);
    if (!m) throw notFound(`The model \`${id}\` does not exist.`, 'model_not_found', 'model');
    return render(m);
  });
}
