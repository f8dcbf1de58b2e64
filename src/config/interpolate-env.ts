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

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of a parsed YAML document. Done after
 * parsing so that secrets containing YAML syntax can never change the document's structure.
 */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(PATTERN, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (def !== undefined) return def;
      throw new MissingEnvError(name, path || '(root)');
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, path ? `${path}.${k}` : k);
    return out;
  }
  return value;
}
