import { z } from 'zod';
import { LIMITS } from '../core/limits.js';
import { BUILTIN_PII_TYPES, TRUST_LEVELS, type BuiltinPiiType, type TrustLevel } from '../core/policy-document.js';
import { patternProblem } from '../core/safe-regex.js';

const trustLevel = z.enum(TRUST_LEVELS as unknown as [TrustLevel, ...TrustLevel[]]);
const piiType = z.enum(BUILTIN_PII_TYPES as unknown as [BuiltinPiiType, ...BuiltinPiiType[]]);

/**
 * A regular expression given as text, run on RE2 (linear time, see core/safe-regex.ts):
 * it must compile there (no backreferences, no lookaround) and stay short.
 */
const pattern = z
  .string()
  .min(1)
  .max(LIMITS.pattern)
  .superRefine((p, ctx) => {
    const problem = patternProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: `pattern /${p.length > 80 ? `${p.slice(0, 80)}…` : p}/ is refused: ${problem}` });
  });
const flags = z
  .string()
  .max(4)
  .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
  .optional();

export const explicitLabelSchema = z
  .object({ text: z.string().min(1).max(200), position: z.enum(['start', 'end']).default('end') })
  .strict();

/**
 * A security policy: baimo.yaml `security:` holds the deployment's defaults, and workspaces, apps and
 * keys may each store one through the admin API (more specific levels replace the fields they set).
 * Mirrors `PolicyDocument` in src/core/policy-document.ts.
 */
export const policyDocumentSchema = z
  .object({
    pii: z
      .object({
        action: z.enum(['allow', 'redact', 'pseudonymize', 'block']).optional(),
        types: z.array(piiType).max(LIMITS.adminArray).optional(),
        min_confidence: z.number().min(0).max(1).optional(),
        custom: z
          .array(
            z
              .object({
                name: z
                  .string()
                  .min(1)
                  .max(40)
                  .regex(/^[A-Za-z0-9_\-\u4e00-\u9fff]+$/, 'letters, digits, _ - or Chinese characters'),
                pattern,
                flags,
                label: z.string().max(40).optional(),
              })
              .strict(),
          )
          .max(100)
          .optional(),
        terms: z
          .array(
            z
              .object({ term: z.string().min(1).max(64), type: z.string().max(40).optional(), label: z.string().max(40).optional() })
              .strict(),
          )
          .max(50_000)
          .optional(),
      })
      .strict()
      .optional(),
    routing: z
      .object({ allow: z.array(trustLevel).max(LIMITS.adminArray).optional(), pii: z.array(trustLevel).max(LIMITS.adminArray).optional() })
      .strict()
      .optional(),
    moderation: z
      .object({
        input: z.enum(['block', 'flag', 'off']).optional(),
        output: z.enum(['cut', 'flag', 'off']).optional(),
        libraries: z.array(z.string().min(1).max(LIMITS.name)).max(LIMITS.adminArray).optional(),
        rules: z
          .array(z.object({ pattern, flags, risk: z.string().min(1).max(40) }).strict())
          .max(500)
          .optional(),
        model: z
          .object({
            name: z.string().min(1).max(LIMITS.modelName),
            on_error: z.enum(['allow', 'block']).optional(),
            timeout_ms: z.number().int().positive().max(60_000).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    labels: z.object({ explicit: explicitLabelSchema.nullable().optional() }).strict().optional(),
  })
  .strict();

/** `security:` in baimo.yaml: the policy defaults plus deployment-wide settings. */
export const securitySchema = z
  .object({
    pii: policyDocumentSchema.shape.pii,
    routing: policyDocumentSchema.shape.routing,
    moderation: z
      .object({
        ...policyDocumentSchema.shape.moderation.unwrap().shape,
        /** Characters of recent answer text that regex rules look at while a stream is checked. */
        window_chars: z.number().int().min(8).max(4096).default(64),
        /** Keyword library files (`term<TAB>risk` lines) loaded as instance-wide libraries. */
        library_files: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ window_chars: 64, library_files: [] }),
    labels: z
      .object({
        /** Add the signed implicit label (x-aigc-label, `aigc_label`, request log) to every answer. */
        enabled: z.boolean().default(true),
        /** The service provider's name or code the label carries (your filing number, for instance). */
        provider_code: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
          .default('BAIMO'),
        provider_name: z.string().max(100).optional(),
        explicit: explicitLabelSchema.nullable().optional(),
      })
      .strict()
      .default({ enabled: true, provider_code: 'BAIMO' }),
  })
  .strict()
  .default({ moderation: { window_chars: 64, library_files: [] }, labels: { enabled: true, provider_code: 'BAIMO' } });

/** How long request logs and stored bodies are kept; the purge job records each run in the audit log. */
export const retentionSchema = z
  .object({
    request_logs_days: z.number().int().positive().optional(),
    bodies_days: z.number().int().positive().default(30),
    purge_interval_minutes: z.number().int().positive().max(10_080).default(60),
  })
  .strict()
  .default({ bodies_days: 30, purge_interval_minutes: 60 });

export type PolicyDocumentConfig = z.infer<typeof policyDocumentSchema>;
export type SecurityConfig = z.infer<typeof securitySchema>;
export type RetentionConfig = z.infer<typeof retentionSchema>;
export { trustLevel as trustLevelSchema };
