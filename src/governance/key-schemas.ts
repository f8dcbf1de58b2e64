import { z } from 'zod';
import { LIMITS } from '../core/limits.js';

const M = LIMITS.keyMetadata;

export const periodSchema = z.enum(['day', 'month', 'total']);
export const currencySchema = z.enum(['CNY', 'USD']);

/** A time given as ISO 8601 text or epoch milliseconds; stored as epoch ms. */
export const instantSchema = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.number().int().nonnegative()])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

/** What analytics reads later: industry, region, user group, scenario tags, and anything else. */
export const keyMetadataSchema = z
  .object({
    industry: z.string().max(M.tag).optional(),
    region: z.string().max(M.tag).optional(),
    user_group: z.string().max(M.tag).optional(),
    scenario_tags: z.array(z.string().max(M.tag)).max(M.list).optional(),
  })
  .catchall(z.union([z.string().max(M.value), z.number(), z.boolean(), z.array(z.string().max(LIMITS.name)).max(M.list)]))
  .refine((m) => Object.keys(m).length <= M.entries, `metadata may have at most ${M.entries} entries`);

const positiveInt = z.number().int().positive();

/** The settable attributes of a virtual key (create; every field optional on update). */
export const keyFieldsSchema = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.name),
    app_id: z.string().min(1).max(LIMITS.id).nullable().optional(),
    /** Globs over alias names and `provider/model`; null or absent: every model. */
    models: z.array(z.string().trim().min(1).max(LIMITS.modelName)).min(1).max(LIMITS.keyModels).nullable().optional(),
    rpm: positiveInt.nullable().optional(),
    tpm: positiveInt.nullable().optional(),
    token_quota: positiveInt.nullable().optional(),
    token_quota_period: periodSchema.optional(),
    budget: z.number().positive().nullable().optional(),
    budget_currency: currencySchema.optional(),
    budget_period: periodSchema.optional(),
    expires_at: instantSchema.nullable().optional(),
    enabled: z.boolean().optional(),
    metadata: keyMetadataSchema.nullable().optional(),
    /** Response cache for this key: true on, false off, null: the app decides. */
    cache: z.boolean().nullable().optional(),
    cache_ttl_s: positiveInt
      .max(30 * 86_400)
      .nullable()
      .optional(),
  })
  .strict();

export const keyCreateSchema = keyFieldsSchema;
export const keyUpdateSchema = keyFieldsSchema.partial();

export type KeyCreateInput = z.infer<typeof keyCreateSchema>;
export type KeyUpdateInput = z.infer<typeof keyUpdateSchema>;

/** A key as the API shows it: never the key itself, never its hash. */
export const keyViewSchema = z.object({
  id: z.string(),
  object: z.literal('key'),
  name: z.string(),
  prefix: z.string(),
  workspace_id: z.string(),
  app_id: z.string().nullable(),
  models: z.array(z.string()).nullable(),
  rpm: z.number().nullable(),
  tpm: z.number().nullable(),
  token_quota: z.number().nullable(),
  token_quota_period: periodSchema,
  budget: z.number().nullable(),
  budget_currency: currencySchema,
  budget_period: periodSchema,
  expires_at: z.string().nullable(),
  enabled: z.boolean(),
  revoked_at: z.string().nullable(),
  status: z.enum(['active', 'disabled', 'expired', 'revoked']),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  cache: z.boolean().nullable(),
  cache_ttl_s: z.number().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export type KeyView = z.infer<typeof keyViewSchema>;
