import SQLite from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mergePolicies } from '../../src/compliance/policy/merge-policy.js';
import type { PolicyDocument } from '../../src/compliance/contracts.js';
import { api } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 12 (part): the policy merge copied every own key of the documents it merged. JSON.parse
// makes `"__proto__"` (or `"\u005f_proto__"`) an own key, and merging `{"pii": {"__proto__":
// {"polluted": true}}}` wrote `polluted` onto Object.prototype for the whole process. The merge now
// skips `__proto__`, `constructor` and `prototype` at every depth, and stored policy JSON is read
// with a reviver that drops them.

const polluted = () => (Object.prototype as Record<string, unknown>).polluted;

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted; // never leak into other tests
});

describe('finding 12: mergePolicies is safe by itself', () => {
  const evil = [
    '{"__proto__": {"polluted": true}}',
    '{"pii": {"__proto__": {"polluted": true}}}',
    '{"pii": {"\\u005f_proto__": {"polluted": true}}}',
    '{"moderation": {"model": {"name": "m", "__proto__": {"polluted": true}}}}',
    '{"pii": {"custom": [{"name": "x", "pattern": "y", "__proto__": {"polluted": true}}]}}',
    '{"constructor": {"prototype": {"polluted": true}}}',
    '{"labels": {"constructor": {"prototype": {"polluted": true}}}}',
  ];
  for (const json of evil) {
    it(`merging JSON.parse('${json}') leaves Object.prototype alone`, () => {
      const doc = JSON.parse(json) as PolicyDocument;
      const merged = mergePolicies({ pii: { action: 'redact' } }, doc, doc) as Record<string, unknown>;
      expect(polluted()).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // No prototype key survives, and every object of the result is an ordinary one.
      expect(JSON.stringify(merged)).not.toMatch(/__proto__|constructor|prototype/);
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (typeof v === 'object' && v !== null) {
          expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
          expect(Object.prototype.hasOwnProperty.call(v, '__proto__')).toBe(false);
          Object.values(v).forEach(walk);
        }
      };
      walk(merged);
      expect((merged.pii as { action: string }).action).toBe('redact');
    });
  }
});

describe('finding 12: a stored policy row with a prototype key cannot pollute the server', () => {
  let baimo: TestBaimo;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    baimo = await startBaimo({});
    ids.ws = (await api(baimo, 'POST', '/api/workspaces', { name: 'poisoned' })).body.id;
    ids.other = (await api(baimo, 'POST', '/api/workspaces', { name: 'other' })).body.id;
  });
  afterAll(async () => {
    await baimo?.close();
  });

  it('the API refuses the escaped spelling in a PUT body', async () => {
    const res = await fetch(`${baimo.url}/api/security/policies/workspace/${ids.ws}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-baimo-test-admin' },
      body: '{"policy": {"pii": {"\\u005f_proto__": {"polluted": true}}}}',
    });
    expect(res.status).toBe(400);
    expect(polluted()).toBeUndefined();
  });

  it('a row written by other means (an older version, a restore) is read and merged without pollution', async () => {
    // The way such a row gets there does not matter: write it straight into the database.
    const db = new SQLite(join(baimo.dir, 'baimo.db'));
    db.prepare(
      'INSERT INTO security_policies (scope_type, scope_id, workspace_id, policy, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)',
    ).run('workspace', ids.ws, ids.ws, '{"pii": {"action": "redact", "__proto__": {"polluted": true}}}', Date.now(), 'restore');
    db.close();
    // Any policy write reloads the policies of this process.
    expect((await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.other}`, { policy: {} })).status).toBe(200);
    const eff = await api(baimo, 'GET', `/api/security/effective?workspace_id=${ids.ws}`);
    expect(polluted()).toBeUndefined();
    expect(eff.status).toBe(200);
    expect(eff.body.policy).toEqual({ pii: { action: 'redact' } });
    const stored = await api(baimo, 'GET', `/api/security/policies/workspace/${ids.ws}`);
    expect(stored.body.policy).toEqual({ pii: { action: 'redact' } });
    expect(polluted()).toBeUndefined();
  });
});
