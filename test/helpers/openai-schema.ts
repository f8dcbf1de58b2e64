import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is `module.exports`, whose `.default` is the plugin.
const addFormats = ajvFormats.default;

/**
 * Validators for OpenAI's response schemas, from `test/fixtures/openai-schemas.json` (extracted from
 * OpenAI's MIT-licensed OpenAPI spec by `test/fixtures/extract-openai-schemas.ts`).
 *
 * The OpenAPI dialect is turned into plain JSON Schema first:
 * - `nullable: true` becomes `anyOf: [<the schema>, {type: 'null'}]` (works next to `$ref`, `enum`
 *   and without `type`, where Ajv's own `nullable` keyword would not);
 * - `discriminator`, `x-*`, `example(s)`, `deprecated` are dropped (the `oneOf`s still decide);
 * - OpenAPI's `unixtime` format is checked as a non-negative integer.
 * `required` is kept as written, so a required-but-nullable field must be present (as `null`).
 */

const FIXTURE = new URL('../fixtures/openai-schemas.json', import.meta.url);
const DOC_ID = 'https://baimo.test/openai-schemas.json';

export type OpenAISchemaName =
  | 'CreateChatCompletionResponse'
  | 'CreateChatCompletionStreamResponse'
  | 'CreateEmbeddingResponse'
  | 'ListModelsResponse'
  | 'Model'
  | 'ErrorResponse'
  | (string & {});

const DROP = new Set(['discriminator', 'example', 'examples', 'deprecated', 'externalDocs', 'xml']);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is one schema. */
const SCHEMA_ONE = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** OpenAPI 3.0/3.1 schema → JSON Schema that Ajv (draft-07) reads the same way. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema); // tuple `items`
  if (schema === null || typeof schema !== 'object') return schema; // `true` / `false`
  const out: Record<string, unknown> = {};
  let nullable = false;
  for (const [k, v] of Object.entries(schema as Record<string, unknown>)) {
    if (k === 'nullable') nullable = v === true;
    else if (DROP.has(k) || k.startsWith('x-')) continue;
    else if (SCHEMA_MAPS.has(k) && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, toJsonSchema(s)]));
    else if (SCHEMA_ONE.has(k)) out[k] = toJsonSchema(v);
    else if (SCHEMA_LIST.has(k) && Array.isArray(v)) out[k] = v.map(toJsonSchema);
    else out[k] = v; // type, enum, const, required, default, format, description, $ref, …: data, copied as is
  }
  if (!nullable) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return { anyOf: [out, { type: 'null' }] };
}

interface Fixture {
  license: string;
  source: string;
  components: { schemas: Record<string, unknown> };
}

let ajv: Ajv | undefined;
let fixture: Fixture | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The extracted schemas as they are stored (OpenAPI dialect). */
export function openaiSchemas(): Record<string, unknown> {
  fixture ??= JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
  return fixture.components.schemas;
}

function instance(): Ajv {
  if (ajv) return ajv;
  const schemas = openaiSchemas();
  const a = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(a);
  a.addFormat('unixtime', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  a.addSchema({ $id: DOC_ID, components: { schemas: Object.fromEntries(Object.entries(schemas).map(([n, s]) => [n, toJsonSchema(s)])) } });
  ajv = a;
  return a;
}

function validatorFor(name: string): ValidateFunction {
  const known = compiled.get(name);
  if (known) return known;
  if (!(name in openaiSchemas())) throw new Error(`no schema ${name} in the OpenAI fixture`);
  const v = instance().compile({ $ref: `${DOC_ID}#/components/schemas/${name}` });
  compiled.set(name, v);
  return v;
}

/** Errors of `value` against OpenAI's `components.schemas[schemaName]` (empty when valid). */
export function validateAgainst(schemaName: OpenAISchemaName, value: unknown): string[] {
  const v = validatorFor(schemaName);
  if (v(value)) return [];
  return (v.errors ?? []).map(
    (e) =>
      `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}
