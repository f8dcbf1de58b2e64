import fc from 'fast-check';

/** The subset of JSON Schema (draft 2020-12) that zod's `toJSONSchema` emits for baimo's routes. */
export interface JsonSchema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** Sizes stay small: the point is reaching deep code paths with plausible input, not volume (hostile.ts does volume). */
const MAX_ITEMS = 4;
const MAX_CHARS = 40;

/**
 * A fast-check arbitrary of values that (mostly) satisfy `schema`, so that generated requests get past
 * validation and reach the handlers. Unknown constructs fall back to any JSON value.
 */
export function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 8) return fc.jsonValue({ maxDepth: 1 });
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, depth + 1)));
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0], depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type }, depth + 1)));
  switch (types[0]) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: lower(schema, -1_000_000), max: upper(schema, 1_000_000) });
    case 'number':
      return fc.double({ min: lower(schema, -1e6), max: upper(schema, 1e6), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case 'object':
      return objectFor(schema, depth);
    default:
      return schema.properties ? objectFor(schema, depth) : fc.jsonValue({ maxDepth: 2 });
  }
}

function lower(s: JsonSchema, fallback: number): number {
  if (s.minimum !== undefined) return s.minimum;
  if (s.exclusiveMinimum !== undefined) return s.exclusiveMinimum + (s.type === 'integer' ? 1 : 1e-9);
  return fallback;
}

function upper(s: JsonSchema, fallback: number): number {
  if (s.maximum !== undefined) return s.maximum;
  if (s.exclusiveMaximum !== undefined) return s.exclusiveMaximum - (s.type === 'integer' ? 1 : 1e-9);
  return Math.max(fallback, lower(s, fallback));
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? MAX_CHARS, MAX_CHARS));
  switch (s.format) {
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4_102_444_800_000) }).map((d) => d.toISOString());
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (s.pattern) {
    try {
      const re = new RegExp(s.pattern);
      return fc.stringMatching(re).filter((x) => x.length >= minLength && x.length <= (s.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    fc.string({ minLength: Math.max(minLength, 1), maxLength, unit: fc.constantFrom(...'abcdefgh0123456789_-') }),
  );
}

function objectFor(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(props)) model[name] = arbitraryFor(sub, depth + 1);
  const required = (s.required ?? []).filter((k) => k in props);
  const known = fc.record(model, { requiredKeys: required });
  const extra = s.additionalProperties;
  if (!extra || extra === true || Object.keys(props).length) return known;
  // A record of arbitrary keys (`z.record`): keys from propertyNames when given.
  const keys = s.propertyNames ? (stringFor(s.propertyNames) as fc.Arbitrary<string>) : fc.string({ maxLength: 20 });
  return fc.dictionary(keys, arbitraryFor(extra, depth + 1), { maxKeys: MAX_ITEMS });
}
