import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompose, interpolateCompose, parseEnvFile, type DeployFiles } from './check-compose.js';

// deploy/docker-compose.yml with nginx.conf, .env.example, baimo.yaml and the Dockerfile, validated by a
// schema of the Compose subset used and cross-checked (check-compose.ts). No Docker is involved.
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const FILES: DeployFiles = {
  compose: read('deploy/docker-compose.yml'),
  nginx: read('deploy/nginx.conf'),
  envExample: read('deploy/.env.example'),
  baimoYaml: read('deploy/baimo.yaml'),
  dockerfile: read('Dockerfile'),
};

/** FILES with one exact edit; throws when the text to change is not there, so no mutation is a silent no-op. */
function edit(file: keyof DeployFiles, from: string | RegExp, to: string): DeployFiles {
  const text = FILES[file];
  if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) throw new Error(`${file} has no ${String(from)} to change`);
  return { ...FILES, [file]: text.replace(from, to) };
}

describe('deploy/docker-compose.yml', () => {
  it('is valid, and fits nginx.conf, .env.example, baimo.yaml and the Dockerfile', () => {
    const check = checkCompose(FILES);
    expect(check.problems).toEqual([]);
    expect(Object.keys(check.compose!.services).sort()).toEqual(['gateway-1', 'gateway-2', 'lb', 'postgres', 'redis', 'worker']);
    // baimo.yaml as baimo's loader reads it inside the gateway containers.
    expect(check.config?.database).toMatch(/^postgres:\/\/baimo:[0-9a-f]{48}@postgres:5432\/baimo$/);
    expect(check.config?.redis_url).toMatch(/^redis:\/\/:[0-9a-f]{48}@redis:6379\/0$/);
    expect(check.config?.host).toBe('0.0.0.0');
  });

  it('does not start until the secrets in .env are filled in', () => {
    // .env.example as it is: the secrets are empty, and `${VAR:?…}` stops compose with the message.
    expect(() => interpolateCompose(FILES.compose, parseEnvFile(FILES.envExample))).toThrow(/POSTGRES_PASSWORD .*deploy\/\.env/);
    const example = parseEnvFile(FILES.envExample);
    for (const secret of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'BAIMO_MASTER_KEY', 'BAIMO_ADMIN_TOKEN']) expect(example[secret]).toBe('');
  });

  // Each check can fail: one edit, one problem named.
  const mutations: [string, DeployFiles, RegExp][] = [
    [
      'depends_on a service that does not exist',
      edit('compose', 'gateway-2:\n        condition', 'gateway-3:\n        condition'),
      /lb: depends_on gateway-3, which is not a service/,
    ],
    [
      'a gateway that also runs the workers',
      edit('compose', /(gateway-2:\n {4}<<: \*baimo\n {4}command: \[[^\]]*'serve'), '--no-workers'/, '$1'),
      /expected 2 services running serve --no-workers, got 1/,
    ],
    [
      'an upstream without gateway-2',
      edit('nginx', /^\s*server gateway-2:4000.*$/m, ''),
      /upstream baimo_gateways lists gateway-1:4000, not gateway-1:4000, gateway-2:4000/,
    ],
    [
      'an upstream on the wrong port',
      edit('nginx', 'server gateway-1:4000', 'server gateway-1:8080'),
      /upstream baimo_gateways lists .*gateway-1:8080/,
    ],
    ['buffered streams', edit('nginx', 'proxy_buffering off;', 'proxy_buffering on;'), /proxy_buffering is not off/],
    [
      'a short read timeout',
      edit('nginx', 'proxy_read_timeout 660s;', 'proxy_read_timeout 60s;'),
      /proxy_read_timeout shorter than 10 minutes/,
    ],
    [
      '/healthz not passed on',
      edit('nginx', /location = \/healthz \{[^}]*\}/, 'location = /healthz { return 200; }'),
      /\/healthz is not passed to an upstream/,
    ],
    [
      'a broken nginx.conf',
      edit('nginx', 'worker_connections 4096;\n}', 'worker_connections 4096;\n'),
      /nginx\.conf: a block is not closed by "}"/,
    ],
    [
      'another file mounted as the config',
      edit('compose', './baimo.yaml:/etc/baimo/baimo.yaml:ro', './other.yaml:/etc/baimo/baimo.yaml:ro'),
      /mounts \.\/other\.yaml/,
    ],
    [
      'the config mounted writable',
      edit('compose', './baimo.yaml:/etc/baimo/baimo.yaml:ro', './baimo.yaml:/etc/baimo/baimo.yaml'),
      /not \.\/baimo\.yaml read-only/,
    ],
    [
      'a compose variable .env.example lacks',
      edit('envExample', /^REDIS_PASSWORD=.*$/m, ''),
      /uses \$\{REDIS_PASSWORD\}, which \.env\.example does not define/,
    ],
    [
      'a baimo.yaml variable nobody sets',
      edit('baimoYaml', 'level: info', 'level: ${BAIMO_LOG_LEVEL}'),
      /baimo\.yaml uses \$\{BAIMO_LOG_LEVEL\}, set neither/,
    ],
    [
      'an SQLite database',
      edit('baimoYaml', 'database: ${BAIMO_DATABASE_URL}', 'database: ./data/baimo.db'),
      /database is .*baimo\.db, not a postgres:\/\/ URL/,
    ],
    ['a database host that is no service', edit('compose', '@postgres:5432', '@db:5432'), /the database host db is not a service/],
    [
      'a stop_grace_period within shutdown_timeout_s',
      edit('compose', 'stop_grace_period: 45s\n\n# Readiness', 'stop_grace_period: 20s\n\n# Readiness'),
      /stop_grace_period 20s <= shutdown_timeout_s 30/,
    ],
    [
      'an unknown depends_on condition',
      edit('compose', 'condition: service_healthy', 'condition: service_up'),
      /depends_on.*Invalid input/,
    ],
    ['a misspelt key', edit('compose', 'stop_signal: SIGQUIT', 'stop_signals: SIGQUIT'), /services\.lb: Unrecognized key: "stop_signals"/],
    [
      'waiting on a service without a healthcheck',
      edit('compose', /healthcheck:\n {6}test: \['CMD-SHELL', 'redis-cli[^\n]*\n( {6}\w+: \w+\n)+/, ''),
      /waits for redis to be healthy, but redis has no healthcheck/,
    ],
    [
      'a hard-coded admin token',
      edit('compose', /BAIMO_ADMIN_TOKEN: \$\{[^}]*\}/, 'BAIMO_ADMIN_TOKEN: hunter2'),
      /BAIMO_ADMIN_TOKEN is hard-coded/,
    ],
    [
      'a password written into a URL',
      edit('compose', '${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in deploy/.env}@', 'hunter2@'),
      /BAIMO_DATABASE_URL is hard-coded/,
    ],
    [
      'a secret with a value in .env.example',
      edit('envExample', /^BAIMO_MASTER_KEY=$/m, 'BAIMO_MASTER_KEY=0123'),
      /BAIMO_MASTER_KEY has a value/,
    ],
    ['a bare $VAR', edit('compose', 'image: ${BAIMO_IMAGE:-baimo:local}', 'image: $BAIMO_IMAGE'), /"\$BAIMO_IMAGE" — write \$\{VAR\}/],
    ['an image that runs as root', edit('dockerfile', /^USER node$/m, ''), /Dockerfile: runs as root/],
    [
      'a CMD reading another config',
      edit('dockerfile', '"--config", "/etc/baimo/baimo.yaml"]', '"--config", "/srv/baimo.yaml"]'),
      /CMD's --config is not \/etc\/baimo\/baimo\.yaml/,
    ],
    ['another exposed port', edit('dockerfile', 'EXPOSE 4000', 'EXPOSE 8080'), /EXPOSE 8080 is not port 4000/],
    [
      'Postgres without pgvector',
      edit('compose', 'image: pgvector/pgvector:pg16', 'image: postgres:16'),
      /postgres: not the pgvector\/pgvector:pg16 image/,
    ],
  ];
  it.each(mutations)('rejects %s', (_what, files, problem) => {
    expect(checkCompose(files).problems).toContainEqual(expect.stringMatching(problem));
  });
});
