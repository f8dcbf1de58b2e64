import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/load-config.js';
import { KeyService } from '../src/governance/key-service.js';
import { startServer } from '../src/server/start-server.js';
import { serveParent } from './processes.js';

/**
 * baimo as a user runs it: a `baimo.yaml` in a temp dir with the fake upstream as an
 * `openai-compatible` provider behind the alias `chat`, auth on (BAIMO_ADMIN_TOKEN), request logs
 * written to a SQLite file next to it. `close()` flushes the log writer before the process exits.
 */

const upstream = process.env.UPSTREAM_URL;
const dir = process.env.BAIMO_BENCH_TMP;
if (!upstream || !dir || !process.env.BAIMO_ADMIN_TOKEN)
  throw new Error('UPSTREAM_URL, BAIMO_BENCH_TMP and BAIMO_ADMIN_TOKEN are required');

const configPath = join(dir, 'baimo.yaml');
// BENCH_SECURITY_JSON='{"labels":{"enabled":false}}' replaces parts of the policies, to measure what one costs.
const security =
  process.env.BENCH_SECURITY === '1'
    ? { ...securityConfig(dir), ...(JSON.parse(process.env.BENCH_SECURITY_JSON ?? '{}') as object) }
    : undefined;
writeFileSync(
  configPath,
  stringify({
    host: '127.0.0.1',
    port: 0,
    database: './baimo.db',
    discover_env: false,
    logging: { level: process.env.BENCH_LOG_LEVEL ?? 'warn' },
    providers: {
      fake: { type: 'openai-compatible', base_url: `${upstream}/v1`, api_key: 'sk-upstream', models: ['bench-model'] },
    },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'bench-model' }] }],
    prices: [{ model: 'fake/bench-model', input: 2, output: 8, currency: 'CNY' }],
    redis_url: process.env.BENCH_REDIS_URL || undefined,
    ...(security ? { security } : {}),
  }),
);

const { config } = loadConfig({ configPath, cwd: dir });
const server = await startServer(config, { env: process.env });
// A virtual key whose RPM, TPM and budget are all checked and settled on every call, set high
// enough that the load never hits them: the benchmark measures the cost of enforcement.
const created = await new KeyService(server.runtime.keys, server.runtime.tenancy).create('ws_default', {
  name: 'bench',
  rpm: 1e9,
  tpm: 1e12,
  budget: 1e9,
  budget_currency: 'CNY',
  budget_period: 'month',
});
writeFileSync(join(dir, 'bench-key.txt'), created.key);
serveParent(server.port, () => server.close());

/**
 * The compliance policies of `BENCH_SECURITY=1`: every check the request path can make is on (a
 * 10,000-term library written next to the config, PII pseudonymisation, a routing filter, both labels).
 */
function securityConfig(tmp: string): Record<string, unknown> {
  let seed = 7;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x80000000;
  const terms = new Set<string>();
  while (terms.size < 10_000) {
    let t = '';
    const len = 2 + Math.floor(rnd() * 5);
    for (let i = 0; i < len; i++) t += String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000));
    terms.add(t);
  }
  const file = join(tmp, 'bench-library.txt');
  writeFileSync(
    file,
    [...terms]
      .filter((t) => !'你好，介绍一下你自己'.includes(t))
      .map((t) => `${t}\tA.1.8`)
      .join('\n'),
  );
  return {
    pii: { action: 'pseudonymize' },
    routing: { allow: ['self_hosted', 'domestic_cloud', 'foreign_cloud'] },
    moderation: { input: 'block', output: 'cut', library_files: [file] },
    labels: { provider_code: 'BENCH-AI-001', explicit: { text: '（本内容由人工智能生成）', position: 'end' } },
  };
}
