import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES, apiDocument, renderApiTypes } from '../../scripts/gen-api-types.js';

describe('web/src/api/schema.d.ts', () => {
  it('is generated from the OpenAPI document of the server (run `npm run gen:api` when this fails)', async () => {
    expect(readFileSync(API_TYPES, 'utf8')).toBe(await renderApiTypes());
  }, 60_000);

  it('types every /api route the server registers and the /v1 routes', async () => {
    const doc = await apiDocument();
    const text = readFileSync(API_TYPES, 'utf8');
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(operations.filter((id) => /^(get|post|put|patch|delete)Api/.test(id)).length).toBeGreaterThan(30);
    for (const id of ['postV1ChatCompletions', 'postV1Embeddings', 'getV1Models', 'getV1ModelsModel', 'getApiAuthStatus']) {
      expect(operations).toContain(id);
    }
    // Each operation has its named success body, and each that takes a JSON body its request body.
    const block = (name: string) => text.slice(text.indexOf(`export interface ${name} {`)).split('\n}\n')[0]!;
    for (const id of operations) expect(block('ApiResponses'), id).toContain(`\n  ${id}: `);
    for (const [, ops] of Object.entries(doc.paths))
      for (const op of Object.values(ops))
        if (op.requestBody) expect(block('ApiRequestBodies'), op.operationId).toContain(`\n  ${op.operationId}: `);
  }, 60_000);
});
