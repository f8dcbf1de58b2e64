/** The admin API's provider input: write-only secrets, and the headers and query maps sealed with them. */
import { z } from 'zod';
import { REDACTED } from '../../compliance/audit/audit-detail.js';
import type { SecretMap } from '../../config/provider-secrets.js';
import { providerSchema } from '../../config/schema.js';
import { badRequest } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';

/** A provider's name in a path: what baimo.yaml allows as a provider key. */
export const providerNameParams = z.object({
  name: z
    .string()
    .max(LIMITS.id)
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'use letters, digits, _ . -'),
});

const secret = z.string().min(1).max(4096).nullable().optional();
/**
 * Write-only like api_key: every value is stored sealed and shown as `[redacted]`. Omit to keep the
 * stored map, null to remove it; in a map, `[redacted]` keeps the stored value of that name (so a
 * GET result can be sent back as is).
 */
const secretMap = (key: z.ZodString, value: z.ZodString) =>
  z
    .record(key.min(1).max(LIMITS.name), value.max(LIMITS.shortText))
    .refine((m) => Object.keys(m).length <= LIMITS.adminArray, `at most ${LIMITS.adminArray} entries`)
    .nullable()
    .optional();
/** RFC 9110 field names; values without line breaks or NUL (they would split or end the header). */
const headerMap = secretMap(
  z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "a header name is letters, digits and !#$%&'*+-.^_`|~"),
  z.string().regex(/^[^\r\n\0]*$/, 'a header value cannot contain line breaks'),
);
/** The body of `PUT /api/providers/:name`: secrets are write-only. */
export const providerInput = providerSchema.omit({ api_key: true, secret_key: true, api_secret: true, headers: true, query: true }).extend({
  /** Extra HTTP headers sent upstream (write-only, sealed). */
  headers: headerMap,
  /** Extra query parameters sent upstream (write-only, sealed). */
  query: secretMap(z.string(), z.string()),
  /** Write-only: stored encrypted, never returned. Omit to keep the stored one; null to remove it. */
  api_key: secret,
  /** Write-only like api_key (ERNIE / SenseNova SK, Hunyuan SecretKey). */
  secret_key: secret,
  /** Write-only like api_key (Spark APISecret). */
  api_secret: secret,
});

/**
 * The headers or query map to store: undefined keeps the stored one, null removes it, a map replaces
 * it, with `[redacted]` values taking the stored value of that name.
 */
export function resolveMap(
  field: SecretMap,
  given: Record<string, string> | null | undefined,
  stored: Record<string, string> | undefined,
): Record<string, string> | null | undefined {
  if (given === undefined) return stored;
  if (given === null) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(given)) {
    if (k === '__proto__') throw badRequest(`"${k}" is not a usable name.`, `${field}.${k}`, 'invalid_value');
    if (v !== REDACTED) out[k] = v;
    else if (stored && Object.hasOwn(stored, k)) out[k] = stored[k];
    else
      throw badRequest(
        `${field}.${k} is "${REDACTED}" but no value is stored under that name: send the value.`,
        `${field}.${k}`,
        'invalid_value',
      );
  }
  return out;
}
