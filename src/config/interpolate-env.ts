/** A `${VAR}` that is not set, with where it was used. */
export class MissingEnvError extends Error {
  constructor(
    readonly variable: string,
    readonly path: string,
  ) {
    super(`${path}: environment variable ${variable} is not set (export it, or write \${${variable}:-default} in the config)`);
  }
}

const PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const PLACEHOLDER = /BAIMO_ENV_REF_(\d+)_/g;

/**
 * Swaps every `${…}` in the raw YAML for an inert token before parsing, so `${KEY}` works unquoted
 * even inside flow maps (`{ api_key: ${KEY} }`), where `{` would otherwise be YAML syntax.
 */
export function protectEnvRefs(text: string): { text: string; refs: string[] } {
  const refs: string[] = [];
  return { text: text.replace(PATTERN, (m) => `BAIMO_ENV_REF_${refs.push(m) - 1}_`), refs };
}

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed document. Substituting after
 * parsing means a secret containing YAML syntax can never change the document's structure. A value
 * that is exactly one reference becomes a number or boolean when the variable holds one.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, refs: string[] = [], path = ''): unknown {
  if (typeof value === 'string') {
    const restored = refs.length ? value.replace(PLACEHOLDER, (_m, i: string) => refs[Number(i)] ?? '') : value;
    const whole = /^\$\{[^}]+\}$/.test(restored);
    const out = restored.replace(PATTERN, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      throw new MissingEnvError(name, path || '(root)');
    });
    if (whole && restored !== value) {
      if (/^-?\d+(\.\d+)?$/.test(out)) return Number(out);
      if (out === 'true' || out === 'false') return out === 'true';
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, refs, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, refs, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}
