// Writes docs/providers.md from the catalog, so the doc always matches the code: `npx tsx scripts/gen-providers-doc.ts`.
import { writeFileSync } from 'node:fs';
import { CATALOG } from '../src/catalog/catalog.js';

const AUTH_TEXT: Record<string, string> = {
  bearer: '`Authorization: Bearer <key>`',
  'api-key-header': '`api-key: <key>`',
  'x-api-key': '`x-api-key: <key>`',
  'x-goog-api-key': '`x-goog-api-key: <key>`',
  none: 'none',
  'zhipu-jwt': 'HS256 JWT',
  'sensenova-jwt': 'HS256 JWT',
};
const JWT_CAPABLE: Record<string, string> = {
  zhipu: 'HS256 JWT from `id.secret` (`sign_type: SIGN`, ms `exp`/`timestamp`), sent without `Bearer`',
  sensenova: 'HS256 JWT from AK (`api_key`) / SK (`secret_key`) (`iss`, `exp`, `nbf`)',
};
const PROTOCOL_AUTH: Record<string, string> = {
  anthropic: '`x-api-key` + `anthropic-version`',
  gemini: '`x-goog-api-key`',
  ollama: 'none (optional bearer)',
  'llama-cpp': 'none (in-process)',
  ernie: 'OAuth access token from AK/SK (cached, refreshed before expiry, single flight) in the query',
  dashscope: '`Authorization: Bearer <key>`',
  'spark-ws': 'HMAC-SHA256 signed WebSocket URL (`host`, RFC1123 `date`, request line)',
  'hunyuan-tc3': 'TC3-HMAC-SHA256 request signature (SecretId / SecretKey)',
};
const STREAMING: Record<string, string> = {
  openai: 'SSE, OpenAI chunks',
  anthropic: 'SSE, message events',
  gemini: 'SSE (`alt=sse`)',
  ollama: 'NDJSON',
  'llama-cpp': 'in-process tokens',
  ernie: 'SSE lines with `is_end`, no `[DONE]`',
  dashscope: 'SSE (`X-DashScope-SSE: enable`, `incremental_output`)',
  'spark-ws': 'WebSocket frames (status 0/1/2)',
  'hunyuan-tc3': 'SSE, PascalCase deltas',
};
const USAGE: Record<string, string> = {
  openai: 'last chunk (`include_usage` forced)',
  anthropic: 'incremental (`message_start` + `message_delta`)',
  gemini: 'cumulative (`usageMetadata`)',
  ollama: 'final line',
  'llama-cpp': 'counted by the engine',
  ernie: 'cumulative, final chunk',
  dashscope: 'cumulative, every event',
  'spark-ws': 'final frame',
  'hunyuan-tc3': 'cumulative, every chunk',
};
const VERIFIED: Record<string, string> = {
  openai: 'simulated generic OpenAI-compatible upstream (`test/openai-sdk*.test.ts`, `test/contract.test.ts`); no vendor-specific fake',
  anthropic: 'simulated (`test/anthropic-adapter.test.ts`)',
  gemini: 'simulated (`test/gemini-adapter.test.ts`)',
  ollama: 'simulated (`test/ollama-adapter.test.ts`)',
  'llama-cpp': 'real engine on generated GGUF files (`test/local-engine-e2e.test.ts`)',
  ernie: 'simulated, token refresh under load (`test/ernie-adapter.test.ts`, `test/ernie-e2e.test.ts`)',
  dashscope: 'simulated (`test/dashscope-adapter.test.ts`, `test/dashscope-e2e.test.ts`)',
  'spark-ws': 'simulated WebSocket server, signature recomputed (`test/spark-ws-adapter.test.ts`)',
  'hunyuan-tc3': 'simulated, signature recomputed (`test/hunyuan-tc3-adapter.test.ts`)',
  qwen: 'simulated, content flattening (`test/compatible-family.test.ts`)',
  zhipu: 'simulated, clamping and JWT (`test/compatible-family.test.ts`, `test/jwt-auth.test.ts`)',
  sensenova: 'simulated, JWT (`test/jwt-auth.test.ts`)',
  baichuan: 'simulated, temperature scale (`test/compatible-family.test.ts`)',
  spark: 'simulated, stream replay with tools (`test/compatible-family.test.ts`)',
  'azure-openai': 'simulated, deployment path and api-key (`test/compatible-family.test.ts`)',
};

const lines: string[] = [
  '# Providers',
  '',
  'Generated from `src/catalog/` by `npx tsx scripts/gen-providers-doc.ts` — do not edit by hand.',
  '',
  'Use a catalog id as a provider `type` in `baimo.yaml` (`{ type: deepseek, api_key: ${DEEPSEEK_API_KEY} }`),',
  'or just export the env var: in zero-config mode (and unless `discover_env: false`) every provider whose key',
  'variable is set is added under its catalog id. Prices are per million tokens.',
  '',
  '| id | name | protocol | default base URL | key env vars | base URL env var | quirks |',
  '|---|---|---|---|---|---|---|',
];
for (const e of CATALOG) {
  const quirks = e.quirks ? Object.keys(e.quirks).join(', ') : '';
  lines.push(
    `| \`${e.id}\` | ${e.names.zh} / ${e.names.en} | ${e.protocol} | ${e.baseUrl ? `\`${e.baseUrl}\`` : '(you give `base_url`)'} | ${e.envKeys.map((k) => `\`${k}\``).join(', ') || '—'} | ${e.envBaseUrl ? `\`${e.envBaseUrl}\`` : '—'} | ${quirks} |`,
  );
}
lines.push(
  '',
  '## How baimo speaks to each provider',
  '',
  "Every row is verified against a **simulated upstream**: a local fake server that speaks the vendor's",
  'documented wire format and checks its authentication the way the vendor does (signatures are recomputed',
  'independently). None is verified against the live vendor from CI, which has no access to vendor networks.',
  '',
  '| id | auth | credentials (`baimo.yaml` keys) | streaming | usage in streams | verified by |',
  '|---|---|---|---|---|---|',
);
for (const e of CATALOG) {
  const auth =
    e.protocol === 'openai'
      ? AUTH_TEXT[e.auth] + (JWT_CAPABLE[e.id] ? `; or \`auth: jwt\`: ${JWT_CAPABLE[e.id]}` : '')
      : PROTOCOL_AUTH[e.protocol];
  const creds = (e.credentials ?? (e.keyOptional ? [] : ['api_key'])).map((c) => `\`${c}\``).join(', ') || '— (none)';
  lines.push(
    `| \`${e.id}\` | ${auth} | ${creds} | ${STREAMING[e.protocol]} | ${USAGE[e.protocol]} | ${VERIFIED[e.id] ?? VERIFIED[e.protocol]} |`,
  );
}

lines.push('', '## Models and prices', '');
for (const e of CATALOG) {
  if (e.models.length === 0) continue;
  lines.push(
    `### ${e.names.zh} / ${e.names.en} (\`${e.id}\`)`,
    '',
    '| model | context | input | output | cached | currency |',
    '|---|---|---|---|---|---|',
  );
  for (const m of e.models) {
    const cur = m.currency ?? e.currency;
    const tiers = m.prices ?? [];
    const fmt = (k: 'input' | 'output' | 'cached') =>
      tiers.length === 0 ? '—' : tiers.map((t) => `${t[k] ?? t.input}${t.upTo ? ` (≤${t.upTo / 1000}k)` : ''}`).join(' / ');
    lines.push(
      `| \`${m.id}\`${m.kind === 'embedding' ? ' (embedding)' : ''} | ${m.context ?? '—'} | ${fmt('input')} | ${fmt('output')} | ${fmt('cached')} | ${cur} |`,
    );
  }
  lines.push('');
}
writeFileSync(new URL('../docs/providers.md', import.meta.url), `${lines.join('\n')}\n`);
