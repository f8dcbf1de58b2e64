import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors.js';
import type { ModelListing } from '../../gateway/route-table.js';

/** `GET /v1/models` and `GET /v1/models/:model` (model ids may contain slashes). */
export function registerModels(app: FastifyInstance, listings: () => ModelListing[]): void {
  const render = (m: ModelListing) => ({ id: m.id, object: 'model', created: m.created, owned_by: m.ownedBy });
  app.get('/v1/models', async () => ({ object: 'list', data: listings().map(render) }));
  app.get('/v1/models/*', async (request) => {
    const id = decodeURIComponent((request.params as { '*': string })['*']);
    const m = listings().find((l) => l.id === id);
    if (!m) throw notFound(`The model \`${id}\` does not exist.`, 'model_not_found', 'model');
    return render(m);
  });
}
