/**
 * Every text of a request body that leaves baimo, found by a generic walk: all string values and all
 * object keys at any depth, so that fields added to a wire format later (or passed through unknown)
 * are covered by default. Only what is known to carry no user text is left out: the top-level
 * `model` (replaced by the provider's model id), fixed protocol words (`role: "user"`,
 * `type: "function"`, the key `description`…) and base64 payloads (images, audio, files: they are
 * not text, and keyword matching over them would only produce false hits).
 */

import { badRequest } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';

/** One step of a path into a request body: an object key or an array index. */
export type PathKey = string | number;

/**
 * Called once per text. `path` is the live path (copy it to keep it): for a value, the path to it;
 * for a key (`isKey`), the path to the object that has it.
 */
export type TextVisitor = (text: string, path: readonly PathKey[], isKey: boolean) => void;

/** Object keys that are protocol field names (OpenAI chat/embeddings, JSON Schema): not user text. */
const PROTOCOL_KEYS: ReadonlySet<string> = new Set([
  // chat and embeddings requests
  'model', 'messages', 'role', 'content', 'name', 'tool_calls', 'tool_call_id', 'id', 'type', 'function', 'arguments',
  'reasoning_content', 'refusal', 'text', 'image_url', 'url', 'detail', 'input_audio', 'data', 'format', 'file', 'file_id',
  'file_data', 'filename', 'tools', 'description', 'parameters', 'strict', 'tool_choice', 'parallel_tool_calls',
  'response_format', 'json_schema', 'schema', 'stream', 'stream_options', 'include_usage', 'temperature', 'top_p',
  'max_tokens', 'max_completion_tokens', 'stop', 'seed', 'user', 'n', 'frequency_penalty', 'presence_penalty',
  'logit_bias', 'logprobs', 'top_logprobs', 'metadata', 'prediction', 'modalities', 'audio', 'voice', 'reasoning_effort',
  'service_tier', 'store', 'input', 'dimensions', 'encoding_format', 'web_search_options',
  // JSON Schema keywords (tool parameters, structured outputs)
  'properties', 'required', 'items', 'enum', 'const', 'default', 'examples', 'title', 'additionalProperties', 'anyOf',
  'oneOf', 'allOf', 'not', '$ref', '$defs', 'definitions', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'nullable', 'multipleOf',
]); // prettier-ignore

/** Fixed protocol values per key (`role: "user"`): exact words, never user text. */
const PROTOCOL_VALUES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['role', new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function'])],
  [
    'type',
    new Set([
      'text', 'image_url', 'input_audio', 'file', 'refusal', 'function', 'json_schema', 'json_object', 'content',
      'string', 'number', 'integer', 'boolean', 'object', 'array', 'null',
    ]),
  ], // prettier-ignore
  ['tool_choice', new Set(['none', 'auto', 'required'])],
  ['detail', new Set(['auto', 'low', 'high'])],
  ['encoding_format', new Set(['float', 'base64'])],
  ['format', new Set(['wav', 'mp3'])],
  ['reasoning_effort', new Set(['minimal', 'low', 'medium', 'high'])],
  ['service_tier', new Set(['auto', 'default', 'flex', 'priority'])],
  ['modalities', new Set(['text', 'audio'])],
]);

/** Below this length a string is always scanned as text. */
const MIN_BINARY_LENGTH = 1024;

/** Standard base64 alphabet plus line breaks (no `-`/`_`: text like `HT-2024-001` is never skipped). */
function isBase64Code(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 10 || c === 13;
}

/** A base64 payload (`data:…;base64,…` or bare base64 of at least 1 KiB): not text, not scanned. */
function isBinaryPayload(s: string): boolean {
  if (s.length < MIN_BINARY_LENGTH) return false;
  let i = 0;
  if (s.startsWith('data:')) {
    const comma = s.indexOf(',');
    if (comma < 0 || comma > 256 || !s.slice(0, comma).endsWith(';base64')) return false;
    i = comma + 1;
  }
  for (; i < s.length; i++) if (!isBase64Code(s.charCodeAt(i))) return false;
  return true;
}

function tooDeep(): Error {
  return badRequest(
    `The request is nested deeper than ${LIMITS.requestDepth} levels; it cannot be checked against the data-security policy. ` +
      `请求嵌套超过 ${LIMITS.requestDepth} 层，无法按数据安全策略检查。`,
    null,
    'request_too_deep',
  );
}

function visitValue(s: string, key: PathKey | undefined, path: PathKey[], visit: TextVisitor): void {
  if (s.length === 0) return;
  if (typeof key === 'string') {
    if (key === 'model' && path.length === 1) return;
    if (PROTOCOL_VALUES.get(key)?.has(s)) return;
  }
  if (isBinaryPayload(s)) return;
  visit(s, path, false);
}

function walk(v: object, path: PathKey[], visit: TextVisitor): void {
  if (path.length >= LIMITS.requestDepth) throw tooDeep();
  if (Array.isArray(v)) {
    const key = path.length > 0 ? path[path.length - 1] : undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'string') {
        path.push(i);
        // Array items (`stop: [...]`, `modalities: [...]`) are judged by the array's key.
        visitValue(x, key, path, visit);
        path.pop();
      } else if (typeof x === 'object' && x !== null) {
        path.push(i);
        walk(x, path, visit);
        path.pop();
      }
    }
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k.length > 0 && !PROTOCOL_KEYS.has(k)) visit(k, path, true);
    const x = o[k];
    if (typeof x === 'string') {
      path.push(k);
      visitValue(x, k, path, visit);
      path.pop();
    } else if (typeof x === 'object' && x !== null) {
      path.push(k);
      walk(x, path, visit);
      path.pop();
    }
  }
}

/**
 * Calls `visit` for every text of `body` that a provider would receive (see the module comment).
 * Throws a 400 when the body is nested deeper than `LIMITS.requestDepth`: what cannot be walked is
 * never sent unchecked.
 */
export function forEachText(body: object, visit: TextVisitor): void {
  walk(body, [], visit);
}

/** Every text of `body`, one per line: what input moderation (keywords, rules, the model) reads. */
export function requestText(body: object): string {
  let s = '';
  forEachText(body, (t) => {
    s += t + '\n';
  });
  return s;
}

/**
 * A path as a place name for errors, logs and audit entries: `messages[1].content`,
 * `tools[0].function.parameters.properties.*.description`. Keys that are not protocol field names
 * are written `*` (a key is request data and may itself be personal data); a key that is the text
 * itself (`isKey`) is written `<key>`. Never longer than 256 characters.
 */
export function placeOf(path: readonly PathKey[], isKey = false): string {
  let s = '';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else s += (s === '' ? '' : '.') + (PROTOCOL_KEYS.has(k) ? k : '*');
  }
  if (isKey) s += s === '' ? '<key>' : '.<key>';
  return s.length <= 256 ? s : `${s.slice(0, 255)}…`;
}
