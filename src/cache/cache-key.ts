import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import type { ChatRequest } from '../core/chat-types.js';

/**
 * Top-level request fields that do not change what the model answers, so they are left out of the
 * key. Everything else — including fields baimo does not know (`reasoning_effort`, `logit_bias`,
 * `logprobs`, `modalities`, …) — stays in: a needless miss costs one upstream call, a wrong hit
 * returns someone else's answer to a different question.
 *
 * - `stream`, `stream_options`: transport only; a hit is replayed in whichever form was asked.
 * - `user`, `safety_identifier`: end-user ids for the provider's abuse tracking.
 * - `metadata`, `store`: provider-side logging / storage of the completion.
 * - `service_tier`: latency / price class, not content.
 * - `prompt_cache_key`, `prompt_cache_retention`: hints for the provider's prompt cache.
 * - any `x-…` / `x_…` field: gateway / client extension headers some SDKs copy into the body.
 */
export const IGNORED_FIELDS: ReadonlySet<string> = new Set([
  'stream',
  'stream_options',
  'user',
  'safety_identifier',
  'metadata',
  'store',
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
]);

/** Bumped when normalisation changes, so old entries stop matching instead of being misread. */
const KEY_VERSION = 'v1';

/**
 * Whether an answer to `req` may be cached and served again. Everything is cacheable except a
 * request for several choices (`n > 1`): the stored answer has one choice. Sampling settings
 * (temperature, top_p, no seed) do not matter — an operator who turns the cache on wants hits,
 * and an identical prompt getting an identical answer is exactly what they asked for.
 */
export function isCacheable(req: ChatRequest): boolean {
  return !(typeof req.n === 'number' && req.n > 1);
}

/**
 * The cache key of `req` within `scope` (the workspace id, so workspaces never share answers):
 * `${scope}:${sha256-hex}` of the request's canonical JSON. Key order does not matter; any value
 * that can change the answer does.
 */
export function cacheKey(scope: string, req: ChatRequest): string {
  const hash = createHash('sha256')
    .update(KEY_VERSION)
    .update('\n')
    .update(canonicalJson(normalise(req)))
    .digest('hex');
  return `${scope}:${hash}`;
}

/** The request without fields that do not affect the answer. */
function normalise(req: ChatRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req)) {
    if (IGNORED_FIELDS.has(key) || key.startsWith('x-') || key.startsWith('x_')) continue;
    // OpenAI treats an explicit null as "use the default", the same as leaving the field out.
    if (value === null || value === undefined) continue;
    // n: 1 is the default; only cacheable requests get here, so n is 1 or absent.
    if (key === 'n' && value === 1) continue;
    out[key] = value;
  }
  return out;
}

/** JSON with object keys sorted at every depth (src/core/canonical-json.ts; re-exported for the cache's callers). */
export { canonicalJson };
