import { z } from 'zod';

/** Bounds of scenario apps: every list, string and number a caller sends. */
export const APP_LIMITS = {
  /** Characters of one template (system or user, per language). */
  template: 20_000,
  /** Variables per app. */
  variables: 32,
  /** Characters of a `text` input; of a `long_text` or `file` input (long inputs are map-reduced). */
  text: 4_000,
  longText: 1_000_000,
  /** Options of an `enum` variable, and characters per option. */
  enumOptions: 100,
  enumOption: 200,
  /** Versions kept per app. */
  versions: 200,
  /** Published versions sharing traffic at once (A/B). */
  trafficSplit: 2,
  /** Characters of a JSON Schema for JSON output, as JSON text. */
  jsonSchema: 20_000,
  /** Chunk calls one map-reduce run may make. */
  mapCalls: 200,
} as const;

/** An app's slug: its name in URLs, `app:{slug}` and the CLI. Lower-case letters, digits and `-`. */
export const APP_SLUG = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;
export const appSlugSchema = z
  .string()
  .max(64)
  .regex(APP_SLUG, 'an app slug: 2 to 64 lower-case letters, digits and -, starting with a letter');

/** The slugs of the built-in library (a contract: the issue names them). */
export const BUILTIN_SLUGS = [
  'summarize',
  'continue-writing',
  'translate',
  'essay',
  'interview-questions',
  'promo-copy',
  'meeting-minutes',
  'code-assistant',
  'kb-qa',
] as const;
export type BuiltinSlug = (typeof BUILTIN_SLUGS)[number];

/** A variable's name: what templates write as `{{name}}`. */
export const VARIABLE_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

export const VARIABLE_TYPES = ['text', 'long_text', 'enum', 'number', 'boolean', 'file'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

const localized = z.union([z.string().max(200), z.object({ zh: z.string().max(200), en: z.string().max(200) }).strict()]);

/** One typed input of an app. `file` inputs arrive as text (the CLI and console extract it; the API takes the text). */
export const variableSchema = z
  .object({
    name: z.string().max(40).regex(VARIABLE_NAME, 'a variable name: lower-case letters, digits and _, starting with a letter or _'),
    type: z.enum(VARIABLE_TYPES),
    /** What the form shows (one string, or zh and en). */
    label: localized.optional(),
    description: localized.optional(),
    required: z.boolean().default(false),
    /** Used when the input is absent; must itself be valid. */
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    /** `enum` only: the allowed values. */
    options: z.array(z.string().min(1).max(APP_LIMITS.enumOption)).min(1).max(APP_LIMITS.enumOptions).optional(),
    /** `number` only. */
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    /** `text`/`long_text`/`file`: most characters (default APP_LIMITS.text / longText). */
    max_length: z.number().int().min(1).max(APP_LIMITS.longText).optional(),
  })
  .strict();
export type AppVariable = z.output<typeof variableSchema>;

/** The prompt of one language: a system template and a user template. */
export const promptSchema = z
  .object({
    system: z.string().max(APP_LIMITS.template).default(''),
    user: z.string().min(1).max(APP_LIMITS.template),
  })
  .strict();

export const OUTPUT_FORMATS = ['text', 'markdown', 'json'] as const;

/**
 * A version of an app: everything a run needs. Templates use `{{name}}` for variables and
 * `{{#if name}}…{{else}}…{{/if}}` for optional parts; values are inserted literally (a value holding
 * `{{x}}` stays `{{x}}`). Prompts per language: `zh` and/or `en`; a run picks the one of its `language`
 * (input `language` when the app declares it, else the language of the main text, else the first).
 */
export const appSpecSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(2000).default(''),
    /** Alias or `provider/model`; a run may override it (`model` in the run API, `--model`). Empty: `apps.default_model`. */
    model: z.string().max(256).default(''),
    /** Chat parameters sent with every call. */
    parameters: z
      .object({
        temperature: z.number().min(0).max(2).optional(),
        top_p: z.number().min(0).max(1).optional(),
        max_tokens: z.number().int().min(1).max(1_000_000).optional(),
        presence_penalty: z.number().min(-2).max(2).optional(),
        frequency_penalty: z.number().min(-2).max(2).optional(),
      })
      .strict()
      .default({}),
    variables: z.array(variableSchema).max(APP_LIMITS.variables).default([]),
    /** The variable the last user message fills when the app is called as `app:{slug}` in chat completions. */
    main_variable: z.string().max(40).regex(VARIABLE_NAME).default('text'),
    prompts: z
      .object({ zh: promptSchema.optional(), en: promptSchema.optional() })
      .strict()
      .refine((p) => p.zh || p.en, 'at least one language (zh or en)'),
    output: z
      .object({
        format: z.enum(OUTPUT_FORMATS).default('text'),
        /** JSON output: the JSON Schema the answer must match (validated; one automatic repair retry). */
        schema: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .default({ format: 'text' }),
    /** Knowledge bases the answer is grounded in (names, resolved per run in the app's workspace). */
    knowledge: z.array(z.string().min(1).max(64)).max(8).default([]),
    /**
     * Long inputs: when the main variable's text does not fit the model's context window, `map-reduce`
     * runs the `map` prompt over token-sized chunks and the `reduce` prompt over their results (summarize,
     * meeting minutes); `truncate` cuts it; `refuse` answers 400.
     */
    long_input: z
      .object({
        strategy: z.enum(['map-reduce', 'truncate', 'refuse']).default('refuse'),
        /** Prompts of the map and reduce steps per language: `{{chunk}}`, `{{index}}`, `{{count}}` / `{{results}}` plus the app's variables. */
        map: z.object({ zh: promptSchema.optional(), en: promptSchema.optional() }).strict().optional(),
        reduce: z.object({ zh: promptSchema.optional(), en: promptSchema.optional() }).strict().optional(),
      })
      .strict()
      .default({ strategy: 'refuse' }),
  })
  .strict();
export type AppSpec = z.output<typeof appSpecSchema>;
export type AppSpecInput = z.input<typeof appSpecSchema>;

/** The inputs of a run: variable name → value (strings, numbers, booleans). */
export type AppInputs = Record<string, string | number | boolean>;

/** A problem with one input, as the 400 lists them. */
export interface InputProblem {
  variable: string;
  message: string;
}

export const VERSION_STATUSES = ['draft', 'published', 'archived'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export interface AppVersion {
  /** 1, 2, 3 … per app. */
  version: number;
  status: VersionStatus;
  spec: AppSpec;
  note: string;
  createdBy: string | null;
  createdAt: number;
  publishedAt: number | null;
}

/** Which published versions serve runs: weights in percent, summing to 100. */
export type Traffic = { version: number; weight: number }[];

export interface ScenarioApp {
  /** The tenancy app's id (`app_…`): keys scoped to it, its security policies, its log rows. */
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  description: string;
  /** The built-in it was cloned from, if any. */
  source: BuiltinSlug | null;
  /** Null until a version is published. */
  traffic: Traffic | null;
  latestVersion: number;
  createdAt: number;
  updatedAt: number;
  /** Segment attributes of the app's metadata (industry, region, user_group): analytics groups its traffic by them. */
  segments: Readonly<Record<string, string>>;
}

/** The app and version a run resolved to (the version chosen by the traffic split unless pinned). */
export interface ResolvedApp {
  app: ScenarioApp | null;
  /** For a built-in: its slug (it has no row unless cloned). */
  slug: string;
  version: number;
  spec: AppSpec;
  builtin: boolean;
}

/** A built-in of the library: runnable by slug in every workspace, read-only (clone it to edit). */
export interface LibraryApp {
  slug: BuiltinSlug;
  spec: AppSpec;
  /** Sample inputs per prompt language. */
  samples: { zh: AppInputs; en: AppInputs };
}

/** A new app: a spec of its own or a clone of a built-in; its first version is a draft unless `publish`. */
export interface CreateAppInput {
  slug: string;
  name?: string;
  description?: string;
  spec?: unknown;
  fromBuiltin?: string;
  note?: string;
  publish?: boolean;
}
