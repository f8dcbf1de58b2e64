/** JSON-schema keywords Gemini's `Schema` (OpenAPI 3 subset) rejects; removed wherever they appear. */
const DROPPED_KEYS = new Set([
  '$schema',
  '$id',
  '$ref',
  '$defs',
  '$comment',
  'definitions',
  'additionalProperties',
  'unevaluatedProperties',
  'patternProperties',
  'strict',
  'examples',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'uniqueItems',
  'readOnly',
  'writeOnly',
  'dependentRequired',
  'dependentSchemas',
]);

/** String formats Gemini accepts; others (uri, email…) are dropped. */
const STRING_FORMATS = new Set(['enum', 'date-time']);

/**
 * Rewrites an OpenAI/JSON-schema object into the subset Gemini accepts: drops unsupported keywords,
 * turns `type: [T, "null"]` into `type: T, nullable: true`, `const` into a one-value `enum`, and
 * `oneOf` into `anyOf`. Names inside `properties` are kept even when they look like keywords.
 */
export function toGeminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toGeminiSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(src)) {
    if (DROPPED_KEYS.has(key)) continue;
    switch (key) {
      case 'properties':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toGeminiSchema(v)]));
        }
        break;
      case 'type':
        if (Array.isArray(value)) {
          const types = value.filter((t) => t !== 'null');
          if (types.length < value.length) out.nullable = true;
          if (types.length > 0) out.type = types[0];
        } else {
          out.type = value;
        }
        break;
      case 'const':
        out.enum = [value];
        break;
      case 'oneOf':
      case 'anyOf':
        out.anyOf = toGeminiSchema(value);
        break;
      case 'format':
        if (src.type !== 'string' || STRING_FORMATS.has(String(value))) out.format = value;
        break;
      case 'items':
        out.items = toGeminiSchema(value);
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}
