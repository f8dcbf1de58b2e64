import { z } from 'zod';
import { CATALOG } from '../../catalog/catalog.js';
import { AUTH_STYLES, CREDENTIAL_FIELDS, type CatalogEntry, type ModelInfo } from '../../catalog/types.js';
import { SECRET_FIELDS } from '../../config/provider-secrets.js';
import { LIMITS } from '../../core/limits.js';
import type { CredentialSpec } from '../../providers/adapter.js';
import { ADAPTERS } from '../../providers/adapters.js';
import { askedFor, credentialField } from '../../providers/shared/credential-fields.js';
import { adapterFor } from '../../providers/registry.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireUser } from './principal.js';
import { listOf } from './views.js';

// Bounds of the view (the catalog is static data; they document the sizes for clients).
const text = z.string().max(LIMITS.name);
const localized = z.object({ zh: text, en: text });
const currency = z.enum(['CNY', 'USD']);
const fewCredentials = 8;

const credentialView = z.object({
  /** The `baimo.yaml` / `PUT /api/providers` key. */
  key: z.enum(CREDENTIAL_FIELDS),
  label: localized,
  placeholder: localized,
  /** Stored sealed and never returned (`secrets_set` tells whether it is set). */
  sealed: z.boolean(),
  /** The console's form insists on it (a key, unless the provider is local). */
  required: z.boolean(),
});
const catalogModelView = z.object({
  id: z.string().max(LIMITS.modelName),
  kind: z.enum(['chat', 'embedding']),
  /** Context window in input tokens, null when unknown. */
  context: z.number().nullable(),
  max_output: z.number().nullable(),
  currency,
  /** Price per million tokens; several entries are tiers by prompt size (`up_to` null for the last one). */
  prices: z.array(z.object({ up_to: z.number().nullable(), input: z.number(), output: z.number(), cached: z.number().nullable() })).max(16),
});
const catalogEntryView = z.object({
  id: z.string().max(LIMITS.id),
  names: localized,
  /** The adapter that speaks to it (`src/providers/<protocol>/`). */
  protocol: z.enum(ADAPTERS.map((a) => a.protocol) as [string, ...string[]]),
  /** Default base URL; empty when the user must give one. */
  base_url: z.string().max(LIMITS.url),
  /** How the key is sent. */
  auth: z.enum(AUTH_STYLES),
  /** The config fields the provider form asks for, in order (the protocol's, from its adapter module). */
  credentials: z.array(credentialView).max(fewCredentials),
  /** `auth: jwt` is offered: the fields it signs from and the form's hint; null when not. */
  jwt: z.object({ credentials: z.array(credentialView).max(fewCredentials), hint: localized }).nullable(),
  env_keys: z.array(z.string().max(LIMITS.name)).max(fewCredentials),
  env_base_url: z.string().max(LIMITS.name).nullable(),
  currency,
  embeddings: z.boolean(),
  key_optional: z.boolean(),
  /** Configured in baimo.yaml only (the embedded engine): the admin API refuses it. */
  file_only: z.boolean(),
  docs: z.string().max(LIMITS.url).nullable(),
  /** The console's avatar: short mark on the brand colour; null: the name's first letter on grey. */
  brand: z.object({ mark: z.string().max(16), color: z.string().regex(/^#[0-9a-f]{6}$/i) }).nullable(),
  models: z.array(catalogModelView).max(LIMITS.adminArray),
});
const catalogList = listOf(catalogEntryView);

const secret = new Set<string>(SECRET_FIELDS);

function credentialOut(spec: CredentialSpec, e: CatalogEntry): z.input<typeof credentialView> {
  return {
    key: spec.key,
    label: spec.label,
    placeholder: spec.placeholder,
    sealed: secret.has(spec.key),
    required: askedFor(spec, e),
  };
}

const modelOut = (m: ModelInfo, entry: CatalogEntry): z.input<typeof catalogModelView> => ({
  id: m.id,
  kind: m.kind ?? 'chat',
  context: m.context ?? null,
  max_output: m.maxOutput ?? null,
  currency: m.currency ?? entry.currency,
  prices: (m.prices ?? []).map((t) => ({ up_to: t.upTo ?? null, input: t.input, output: t.output, cached: t.cached ?? null })),
});

function entryOut(e: CatalogEntry): z.input<typeof catalogEntryView> {
  const adapter = adapterFor(e.protocol);
  const specOf = (key: (typeof CREDENTIAL_FIELDS)[number]) => adapter.credentials.find((c) => c.key === key) ?? credentialField(key, true);
  return {
    id: e.id,
    names: { zh: e.names.zh, en: e.names.en },
    protocol: e.protocol,
    base_url: e.baseUrl,
    auth: e.auth,
    credentials: adapter.credentials.map((c) => credentialOut(c, e)),
    jwt: e.jwt ? { credentials: e.jwt.credentials.map((k) => credentialOut({ ...specOf(k), required: true }, e)), hint: e.jwt.hint } : null,
    env_keys: e.envKeys,
    env_base_url: e.envBaseUrl ?? null,
    currency: e.currency,
    embeddings: e.embeddings ?? false,
    key_optional: e.keyOptional ?? false,
    file_only: adapter.fileOnly ?? false,
    docs: e.docs ?? null,
    brand: e.brand ?? null,
    models: e.models.map((m) => modelOut(m, e)),
  };
}

/** The built-in provider catalog (what `type:` accepts in baimo.yaml), with models, windows and list prices. */
export function registerCatalogRoutes(c: ApiContext): void {
  // The catalog is static: build the view once.
  let cached: z.input<typeof catalogList> | undefined;
  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/catalog',
    summary: 'List the built-in provider catalog: providers, credentials they need, their models, context windows and list prices',
    tag: 'providers',
    response: catalogList,
    handler: ({ principal }) => {
      requireUser(principal);
      cached ??= { object: 'list' as const, data: CATALOG.map(entryOut) };
      return cached;
    },
  });
}

/** The response schema, for tests. */
export const catalogListSchema = catalogList;
