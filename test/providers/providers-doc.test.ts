import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS_DOC, renderProvidersDoc } from '../../scripts/gen-providers-doc.js';

describe('docs/providers.md', () => {
  it('is generated from the adapter list and the catalog (run `npm run gen:providers` when this fails)', async () => {
    expect(readFileSync(PROVIDERS_DOC, 'utf8')).toBe(await renderProvidersDoc());
  });
});
