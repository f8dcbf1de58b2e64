import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CATALOG, getCatalogEntry } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/types.js';
import { ConfigError, formatZodIssues } from './config-error.js';
import { usesPostgres } from './data-dir.js';
import { discoverEnvProviders } from './discover-env.js';
import { interpolateEnv, MissingEnvError, protectEnvRefs } from './interpolate-env.js';
import { configSchema, type BaimoConfig, type ProviderConfig } from './schema.js';

export const PROTOCOL_TYPES = ['openai-compatible', 'anthropic', 'gemini', 'ollama', 'llama-cpp'] as const;

export interface LoadedConfig {
  config: BaimoConfig;
  /** The file read, or null in zero-config mode. */
  path: string | null;
  /** Provider names found through env vars. */
  discovered: string[];
}

export interface LoadOptions {
  /** `--config`; falls back to BAIMO_CONFIG, then ./baimo.yaml when it exists. */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** `--port` wins over the file. */
  port?: number;
  /**
   * Problems of one provider that only its protocol's adapter knows (missing credentials): passed by
   * the commands that build providers (`providerCredentialProblems` of src/providers/registry.ts), so
   * that commands which only read the database do not load every adapter.
   */
  checkProvider?: (name: string, cfg: ProviderConfig) => string[];
}

/** Finds, reads, interpolates and validates the configuration. Throws ConfigError with fixable messages. */
export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const explicit = opts.configPath ?? env.BAIMO_CONFIG;
  let path: string | null = null;
  let raw: unknown = {};
  if (explicit) {
    path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`Config file not found: ${path} (check --config / BAIMO_CONFIG)`);
  } else if (existsSync(resolve(cwd, 'baimo.yaml'))) {
    path = resolve(cwd, 'baimo.yaml');
  }
  if (path) {
    const { text, refs } = protectEnvRefs(readFileSync(path, 'utf8'));
    try {
      raw = parseYaml(text) ?? {};
    } catch (err) {
      throw new ConfigError(`Cannot parse ${path}: ${(err as Error).message}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw))
      throw new ConfigError(`${path}: the top level must be a mapping of keys (port, providers, models, …)`);
    try {
      raw = interpolateEnv(raw, env, refs);
    } catch (err) {
      if (err instanceof MissingEnvError) throw new ConfigError(`${path}: ${err.message}`);
      throw err;
    }
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw formatZodIssues(path ?? 'the default configuration', parsed.error.issues);
  const config = parsed.data;
  if (opts.port !== undefined) config.port = opts.port;
  if (env.BAIMO_DATABASE && !path) config.database = env.BAIMO_DATABASE;

  const discovered = config.discover_env ? discoverEnvProviders(env, config.providers) : {};
  config.providers = { ...discovered, ...config.providers };
  // A PostgreSQL URL is used as is; an SQLite path is relative to the working directory.
  if (config.database !== ':memory:' && !usesPostgres(config)) config.database = resolve(cwd, config.database);
  config.models_dir = resolve(cwd, config.models_dir);
  for (const p of Object.values(config.providers)) if (p.model_path) p.model_path = resolve(cwd, p.model_path);
  checkReferences(config, path ?? 'the configuration', opts.checkProvider);
  return { config, path, discovered: Object.keys(discovered) };
}

/** `auth: jwt` needs an entry that signs JWTs (catalog `jwt`), the keys it signs from, in the vendor's format. */
function jwtProblems(name: string, p: ProviderConfig, entry: CatalogEntry | undefined): string[] {
  const jwt = entry?.jwt;
  if (!jwt) {
    const ids = CATALOG.filter((e) => e.jwt).map((e) => e.id);
    return [`providers.${name}.auth: jwt is for ${ids.join(' and ')} only`];
  }
  const missing = jwt.credentials.filter((key) => !p[key]);
  if (missing.length)
    return missing.map(
      (key) => `providers.${name}.${key}: required with auth: jwt (${entry.names.en} signs with ${jwt.credentials.join(' and ')})`,
    );
  if (jwt.keyFormat && !p.api_key?.includes(jwt.keyFormat.contains)) return [`providers.${name}.api_key: ${jwt.keyFormat.problem}`];
  return [];
}

function checkReferences(config: BaimoConfig, source: string, checkProvider: LoadOptions['checkProvider']): void {
  const problems: string[] = [];
  for (const [name, p] of Object.entries(config.providers)) {
    const known = (PROTOCOL_TYPES as readonly string[]).includes(p.type) || getCatalogEntry(p.type);
    if (!known)
      problems.push(
        `providers.${name}.type: unknown type "${p.type}" (use a catalog id such as deepseek or qwen, or one of ${PROTOCOL_TYPES.join(', ')})`,
      );
    if (p.catalog && !getCatalogEntry(p.catalog))
      problems.push(`providers.${name}.catalog: unknown catalog id "${p.catalog}" (run \`baimo models list --catalog\` to see the ids)`);
    if (p.type === 'llama-cpp' && !p.model_path)
      problems.push(
        `providers.${name}.model_path: required for type llama-cpp (the path of a .gguf file; get one with \`baimo models pull\`)`,
      );
    const entry = getCatalogEntry(p.catalog ?? p.type);
    if (p.type !== 'llama-cpp' && !p.base_url && !entry?.baseUrl)
      problems.push(`providers.${name}.base_url: required for type ${p.type} (e.g. http://127.0.0.1:8000/v1)`);
    if (known) problems.push(...(checkProvider?.(name, p) ?? []));
    if (p.auth === 'jwt') problems.push(...jwtProblems(name, p, entry));
  }
  const aliases = new Set(config.models.map((m) => m.name));
  const seen = new Set<string>();
  config.models.forEach((m, i) => {
    if (seen.has(m.name)) problems.push(`models[${i}].name: "${m.name}" is declared twice (alias names must be unique)`);
    seen.add(m.name);
    m.targets.forEach((t, j) => {
      if (!config.providers[t.provider])
        problems.push(`models[${i}].targets[${j}].provider: no provider named "${t.provider}" (declare it under providers:)`);
    });
    m.fallbacks.forEach((f, j) => {
      if (!aliases.has(f))
        problems.push(`models[${i}].fallbacks[${j}]: no model alias named "${f}" (fallbacks name other entries of models:)`);
      if (f === m.name) problems.push(`models[${i}].fallbacks[${j}]: an alias cannot fall back to itself`);
    });
  });
  if (problems.length) throw new ConfigError(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
