import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { KeyService } from '../src/governance/key-service.js';
import { startServer } from '../src/server/start-server.js';
import { BENCH_KEY_FIELDS, writeBenchConfig } from './bench-config.js';
import { serveParent } from './processes.js';

/**
 * baimo as a user runs it: a `baimo.yaml` in a temp dir (bench-config.ts) with the fake upstream
 * behind the alias `chat`, auth on (BAIMO_ADMIN_TOKEN), request logs written to a SQLite file next to
 * it. `close()` flushes the log writer before the process exits.
 */

const upstream = process.env.UPSTREAM_URL;
const dir = process.env.BAIMO_BENCH_TMP;
if (!upstream || !dir || !process.env.BAIMO_ADMIN_TOKEN)
  throw new Error('UPSTREAM_URL, BAIMO_BENCH_TMP and BAIMO_ADMIN_TOKEN are required');

// BENCH_SECURITY_JSON='{"labels":{"enabled":false}}' replaces parts of the policies, to measure what one costs.
const configPath = writeBenchConfig(dir, `${upstream}/v1`, {
  security: process.env.BENCH_SECURITY === '1',
  securityOverrides: JSON.parse(process.env.BENCH_SECURITY_JSON ?? '{}') as object,
  redisUrl: process.env.BENCH_REDIS_URL,
  logLevel: process.env.BENCH_LOG_LEVEL,
  database: process.env.BENCH_DATABASE_URL,
});
const { config } = loadConfig({ configPath, cwd: dir });
const server = await startServer(config, { env: process.env });
const created = await new KeyService(server.runtime.keys, server.runtime.tenancy).create('ws_default', { ...BENCH_KEY_FIELDS });
writeFileSync(join(dir, 'bench-key.txt'), created.key);
serveParent(server.port, () => server.close());
