// Writes docs/providers.md from the catalog, so the doc always matches the code: `npx tsx scripts/gen-providers-doc.ts`.
import { writeFileSync } from 'node:fs';
import { CATALOG } from '../src/catalog/catalog.js';

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
