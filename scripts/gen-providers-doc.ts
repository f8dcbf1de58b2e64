// Writes docs/providers.md from the adapter list (src/providers/adapters.ts) and the catalog (src/catalog/),
// so the doc always matches the code: `npm run gen:providers`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CATALOG } from '../src/catalog/catalog.js';
import type { CatalogEntry } from '../src/catalog/types.js';
import type { CredentialSpec } from '../src/providers/adapter.js';
import { ADAPTERS } from '../src/providers/adapters.js';
import { askedFor } from '../src/providers/shared/credential-fields.js';
import { adapterFor } from '../src/providers/registry.js';

export const PROVIDERS_DOC = fileURLToPath(new URL('../docs/providers.md', import.meta.url));

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const code = (s: string): string => `\`${s}\``;

/** `api_key`, `secret_key`: with an entry, the ones it may go without are marked optional. */
function credentialList(specs: readonly CredentialSpec[], entry?: CatalogEntry): string {
  if (specs.length === 0) return '— (none)';
  return specs.map((c) => code(c.key) + (entry && !askedFor(c, entry) ? ' (optional)' : '')).join(', ');
}

function catalogTable(lines: string[]): void {
  lines.push('| id | name | protocol | default base URL | key env vars | base URL env var | quirks |', '|---|---|---|---|---|---|---|');
  for (const e of CATALOG) {
    const quirks = e.quirks ? Object.keys(e.quirks).join(', ') : '';
    lines.push(
      `| ${code(e.id)} | ${e.names.zh} / ${e.names.en} | ${e.protocol} | ${e.baseUrl ? code(e.baseUrl) : '(you give `base_url`)'} | ${e.envKeys.map(code).join(', ') || '—'} | ${e.envBaseUrl ? code(e.envBaseUrl) : '—'} | ${quirks} |`,
    );
  }
}

function adapterTable(lines: string[]): void {
  lines.push(
    '',
    '## Adapters',
    '',
    'One folder under `src/providers/` per protocol, each exporting one adapter module (protocol id, factory,',
    'credential fields, the row below), listed in `src/providers/adapters.ts`. Catalog entries pick theirs by',
    '`protocol`; a new native provider is a folder, a line in that list and its catalog entry.',
    '',
    '| protocol | API | speaks | credentials (`baimo.yaml` keys) | reference |',
    '|---|---|---|---|---|',
  );
  for (const a of ADAPTERS) {
    const doc = a.doc;
    lines.push(
      `| ${code(a.protocol)} | ${cell(doc.name)} | ${cell(doc.speaks)} | ${credentialList(a.credentials)}${a.fileOnly ? '; baimo.yaml only' : ''} | ${doc.link ? `[docs](${doc.link})` : '—'} |`,
    );
  }
}

function wireTable(lines: string[]): void {
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
    const { doc, credentials } = adapterFor(e.protocol);
    const auth = typeof doc.auth === 'function' ? doc.auth(e) : doc.auth;
    lines.push(
      `| ${code(e.id)} | ${cell(auth)} | ${credentialList(credentials, e)} | ${cell(doc.streaming)} | ${cell(doc.usage)} | ${cell(e.verified ?? doc.verified)} |`,
    );
  }
}

function priceTables(lines: string[]): void {
  lines.push('', '## Models and prices', '');
  for (const e of CATALOG) {
    if (e.models.length === 0) continue;
    lines.push(
      `### ${e.names.zh} / ${e.names.en} (${code(e.id)})`,
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
        `| ${code(m.id)}${m.kind === 'embedding' ? ' (embedding)' : ''} | ${m.context ?? '—'} | ${fmt('input')} | ${fmt('output')} | ${fmt('cached')} | ${cur} |`,
      );
    }
    lines.push('');
  }
}

/** The text of docs/providers.md, formatted the way `prettier --check` wants it. */
export async function renderProvidersDoc(): Promise<string> {
  const lines: string[] = [
    '# Providers',
    '',
    'Generated from `src/providers/adapters.ts` and `src/catalog/` by `npm run gen:providers` — do not edit by hand.',
    '',
    'Use a catalog id as a provider `type` in `baimo.yaml` (`{ type: deepseek, api_key: ${DEEPSEEK_API_KEY} }`),',
    'or just export the env var: in zero-config mode (and unless `discover_env: false`) every provider whose key',
    'variable is set is added under its catalog id. Prices are per million tokens. The console shows the same',
    'catalog (Models → Catalog) from `GET /api/catalog`.',
    '',
  ];
  catalogTable(lines);
  adapterTable(lines);
  wireTable(lines);
  priceTables(lines);
  const options = (await resolveConfig(PROVIDERS_DOC)) ?? {};
  return format(`${lines.join('\n')}\n`, { ...options, parser: 'markdown' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(PROVIDERS_DOC, await renderProvidersDoc());
  console.log(`wrote ${PROVIDERS_DOC}`);
}
