import { Ajv, type CodeOptions, type ErrorObject, type ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import { badRequest } from '../core/errors.js';
import type { AppSpec } from './app-types.js';

/** Errors listed to the model (repair) and the client (502) at most. */
const MAX_ERRORS = 20;

/**
 * Schema `pattern`s run on RE2 (linear time, whatever an app author writes: no ReDoS). A pattern RE2
 * cannot compile makes the schema fail to compile, which says so.
 */
const re2: NonNullable<CodeOptions['regExp']> = (pattern: string) => {
  const re = RE2JS.compile(pattern);
  return { test: (s: string) => re.test(s) };
};
// What Ajv calls the engine in generated code (standalone code only, which baimo does not make).
re2.code = 're2';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: re2 } });

/**
 * Compiles a schema without keeping it in Ajv's own cache (keyed by schema object and `$id`): specs are
 * parsed anew after every app change, so that cache would only grow, and a second schema with the same
 * `$id` would be refused.
 */
function compile(schema: Record<string, unknown>): ValidateFunction {
  try {
    return ajv.compile(schema);
  } finally {
    ajv.removeSchema(schema);
  }
}

/** Validators per spec object (specs are shared and immutable once loaded). */
const validators = new WeakMap<AppSpec, ValidateFunction>();

/** The schema's validator; a schema that does not compile is the app's fault: 400 saying why. */
export function outputValidator(spec: AppSpec): ValidateFunction | undefined {
  const schema = spec.output.schema;
  if (spec.output.format !== 'json') return undefined;
  let v = validators.get(spec);
  if (!v) {
    try {
      v = compile(schema ?? { type: ['object', 'array'] });
    } catch (err) {
      throw badRequest(
        `The app's output.schema is not a usable JSON Schema: ${(err as Error).message.slice(0, 300)}`,
        'output.schema',
        'invalid_value',
      );
    }
    validators.set(spec, v);
  }
  return v;
}

/** A problem of a JSON schema, or null when it compiles (for checking specs when saved). */
export function schemaProblem(schema: Record<string, unknown>): string | null {
  try {
    compile(schema);
    return null;
  } catch (err) {
    return (err as Error).message.slice(0, 300);
  }
}

/** What checking an answer found: its JSON text (a code fence around it taken off), or what is wrong. */
export type OutputCheck = { ok: true; json: string } | { ok: false; errors: string[] };

/** Checks a JSON app's answer against its schema. */
export function checkOutput(validate: ValidateFunction, answer: string): OutputCheck {
  const text = unfenced(answer);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not JSON: ${(err as Error).message.slice(0, 200)}`] };
  }
  if (validate(value)) return { ok: true, json: text };
  return { ok: false, errors: (validate.errors ?? []).slice(0, MAX_ERRORS).map(describe) };
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const extra =
    e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
  return `${where}: ${e.message ?? e.keyword}${extra}`;
}

/** The answer without a Markdown code fence around it (models often add one). */
function unfenced(answer: string): string {
  const t = answer.trim();
  const m = /^```[a-zA-Z0-9_-]*\s*\n([\s\S]*?)\n?```$/.exec(t);
  return m ? m[1].trim() : t;
}
