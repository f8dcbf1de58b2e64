import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config/load-config.js';
import type { BaimoConfig } from '../../src/config/schema.js';
import { composeSchema, durationSeconds, type Compose, type ComposeService } from './compose-schema.js';
import { nginxDirectives, type NginxDirective } from './nginx-conf.js';

/** The deploy/ files as text, so that a test can hand in a changed copy of any of them. */
export interface DeployFiles {
  compose: string;
  nginx: string;
  envExample: string;
  baimoYaml: string;
  dockerfile: string;
}

export interface ComposeCheck {
  problems: string[];
  compose?: Compose;
  config?: BaimoConfig;
}

/** `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`; `$$` is a literal `$`. */
const REF = /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|[A-Za-z_][A-Za-z0-9_]*)?/g;

/** The variables a compose file refers to. A bare `$VAR` is reported as a problem: this file always braces them. */
export function composeRefs(text: string, problems: string[] = []): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(REF)) {
    if (m[1] === '$') continue;
    if (m[2]) names.push(m[2]);
    else problems.push(`docker-compose.yml: "${m[0]}" — write \${VAR} (or $$ for a literal $)`);
  }
  return names;
}

/** Compose's interpolation of one value: unset or empty with `:?` (or unset with `?`) is an error, as in `docker compose`. */
export function interpolateCompose(value: string, env: Record<string, string>): string {
  return value.replace(REF, (whole, inner: string | undefined, name: string | undefined, op: string | undefined, arg = '') => {
    if (inner === '$') return '$';
    if (!name) throw new Error(`unbraced "${whole}"`);
    const v = env[name];
    const unset = op?.startsWith(':') ? !v : v === undefined;
    if (op?.endsWith('?') && unset) throw new Error(`required variable ${name} is missing a value: ${arg}`);
    if (op?.endsWith('-') && unset) return arg;
    return v ?? '';
  });
}

function interpolateAll(value: unknown, env: Record<string, string>): unknown {
  if (typeof value === 'string') return interpolateCompose(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolateAll(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateAll(v, env)]));
  return value;
}

/** `KEY=value` lines of an env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
  }
  return out;
}

/** .env.example as a user fills it in: every empty value gets a URL-safe stand-in (hex, like `openssl rand -hex`). */
export function filledEnv(example: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(example).map(([k, v]) => [k, v || createHash('sha256').update(k).digest('hex').slice(0, 48)]));
}

const commandOf = (s: ComposeService) => (Array.isArray(s.command) ? s.command : (s.command?.split(/\s+/) ?? []));
const baimoArgs = (s: ComposeService) => {
  const cmd = commandOf(s);
  return cmd.includes('bin/baimo.js') ? cmd.slice(cmd.indexOf('bin/baimo.js') + 1) : undefined;
};
const environmentOf = (s: ComposeService): Record<string, string> =>
  Array.isArray(s.environment)
    ? Object.fromEntries(s.environment.map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
const dependsOn = (s: ComposeService) =>
  Array.isArray(s.depends_on)
    ? s.depends_on.map((n) => [n, 'service_started'] as const)
    : Object.entries(s.depends_on ?? {}).map(([n, d]) => [n, d.condition] as const);

/** Validates deploy/docker-compose.yml and checks it against nginx.conf, .env.example, baimo.yaml and the Dockerfile. */
export function checkCompose(files: DeployFiles): ComposeCheck {
  const problems: string[] = [];
  const example = parseEnvFile(files.envExample);
  const env = filledEnv(example);

  // Every variable the compose file and baimo.yaml use is defined (compose: in .env).
  for (const name of new Set(composeRefs(files.compose, problems)))
    if (!(name in example)) problems.push(`docker-compose.yml uses \${${name}}, which .env.example does not define`);
  for (const [k, v] of Object.entries(example))
    if (/KEY|TOKEN|PASSWORD|SECRET/.test(k) && v) problems.push(`.env.example: ${k} has a value; secrets stay empty there`);

  let raw: Record<string, unknown>;
  let uninterpolated: Record<string, unknown>;
  try {
    uninterpolated = parseYaml(files.compose, { merge: true, uniqueKeys: true }) as Record<string, unknown>;
    uninterpolated = Object.fromEntries(Object.entries(uninterpolated).filter(([k]) => !k.startsWith('x-')));
    raw = interpolateAll(uninterpolated, env) as Record<string, unknown>;
  } catch (err) {
    return { problems: [...problems, `docker-compose.yml: ${(err as Error).message}`] };
  }
  const parsed = composeSchema.safeParse(raw);
  if (!parsed.success)
    return { problems: [...problems, ...parsed.error.issues.map((i) => `docker-compose.yml ${i.path.join('.')}: ${i.message}`)] };
  const compose = parsed.data;
  const services = compose.services;
  // Secrets come from .env: an environment value that names a secret, or a URL with a password, is a ${VAR}.
  for (const [name, s] of Object.entries(uninterpolated.services as Record<string, ComposeService>))
    for (const [k, v] of Object.entries(environmentOf(s)))
      if ((/KEY|TOKEN|PASSWORD|SECRET/.test(k) && !/^\$\{\w+[^}]*\}$/.test(v)) || /:\/\/[^:/@]*:[^@]+@/.test(v.replace(/\$\{[^}]*\}/g, '')))
        problems.push(`${name}: ${k} is hard-coded, not taken from .env`);

  for (const [name, s] of Object.entries(services))
    for (const [target, condition] of dependsOn(s)) {
      const t = services[target];
      if (!t) problems.push(`${name}: depends_on ${target}, which is not a service`);
      else if (condition === 'service_healthy' && (!t.healthcheck || 'disable' in t.healthcheck))
        problems.push(`${name}: waits for ${target} to be healthy, but ${target} has no healthcheck`);
    }

  const baimo = Object.entries(services).filter(([, s]) => baimoArgs(s));
  const gateways = baimo.filter(([, s]) => baimoArgs(s)?.[0] === 'serve' && baimoArgs(s)?.includes('--no-workers')).map(([n]) => n);
  const workers = baimo.filter(([, s]) => baimoArgs(s)?.[0] === 'worker').map(([n]) => n);
  if (gateways.length !== 2)
    problems.push(`expected 2 services running serve --no-workers, got ${gateways.length} (${gateways.join(', ')})`);
  if (workers.length !== 1) problems.push(`expected 1 service running worker, got ${workers.length}`);
  if (gateways.length + workers.length !== baimo.length) problems.push('a baimo service runs neither serve --no-workers nor worker');

  const config = checkBaimoServices(files, baimo, services, example, env, problems);
  if (config) {
    checkNginx(files.nginx, services, gateways, config, problems);
    checkDockerfile(files.dockerfile, baimo, config, problems);
  }
  if (services.postgres?.image !== 'pgvector/pgvector:pg16') problems.push('postgres: not the pgvector/pgvector:pg16 image');
  if (!/^redis:7([.-]|$)/.test(services.redis?.image ?? '')) problems.push('redis: not a Redis 7 image');
  return { problems, compose, config };
}

/** The baimo services share the mounted baimo.yaml, which loads with baimo's loader in their environment. */
function checkBaimoServices(
  files: DeployFiles,
  baimo: [string, ComposeService][],
  services: Compose['services'],
  example: Record<string, string>,
  env: Record<string, string>,
  problems: string[],
): BaimoConfig | undefined {
  const yamlRefs = [...files.baimoYaml.replace(/(^|\s)#.*$/gm, '$1').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
  let config: BaimoConfig | undefined;
  for (const [name, s] of baimo) {
    const args = baimoArgs(s) ?? [];
    const path = args[args.indexOf('--config') + 1];
    const mount = s.volumes?.find((v) => v.split(':')[1] === path);
    if (!args.includes('--config') || !mount) problems.push(`${name}: --config ${path} is not a mounted file`);
    else if (mount.split(':')[0] !== './baimo.yaml' || !mount.endsWith(':ro'))
      problems.push(`${name}: mounts ${mount}, not ./baimo.yaml read-only`);
    const envFiles = [s.env_file ?? []].flat();
    if (!envFiles.includes('.env')) problems.push(`${name}: no env_file .env`);
    const own = environmentOf(s);
    for (const v of new Set(yamlRefs))
      if (!(v in example) && !(v in own))
        problems.push(`${name}: baimo.yaml uses \${${v}}, set neither in .env.example nor in its environment`);

    const dir = mkdtempSync(join(tmpdir(), 'baimo-compose-'));
    try {
      writeFileSync(join(dir, 'baimo.yaml'), files.baimoYaml);
      const loaded = loadConfig({ configPath: join(dir, 'baimo.yaml'), env: { ...env, ...own }, cwd: dir }).config;
      config ??= loaded;
      const db = /^postgres(ql)?:\/\/[^@]*@([^:/]+)/.exec(loaded.database);
      if (!db) problems.push(`${name}: database is ${loaded.database}, not a postgres:// URL`);
      else if (!services[db[2]]) problems.push(`${name}: the database host ${db[2]} is not a service`);
      const redisHost = loaded.redis_url && /^rediss?:\/\/(?:[^@]*@)?([^:/]+)/.exec(loaded.redis_url)?.[1];
      if (!redisHost) problems.push(`${name}: no redis_url`);
      else if (!services[redisHost]) problems.push(`${name}: the Redis host ${redisHost} is not a service`);
      const grace = durationSeconds(s.stop_grace_period ?? '10s');
      if (grace <= loaded.shutdown_timeout_s)
        problems.push(`${name}: stop_grace_period ${grace}s <= shutdown_timeout_s ${loaded.shutdown_timeout_s}`);
      if (['127.0.0.1', 'localhost', '::1'].includes(loaded.host))
        problems.push(`baimo.yaml: host ${loaded.host} is unreachable from nginx`);
    } catch (err) {
      problems.push(`${name}: baimo.yaml does not load: ${(err as Error).message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return config;
}

/** nginx's upstream lists exactly the gateways on baimo's port; streaming is not buffered; /healthz passes. */
function checkNginx(text: string, services: Compose['services'], gateways: string[], config: BaimoConfig, problems: string[]): void {
  let conf: NginxDirective[];
  try {
    conf = nginxDirectives(text);
  } catch (err) {
    return void problems.push(`nginx.conf: ${(err as Error).message}`);
  }
  const http = conf.find((d) => d.name === 'http')?.block ?? [];
  const server = http.find((d) => d.name === 'server')?.block ?? [];
  const locations = server.filter((d) => d.name === 'location');
  const healthz = locations.find((l) => l.args.join(' ') === '= /healthz') ?? locations.find((l) => l.args.join(' ') === '/');
  const pass = healthz?.block?.find((d) => d.name === 'proxy_pass')?.args[0];
  const upstreamName = pass && /^http:\/\/([\w-]+)$/.exec(pass)?.[1];
  const upstream = http.find((d) => d.name === 'upstream' && d.args[0] === upstreamName);
  if (!upstream) return void problems.push('nginx.conf: /healthz is not passed to an upstream of the gateways');
  const members = (upstream.block ?? []).filter((d) => d.name === 'server').map((d) => d.args[0]);
  const want = gateways.map((g) => `${g}:${config.port}`);
  if (members.sort().join() !== want.sort().join())
    problems.push(`nginx.conf: upstream ${upstreamName} lists ${members.join(', ')}, not ${want.join(', ')}`);
  const setting = (name: string) => [...server, ...http].find((d) => d.name === name)?.args[0];
  if (setting('proxy_buffering') !== 'off') problems.push('nginx.conf: proxy_buffering is not off (streams would be held back)');
  const read = /^(\d+)(s|m)?$/.exec(setting('proxy_read_timeout') ?? '');
  if (!read || Number(read[1]) * (read[2] === 'm' ? 60 : 1) < 600) problems.push('nginx.conf: proxy_read_timeout shorter than 10 minutes');
  const body = /^(\d+)m$/.exec(setting('client_max_body_size') ?? '');
  if (!body || Number(body[1]) < config.body_limit_mb)
    problems.push(`nginx.conf: client_max_body_size below body_limit_mb (${config.body_limit_mb}m)`);
  const lb = Object.entries(services).find(([, s]) => s.volumes?.some((v) => v.startsWith('./nginx.conf:/etc/nginx/nginx.conf')));
  if (!lb) return void problems.push('no service mounts ./nginx.conf at /etc/nginx/nginx.conf');
  const listen = server.find((d) => d.name === 'listen')?.args[0];
  if (!lb[1].ports?.some((p) => p.split(':').at(-1) === listen)) problems.push(`${lb[0]}: publishes no port to nginx's listen ${listen}`);
  if (!gateways.every((g) => dependsOn(lb[1]).some(([n]) => n === g))) problems.push(`${lb[0]}: does not wait for both gateways`);
}

/** The image's default command reads the file compose mounts, its port is exposed, and it does not run as root. */
function checkDockerfile(text: string, baimo: [string, ComposeService][], config: BaimoConfig, problems: string[]): void {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const last = (instr: string) =>
    lines
      .filter((l) => l.startsWith(`${instr} `))
      .at(-1)
      ?.slice(instr.length + 1);
  const cmd = JSON.parse(last('CMD') ?? '[]') as string[];
  const mountTarget = baimo[0]?.[1].volumes?.find((v) => v.startsWith('./baimo.yaml:'))?.split(':')[1];
  if (cmd.slice(0, 4).join(' ') !== 'node --max-semi-space-size=32 bin/baimo.js serve')
    problems.push(`Dockerfile: CMD is ${cmd.join(' ')}`);
  if (cmd[cmd.indexOf('--config') + 1] !== mountTarget) problems.push(`Dockerfile: CMD's --config is not ${mountTarget}`);
  if (last('EXPOSE') !== String(config.port)) problems.push(`Dockerfile: EXPOSE ${last('EXPOSE')} is not port ${config.port}`);
  const user = last('USER');
  if (!user || user === 'root' || user === '0') problems.push('Dockerfile: runs as root');
  if (!/^FROM node:20-bookworm-slim\b/m.test(text)) problems.push('Dockerfile: not based on node:20-bookworm-slim');
}
