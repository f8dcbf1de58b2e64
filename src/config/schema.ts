import { isIP } from 'node:net';
import { z } from 'zod';
import { LIMITS } from '../core/limits.js';
import { isValidTimeZone } from '../core/wall-clock.js';
import { retentionSchema, securitySchema, trustLevelSchema } from './security-schema.js';
import { analyticsTopicsSchema } from './analytics-topics-schema.js';

const ms = (def: number) => z.number().int().positive().default(def);

/** Timeouts in milliseconds; any level (router, provider, model) may override some of them. */
export const timeoutsSchema = z
  .object({
    connect_ms: z.number().int().positive().optional(),
    first_byte_ms: z.number().int().positive().optional(),
    idle_ms: z.number().int().positive().optional(),
    total_ms: z.number().int().positive().optional(),
  })
  .strict();

export const providerSchema = z
  .object({
    /**
     * A catalog id (`deepseek`, `qwen`, `anthropic`, …), a protocol (`openai-compatible`, `anthropic`,
     * `gemini`, `ollama`, `llama-cpp`).
     */
    type: z.string().min(1).max(LIMITS.id),
    /** Catalog entry to take defaults, prices and quirks from when `type` is a protocol. */
    catalog: z.string().max(LIMITS.id).optional(),
    base_url: z.string().url().optional(),
    api_key: z.string().optional(),
    /** Native Chinese protocols: ERNIE and SenseNova secret key, Hunyuan SecretKey, Spark APISecret / APPID. */
    secret_key: z.string().optional(),
    secret_id: z.string().max(LIMITS.shortText).optional(),
    app_id: z.string().max(LIMITS.shortText).optional(),
    api_secret: z.string().optional(),
    /** `jwt`: sign a short-lived JWT from the key (Zhipu `id.secret`; SenseNova AK + secret_key). */
    auth: z.enum(['key', 'jwt']).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    query: z.record(z.string(), z.string()).optional(),
    /** Extra models this provider serves (added to the catalog's list for `/v1/models`). */
    models: z.array(z.string().max(LIMITS.modelName)).max(LIMITS.adminArray).optional(),
    max_concurrency: z.number().int().positive().optional(),
    timeouts: timeoutsSchema.optional(),
    /** Where the provider runs, for data-routing policies; derived from the catalog and base URL when absent. */
    trust: trustLevelSchema.optional(),
    /** Azure: put the model in the path as a deployment. */
    deployment_path: z.boolean().optional(),
    // llama-cpp
    model_path: z.string().max(LIMITS.url).optional(),
    threads: z.number().int().positive().max(256).optional(),
    context_size: z.number().int().positive().optional(),
    concurrency: z.number().int().positive().optional(),
    idle_unload_ms: z.number().int().nonnegative().optional(),
  })
  .strict();

export const targetSchema = z
  .object({
    provider: z.string().min(1).max(LIMITS.id),
    model: z.string().min(1).max(LIMITS.modelName),
    weight: z.number().nonnegative().default(1),
    max_concurrency: z.number().int().positive().optional(),
  })
  .strict();

/**
 * A knowledge base's name, as src/knowledge/knowledge-types.ts (`KB_NAME`) has it: copied here because
 * config imports nothing from the domain folders.
 */
const KB_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u;
const KB_NAME_MESSAGE = 'a knowledge base name: 1 to 64 letters (Chinese included), digits, _ . -, starting with a letter or digit';
/** `10.0.0.0/8`, `fd00::/8` or a bare address. */
function isCidr(text: string): boolean {
  const [addr, bits, extra] = text.split('/');
  const version = isIP(addr ?? '');
  if (version === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

/** Knowledge bases one alias may name (`KB_LIMITS.basesPerRequest`). */
const KB_BASES_PER_ALIAS = 8;

export const modelAliasSchema = z
  .object({
    name: z.string().min(1),
    targets: z.array(targetSchema).min(1).max(LIMITS.adminArray),
    fallbacks: z.array(z.string().max(LIMITS.modelName)).max(LIMITS.adminArray).default([]),
    retries: z.number().int().nonnegative().max(10).optional(),
    timeouts: timeoutsSchema.optional(),
    /**
     * Knowledge bases (by name, in the caller's workspace) whose passages ground every answer of this
     * alias. Resolved per request: a name may refer to a base created later.
     */
    knowledge: z.array(z.string().max(64).regex(KB_NAME_PATTERN, KB_NAME_MESSAGE)).max(KB_BASES_PER_ALIAS).optional(),
    /**
     * The alias's context window in tokens, for models the catalog does not know (scenario apps split
     * inputs that do not fit into chunks). The catalog's figure wins when it has one.
     */
    context_tokens: z.number().int().min(256).max(100_000_000).optional(),
  })
  .strict();

/** An admin-set price (per million tokens), or `free: true` for a model that deliberately costs nothing. */
export const priceSchema = z
  .object({
    model: z.string().min(1).max(LIMITS.modelName),
    input: z.number().nonnegative().default(0),
    output: z.number().nonnegative().default(0),
    cached: z.number().nonnegative().optional(),
    currency: z.enum(['CNY', 'USD']).default('CNY'),
    free: z.boolean().default(false),
  })
  .strict();

export const configSchema = z
  .object({
    /** Listen address. Loopback by default: the console login, `/metrics` and the API stay off the network. */
    host: z.string().default('127.0.0.1'),
    /**
     * Behind a reverse proxy, whose `X-Forwarded-For` to believe for the client address (login throttling,
     * logs): false (default: the socket peer), true (any peer; only when nothing but the proxy can reach
     * baimo), a hop count, or the proxies' addresses / CIDRs (a list or a comma-separated string).
     */
    trust_proxy: z
      .union([
        z.boolean(),
        z.number().int().min(1).max(32),
        z.string().trim().min(1).max(2048),
        z.array(z.string().trim().min(1).max(256)).min(1).max(1000),
      ])
      .default(false),
    port: z.number().int().min(0).max(65535).default(4000),
    /**
     * On SIGTERM/SIGINT baimo stops accepting requests and lets the ones in flight (streams included)
     * finish for at most this many seconds, then closes what is left, flushes the request log and exits.
     */
    shutdown_timeout_s: z.number().min(0).max(3600).default(30),
    database: z.string().default('./data/baimo.db'),
    models_dir: z.string().default('./models'),
    /** Largest accepted request body, in MiB. */
    body_limit_mb: z.number().positive().max(1024).default(10),
    providers: z.record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, _ . -'), providerSchema).default({}),
    models: z.array(modelAliasSchema).default([]),
    router: z
      .object({
        retries: z.number().int().nonnegative().max(10).default(2),
        backoff_base_ms: ms(200),
        backoff_max_ms: ms(5000),
        circuit_failures: z.number().int().positive().default(5),
        circuit_cooldown_ms: ms(30_000),
        timeouts: timeoutsSchema.default({}),
      })
      .strict()
      .default({ retries: 2, backoff_base_ms: 200, backoff_max_ms: 5000, circuit_failures: 5, circuit_cooldown_ms: 30_000, timeouts: {} }),
    currency: z
      .object({ usd_cny: z.number().positive().default(7.2), report: z.enum(['CNY', 'USD']).default('CNY') })
      .strict()
      .default({ usd_cny: 7.2, report: 'CNY' }),
    logging: z
      .object({
        store_bodies: z.boolean().default(false),
        batch_size: z.number().int().positive().default(500),
        // Short: rows then die young instead of being promoted, which keeps RSS down (docs/benchmarks.md).
        flush_ms: ms(20),
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({ store_bodies: false, batch_size: 500, flush_ms: 20, level: 'info' }),
    /** Prices that override or fill in the catalog's (`provider/model` or an alias name). */
    prices: z.array(priceSchema).default([]),
    /** Redis shared by replicas for rate limits, quotas and the response cache; memory when absent. */
    redis_url: z.string().url().optional(),
    /** Days and months (quota periods, reports) begin at midnight in this IANA time zone. */
    timezone: z.string().refine(isValidTimeZone, 'not an IANA time zone (e.g. Asia/Shanghai)').default('Asia/Shanghai'),
    cache: z
      .object({
        /** Default time to live of a cached answer, seconds (a key or app may set its own). */
        ttl_s: z.number().int().positive().default(3600),
        max_entries: z.number().int().positive().default(10_000),
        max_mb: z.number().positive().default(64),
      })
      .strict()
      .default({ ttl_s: 3600, max_entries: 10_000, max_mb: 64 }),
    /** Console sessions. */
    sessions: z
      .object({
        ttl_hours: z
          .number()
          .positive()
          .default(24 * 7),
        /** Set the cookie's Secure flag (serve the console over HTTPS, or behind a TLS proxy). */
        secure_cookie: z.boolean().default(false),
      })
      .strict()
      .default({ ttl_hours: 24 * 7, secure_cookie: false }),
    /** Data security and compliance defaults: PII, data routing, moderation, AIGC labels. */
    security: securitySchema,
    retention: retentionSchema,
    /**
     * Background jobs (retention, and later knowledge ingestion, evaluations, reports): on the database
     * without `redis_url`, on BullMQ with it. `concurrency` sets jobs run at once per queue and process.
     */
    jobs: z
      .object({
        concurrency: z
          .record(z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a queue name: a-z, 0-9, _ and -'), z.number().int().min(1).max(64))
          .default({}),
        /** A running job's worker renews its claim every third of this; a worker gone this long loses its jobs to others. */
        lease_s: z.number().int().min(1).max(3600).default(30),
        /** How often idle workers look for due jobs in the database (embedded queue). */
        poll_ms: z.number().int().min(20).max(60_000).default(1000),
        /** Finished jobs are deleted after this many days. */
        keep_days: z.number().int().min(1).max(3650).default(30),
      })
      .strict()
      .default({ concurrency: {}, lease_s: 30, poll_ms: 1000, keep_days: 30 }),
    /** Knowledge bases: upload size, and what URL ingestion may fetch. */
    knowledge: z
      .object({
        /** Largest uploaded file, in MiB. */
        max_file_mb: z.number().positive().max(1024).default(50),
        /**
         * Private, loopback and link-local ranges URL ingestion may reach anyway: `true` for all, or a
         * list of CIDRs (`10.0.0.0/8`, `fd00::/8`, a bare address). None by default (SSRF guard).
         */
        fetch_allow_private: z
          .union([
            z.boolean(),
            z.array(z.string().trim().min(1).max(64).refine(isCidr, 'a CIDR (10.0.0.0/8, fd00::/8) or an address')).max(1000),
          ])
          .default([]),
        fetch_timeout_s: z.number().positive().max(600).default(20),
        /** Largest document fetched from a URL, in MiB. */
        fetch_max_mb: z.number().positive().max(1024).default(20),
      })
      .strict()
      .default({ max_file_mb: 50, fetch_allow_private: [], fetch_timeout_s: 20, fetch_max_mb: 20 }),
    /** Scenario apps (src/apps/). */
    apps: z
      .object({
        /** The model of an app whose spec names none (alias or `provider/model`); empty: such apps cannot run. */
        default_model: z.string().max(LIMITS.modelName).default(''),
        /** The context window assumed for a model neither the catalog nor its alias (`context_tokens`) sizes. */
        default_context_tokens: z.number().int().min(256).max(100_000_000).default(32_000),
        /** Map calls of one map-reduce run made at once. */
        map_concurrency: z.number().int().min(1).max(16).default(1),
      })
      .strict()
      .default({ default_model: '', default_context_tokens: 32_000, map_concurrency: 1 }),
    /**
     * The arena (issue 19): `models` are the candidates blind battles draw two from (aliases or
     * `provider/model`); absent or empty, every chat alias and chat `provider/model` the gateway lists.
     */
    arena: z
      .object({
        models: z
          .array(z.string().trim().min(1).max(200))
          .max(256)
          .refine((m) => new Set(m).size === m.length, 'a model is listed twice')
          .optional(),
      })
      .strict()
      .prefault({}),
    /** Usage analytics (issue 20); `topics`: topic classification of sampled requests (analytics-topics-schema.ts). */
    analytics: z
      .object({
        /** A derived session (same key and end user) ends after this many minutes without activity. */
        session_gap_minutes: z.number().positive().max(1440).default(30),
        topics: analyticsTopicsSchema,
        /** Headless Chromium for PDF reports; absent: `chromium`, `chromium-browser` or `google-chrome` on PATH. */
        chromium_path: z.string().trim().min(1).max(1024).optional(),
        /** Report files (`POST /api/analytics/reports`) are deleted this many days after they were made. */
        report_keep_days: z.number().int().min(1).max(365).default(7),
      })
      .strict()
      .prefault({}),
    /** Discover providers from the usual env vars even when the file declares providers. */
    discover_env: z.boolean().default(true),
  })
  .strict();

export type BaimoConfig = z.infer<typeof configSchema>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type ModelAliasConfig = z.infer<typeof modelAliasSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
export type PriceConfig = z.infer<typeof priceSchema>;
export type TimeoutsConfig = z.infer<typeof timeoutsSchema>;
export type JobsConfig = BaimoConfig['jobs'];
export type KnowledgeConfig = BaimoConfig['knowledge'];
export type AppsConfig = BaimoConfig['apps'];
export type ArenaConfig = BaimoConfig['arena'];
