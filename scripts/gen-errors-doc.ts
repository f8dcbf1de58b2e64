// Writes docs/errors.md from the table in src/core/error-codes.ts, so the doc always matches the code: `npm run gen:errors`.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { ERROR_CODES, PASS_THROUGH_CODES, type ErrorCodeEntry } from '../src/core/error-codes.js';

export const ERRORS_DOC = fileURLToPath(new URL('../docs/errors.md', import.meta.url));

const cell = (s: string): string => s.replace(/\|/g, '\\|');
const sentence = (s: string): string => `${s.charAt(0).toUpperCase()}${s.slice(1)}${s.endsWith('.') ? '' : '.'}`;

/** The text of docs/errors.md, formatted the way `prettier --check` wants it. */
export async function renderErrorsDoc(): Promise<string> {
  const lines: string[] = [
    '# Errors',
    '',
    'Generated from `src/core/error-codes.ts` by `npm run gen:errors` — do not edit by hand.',
    '',
    'Every error baimo answers has OpenAI\'s shape, `{"error":{"message","type","param","code"}}`, with the HTTP',
    'status the OpenAI SDKs map to their error classes; `param` names the offending field when there is one. Every',
    'response carries the request id in the `x-request-id` header (it is also the id of the request-log row): quote it',
    'when you report a problem. `retry-after` (seconds) comes with every 429 and with a 503 that knows when to retry.',
    '',
    '_Retryable_: baimo retries the call on the same target (with backoff) before it moves on to the next target or',
    'fallback model. A non-retryable error with status 400, 413 or 422 ends the request at once; any other moves',
    'straight to the next target. A client may still retry a 429 or 503 later. A code listed twice is raised with a',
    'second status, type or retryable in the case its second row names. [api.md](api.md#errors) has the overview.',
    '',
    '| code | HTTP status | type | retryable | when |',
    '| --- | --- | --- | --- | --- |',
  ];
  const row = (code: string, status: number, type: string, retryable: boolean, when: string) =>
    lines.push(`| \`${code}\` | ${status} | \`${type}\` | ${retryable ? 'yes' : 'no'} | ${cell(when)} |`);
  for (const [code, e] of Object.entries(ERROR_CODES) as [string, ErrorCodeEntry][]) {
    row(code, e.status, e.type, e.retryable, e.description);
    for (const v of e.variants) row(code, v.status, v.type, v.retryable, sentence(v.when));
  }
  lines.push(
    '',
    '## Codes passed on',
    '',
    'Besides its own codes, baimo passes these on, so a client can tell what the provider or the HTTP layer said:',
    '',
    '| code | meaning |',
    '| --- | --- |',
  );
  for (const p of PASS_THROUGH_CODES) lines.push(`| \`${p.code}\` | ${cell(p.description)} |`);
  const options = (await resolveConfig(ERRORS_DOC)) ?? {};
  return format(`${lines.join('\n')}\n`, { ...options, parser: 'markdown' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(ERRORS_DOC, await renderErrorsDoc());
  console.log(`wrote ${ERRORS_DOC}`);
}
