import { LIMITS } from '../../core/limits.js';

/**
 * Most chat requests are plain: a model, text messages and a few numeric settings. Checking that
 * shape by hand and using the parsed body as it is skips zod's walk and its copy of every object
 * (~2 µs and ~2.5 KB per request on the gateway's hot path). Anything else — tools, content parts,
 * unknown fields, a value out of range — goes through `chatRequestSchema`, which also words the
 * errors. A body accepted here is one the schema accepts and returns unchanged (a property test
 * checks it), so the two paths cannot disagree.
 */

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

type Check = (v: unknown) => boolean;

const num =
  (min: number, max: number): Check =>
  (v) =>
    v === null || (typeof v === 'number' && v >= min && v <= max);
// zod's `.int()` means a safe integer.
const positiveInt: Check = (v) => v === null || (Number.isSafeInteger(v) && (v as number) > 0);

/** The top-level fields this check knows, each with the schema's own constraint. */
const FIELDS = new Map<string, Check>([
  ['model', (v) => typeof v === 'string' && v.length > 0 && v.length <= LIMITS.modelName],
  ['messages', messages],
  ['stream', (v) => v === null || typeof v === 'boolean'],
  ['temperature', num(0, 2)],
  ['top_p', num(0, 1)],
  ['max_tokens', positiveInt],
  ['max_completion_tokens', positiveInt],
  ['frequency_penalty', num(-2, 2)],
  ['presence_penalty', num(-2, 2)],
  ['seed', (v) => v === null || Number.isSafeInteger(v)],
  ['user', (v) => typeof v === 'string' && v.length <= LIMITS.userId],
]);

/** True when `body` (parsed JSON) is a plain chat request that `chatRequestSchema` accepts as it is. */
export function isPlainChatRequest(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || !Array.isArray(b.messages)) return false;
  for (const k in b) {
    const check = FIELDS.get(k);
    // An own property the check does not know (or an undefined one, which JSON never makes): let the schema decide.
    if (!check || b[k] === undefined || !check(b[k])) return false;
  }
  return true;
}

/** At least one message; each has a known role, text content and at most a string `name`. */
function messages(v: unknown): boolean {
  const list = v as unknown[];
  if (list.length === 0 || list.length > LIMITS.messages) return false;
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
    const msg = m as Record<string, unknown>;
    if (!ROLES.has(msg.role as string) || typeof msg.content !== 'string') return false;
    for (const k in msg) {
      if (k === 'role' || k === 'content') continue;
      if (k !== 'name' || typeof msg.name !== 'string') return false;
    }
  }
  return true;
}
