import { z } from 'zod';
import { CATALOG } from '../../catalog/catalog.js';
import type { CatalogEntry, ModelInfo } from '../../catalog/types.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireUser } from './principal.js';
import { listOf } from './views.js';

const currency = z.enum(['CNY', 'USD']);
const catalogModelView = z.object({
  id: z.string(),
  kind: z.enum(['chat', 'embedding']),
  /** Context window in input tokens, null when unknown. */
  context: z.number().nullable(),
  max_output: z.number().nullable(),
  currency,
  /** Price per million tokens; several entries are tiers by prompt size (`up_to` null for the last one). */
  prices: z.array(z.object({ up_to: z.number().nullable(), input: z.number(), output: z.number(), cached: z.number().nullable() })),
});
const catalogEntryView = z.object({
  id: z.string(),
  names: z.object({ zh: z.string(), en: z.string() }),
  protocol: z.string(),
  /** Default base URL; empty when the user must give one. */
  base_url: z.string(),
  /** Config fields the provider form asks for (names only). */
  credentials: z.array(z.string()),
  env_keys: z.array(z.string()),
  currency,
  embeddings: z.boolean(),
  key_optional: z.boolean(),
  docs: z.string().nullable(),
  models: z.array(catalogModelView),
});
const catalogList = listOf(catalogEntryView);

const modelOut = (m: ModelInfo, entry: CatalogEntry): z.input<typeof catalogModelView> => ({
  id: m.id,
  kind: m.kind ?? 'chat',
  context: m.context ?? null,
  max_output: m.maxOutput ?? null,
  currency: m.currency ?? entry.currency,
  prices: (m.prices ?? []).map((t) => ({ up_to: t.upTo ?? null, input: t.input, output: t.output, cached: t.cached ?? null })),
});

const entryOut = (e: CatalogEntry): z.input<typeof catalogEntryView> => ({
  id: e.id,
  names: { zh: e.names.zh, en: e.names.en },
  protocol: e.protocol,
  base_url: e.baseUrl,
  credentials: e.credentials ?? (e.keyOptional ? [] : ['api_key']),
  env_keys: e.envKeys,
  currency: e.currency,
  embeddings: e.embeddings ?? false,
  key_optional: e.keyOptional ?? false,
  docs: e.docs ?? null,
  models: e.models.map((m) => modelOut(m, e)),
});

/** The built-in provider catalog (what `type:` accepts in baimo.yaml), with models, windows and list prices. */
export function registerCatalogRoutes(c: ApiContext): void {
  // The catalog is static: build the view once.
  let cached: z.input<typeof catalogList> | undefined;
  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/catalog',
    summary: 'List the built-in provider catalog: providers, their models, context windows and list prices',
    tag: 'providers',
    response: catalogList,
    handler: ({ principal }) => {
      requireUser(principal);
      cached ??= { object: 'list' as const, data: CATALOG.map(entryOut) };
      return cached;
    },
  });
}
