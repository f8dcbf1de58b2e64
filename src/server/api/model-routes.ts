import { trustOf } from '../../providers/trust-level.js';
import type { TrustLevel } from '../../compliance/contracts.js';
import { trustLevelSchema } from '../../config/security-schema.js';
import { z } from 'zod';
import { getCatalogEntry } from '../../catalog/catalog.js';
import { PROTOCOL_TYPES } from '../../config/load-config.js';
import { modelAliasSchema, priceSchema, type ProviderConfig } from '../../config/schema.js';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, notFound } from '../../core/errors.js';
import { adapterFor, catalogEntryFor, protocolFor, requiredCredentials } from '../../providers/registry.js';
import { REDACTED } from '../../compliance/audit/audit-detail.js';
import { SECRET_FIELDS, SECRET_MAPS, type ProviderSecrets, type SecretMap } from '../../config/provider-secrets.js';
import { openSecrets, updateSecrets } from '../../runtime/provider-secrets.js';
import { providerInput, providerNameParams, resolveMap } from './provider-input.js';
import { registerProviderTestRoute } from './provider-test-route.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireInstanceAdmin, requireUser } from './principal.js';
import { deletedSchema, listOf } from './views.js';
import { LIMITS } from '../../core/limits.js';

const aliasParams = z.object({ name: z.string().min(1).max(LIMITS.name) });
const source = z.enum(['file', 'database']);

const providerView = z.object({
  name: z.string(),
  object: z.literal('provider'),
  source,
  type: z.string(),
  base_url: z.string().nullable(),
  has_api_key: z.boolean(),
  /** Which secret fields are set (never their values). */
  secrets_set: z.array(z.enum(SECRET_FIELDS)),
  /** Extra headers and query parameters by name; their values are never shown. */
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  models: z.array(z.string()),
  max_concurrency: z.number().nullable(),
  /** Where the provider runs, for data-routing policies: as configured, else derived (catalog, base URL). */
  trust: trustLevelSchema,
  /** The `trust` set in its config, or null when derived. */
  trust_configured: trustLevelSchema.nullable(),
  problem: z.string().nullable(),
});
const aliasInput = modelAliasSchema.omit({ name: true });
const aliasView = aliasInput.extend({ name: z.string(), object: z.literal('model'), source, problem: z.string().nullable() });
const priceView = priceSchema.extend({ object: z.literal('price'), source });

const conflict = (what: string) =>
  gatewayError('defined_in_file', `${what} is defined in baimo.yaml; change it there (the file always wins).`);

/** Providers, model aliases and prices kept in the database, merged with baimo.yaml, applied without restart. */
export function registerModelRoutes(c: ApiContext): void {
  const { rt } = c;
  const fileCfg = rt.models.file;

  const providerOut = async (name: string) => {
    const cfg = rt.models.config.providers[name];
    const row = fileCfg.providers[name] ? undefined : await rt.modelConfig.provider(name);
    if (!cfg && !row) throw notFound(`No provider named "${name}".`);
    const stored = row
      ? (JSON.parse(row.config) as { type: string; base_url?: string; models?: string[]; max_concurrency?: number; trust?: TrustLevel })
      : undefined;
    const base = cfg ?? stored!;
    const fromFile = Boolean(fileCfg.providers[name]);
    const opened: ProviderSecrets = !fromFile && row?.secret ? openSecrets(rt.secrets(), name, row.secret) : {};
    const setFields = SECRET_FIELDS.filter((f) => (fromFile ? Boolean(cfg?.[f]) : f in opened));
    // Names only: the live config, else the sealed maps, else a row written before they were sealed.
    const names = (f: SecretMap) =>
      Object.fromEntries(
        Object.keys(cfg?.[f] ?? opened[f] ?? (stored as ProviderSecrets | undefined)?.[f] ?? {}).map((k) => [k, REDACTED]),
      );
    return {
      name,
      object: 'provider' as const,
      source: fileCfg.providers[name] ? ('file' as const) : ('database' as const),
      type: base.type,
      base_url: base.base_url ?? getCatalogEntry(base.type)?.baseUrl ?? null,
      has_api_key: setFields.includes('api_key'),
      secrets_set: setFields,
      headers: names('headers'),
      query: names('query'),
      models: base.models ?? [],
      max_concurrency: base.max_concurrency ?? null,
      trust: trustOf(base as ProviderConfig, catalogEntryFor(base as ProviderConfig)),
      trust_configured: base.trust ?? null,
      problem: rt.models.problems.get(`provider:${name}`) ?? null,
    };
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/providers',
    summary: 'List providers (from baimo.yaml and the database); secrets are never shown',
    tag: 'providers',
    response: listOf(providerView),
    handler: async ({ principal }) => {
      requireUser(principal);
      const names = new Set([...Object.keys(fileCfg.providers), ...(await rt.modelConfig.providers()).map((r) => r.name)]);
      return { object: 'list' as const, data: await Promise.all([...names].sort().map(providerOut)) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/providers/:name',
    summary: 'Get a provider',
    tag: 'providers',
    params: providerNameParams,
    response: providerView,
    handler: async ({ principal, params }) => {
      requireUser(principal);
      return providerOut(params.name);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/providers/:name',
    summary: 'Create or replace a provider (instance administrators); api_key is write-only',
    tag: 'providers',
    params: providerNameParams,
    body: providerInput,
    response: providerView,
    handler: async ({ principal, params, body }) => {
      requireInstanceAdmin(principal);
      if (fileCfg.providers[params.name]) throw conflict(`Provider "${params.name}"`);
      if (!(PROTOCOL_TYPES as readonly string[]).includes(body.type) && !getCatalogEntry(body.type)) {
        throw badRequest(
          `Unknown provider type "${body.type}": use a catalog id (deepseek, qwen, …) or one of ${PROTOCOL_TYPES.join(', ')}.`,
          'type',
          'unknown_type',
        );
      }
      const asConfig = { ...body, api_key: undefined, secret_key: undefined, api_secret: undefined, headers: undefined, query: undefined };
      if (adapterFor(protocolFor(asConfig)).fileOnly)
        throw badRequest('Local GGUF engines are configured in baimo.yaml (they load files from this machine).', 'type', 'file_only');
      const { api_key, secret_key, api_secret, headers, query, ...rest } = body;
      const existing = await rt.modelConfig.provider(params.name);
      const current = openSecrets(rt.secrets(), params.name, existing?.secret ?? null);
      // A row written before headers and query were sealed keeps them in its config: seal them now.
      const legacy = existing ? (JSON.parse(existing.config) as ProviderSecrets) : {};
      const maps = Object.fromEntries(
        SECRET_MAPS.map((f) => [f, resolveMap(f, f === 'headers' ? headers : query, current[f] ?? legacy[f])]),
      ) as Record<SecretMap, Record<string, string> | null | undefined>;
      const sealed = updateSecrets(rt.secrets(), params.name, existing?.secret ?? null, { api_key, secret_key, api_secret, ...maps });
      const missing = requiredCredentials(asConfig).filter(
        (f) => !(f in rest && rest[f as keyof typeof rest]) && !(sealed && f in openSecrets(rt.secrets(), params.name, sealed)),
      );
      if (missing.length) throw badRequest(`Type ${rest.type} needs ${missing.join(', ')}.`, missing[0], 'missing_required_parameter');
      await rt.modelConfig.putProvider(params.name, JSON.stringify(rest), sealed);
      await rt.modelsChanged();
      return providerOut(params.name);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/providers/:name',
    summary: 'Delete a database provider (instance administrators)',
    tag: 'providers',
    params: providerNameParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      requireInstanceAdmin(principal);
      if (fileCfg.providers[params.name]) throw conflict(`Provider "${params.name}"`);
      if (!(await rt.modelConfig.deleteProvider(params.name))) throw notFound(`No provider named "${params.name}".`);
      await rt.modelsChanged();
      return { id: params.name, deleted: true as const };
    },
  });

  registerProviderTestRoute(c);

  const aliasOut = (name: string) => {
    const m = rt.models.config.models.find((x) => x.name === name);
    const problem = rt.models.problems.get(`model:${name}`) ?? null;
    if (!m) return undefined;
    return {
      ...m,
      object: 'model' as const,
      source: fileCfg.models.some((x) => x.name === name) ? ('file' as const) : ('database' as const),
      problem,
    };
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/models',
    summary: 'List model aliases (from baimo.yaml and the database)',
    tag: 'models',
    response: listOf(aliasView),
    handler: ({ principal }) => {
      requireUser(principal);
      return { object: 'list' as const, data: rt.models.config.models.map((m) => aliasOut(m.name)!) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/models/:name',
    summary: 'Get a model alias',
    tag: 'models',
    params: aliasParams,
    response: aliasView,
    handler: ({ principal, params }) => {
      requireUser(principal);
      const m = aliasOut(params.name);
      if (!m) throw notFound(`No model alias named "${params.name}".`);
      return m;
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/models/:name',
    summary: 'Create or replace a model alias (instance administrators); applied at once',
    tag: 'models',
    params: aliasParams,
    body: aliasInput,
    response: aliasView,
    handler: async ({ principal, params, body }) => {
      requireInstanceAdmin(principal);
      if (fileCfg.models.some((m) => m.name === params.name)) throw conflict(`Model alias "${params.name}"`);
      body.targets.forEach((t, i) => {
        if (!rt.models.config.providers[t.provider])
          throw badRequest(`No provider named "${t.provider}".`, `targets[${i}].provider`, 'provider_not_found');
      });
      body.fallbacks.forEach((f, i) => {
        if (f === params.name || !rt.models.config.models.some((m) => m.name === f))
          throw badRequest(`No other model alias named "${f}".`, `fallbacks[${i}]`, 'model_not_found');
      });
      await rt.modelConfig.putAlias(params.name, JSON.stringify(body));
      await rt.modelsChanged();
      const out = aliasOut(params.name);
      if (!out)
        throw badRequest(rt.models.problems.get(`model:${params.name}`) ?? 'The alias could not be applied.', null, 'invalid_model');
      return out;
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/models/:name',
    summary: 'Delete a database model alias (instance administrators)',
    tag: 'models',
    params: aliasParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      requireInstanceAdmin(principal);
      if (fileCfg.models.some((m) => m.name === params.name)) throw conflict(`Model alias "${params.name}"`);
      if (!(await rt.modelConfig.deleteAlias(params.name))) throw notFound(`No model alias named "${params.name}".`);
      await rt.modelsChanged();
      return { id: params.name, deleted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/prices',
    summary: 'List admin-set prices (per million tokens) and models marked free',
    tag: 'prices',
    response: listOf(priceView),
    handler: async ({ principal }) => {
      requireUser(principal);
      const rows = await rt.modelConfig.prices();
      return {
        object: 'list' as const,
        data: [
          ...fileCfg.prices.map((p) => ({ ...p, object: 'price' as const, source: 'file' as const })),
          ...rows.map((r) => ({
            model: r.model,
            input: r.input,
            output: r.output,
            cached: r.cached ?? undefined,
            currency: r.currency,
            free: r.free === 1,
            object: 'price' as const,
            source: 'database' as const,
          })),
        ],
      };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/prices',
    summary: 'Set the price of a model (`provider/model`, alias or glob) or mark it free (instance administrators)',
    tag: 'prices',
    body: priceSchema,
    response: priceView,
    handler: async ({ principal, body }) => {
      requireInstanceAdmin(principal);
      await rt.modelConfig.putPrice({
        model: body.model,
        input: body.input,
        output: body.output,
        cached: body.cached ?? null,
        currency: body.currency,
        free: body.free ? 1 : 0,
      });
      await rt.modelsChanged();
      return { ...body, object: 'price' as const, source: 'database' as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/prices',
    summary: 'Remove an admin-set price (instance administrators)',
    tag: 'prices',
    query: z.object({ model: z.string().min(1).max(LIMITS.modelName) }),
    response: deletedSchema,
    handler: async ({ principal, query }) => {
      requireInstanceAdmin(principal);
      if (!(await rt.modelConfig.deletePrice(query.model))) throw notFound(`No database price for "${query.model}".`);
      await rt.modelsChanged();
      return { id: query.model, deleted: true as const };
    },
  });
}
