import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * The `baimo.yaml` every benchmark runs baimo with: the fake upstream (`baseUrl`, ending in `/v1`) as
 * an `openai-compatible` provider behind the alias `chat`, with a price, request logs in a SQLite file
 * in `dir` (or in `database`, a PostgreSQL URL); with `security`, the policies below. Returns the config's path.
 */
export function writeBenchConfig(
  dir: string,
  baseUrl: string,
  o: { security: boolean; securityOverrides?: object; redisUrl?: string; logLevel?: string; database?: string },
): string {
  const configPath = join(dir, 'baimo.yaml');
  const security = o.security ? { ...securityConfig(dir), ...o.securityOverrides } : undefined;
  writeFileSync(
    configPath,
    stringify({
      host: '127.0.0.1',
      port: 0,
      database: o.database || './baimo.db',
      discover_env: false,
      logging: { level: o.logLevel ?? 'warn' },
      providers: { fake: { type: 'openai-compatible', base_url: baseUrl, api_key: 'sk-upstream', models: ['bench-model'] } },
      models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'bench-model' }] }],
      prices: [{ model: 'fake/bench-model', input: 2, output: 8, currency: 'CNY' }],
      redis_url: o.redisUrl || undefined,
      ...(security ? { security } : {}),
    }),
  );
  return configPath;
}

/**
 * The benchmark's virtual key: RPM, TPM and budget all checked and settled on every call, set high
 * enough that the load never hits them, so the benchmark measures the cost of enforcement.
 */
export const BENCH_KEY_FIELDS = {
  name: 'bench',
  rpm: 1e9,
  tpm: 1e12,
  budget: 1e9,
  budget_currency: 'CNY',
  budget_period: 'month',
} as const;

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
