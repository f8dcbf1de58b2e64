import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogRow } from '../../src/store/schema.js';
import { api } from '../helpers/admin-api.js';
import { logRow } from '../helpers/log-row.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { TEST_DIALECT } from '../helpers/test-database.js';

let baimo: TestBaimo;
const T0 = Date.parse('2026-11-20T00:00:00+08:00');

function row(i: number): RequestLogRow {
  return logRow({
    id: `req_${String((i * 7919) % 1000).padStart(4, '0')}_${i}`, // ids not in time order
    created_at: T0 + Math.floor(i / 5) * 1000, // groups of 5 rows share a millisecond
    key_id: i % 3 === 0 ? 'key_a' : 'key_b',
    workspace_id: i % 4 === 0 ? 'ws_other' : 'ws_default',
    model_requested: i % 2 ? 'chat' : 'deepseek/deepseek-chat',
    status: i % 10 === 0 ? 500 : 200,
    prompt_tokens: 7,
    completion_tokens: 5,
    latency_ms: 10,
    // A third of the rows come from two scenario apps; the rest from no app (direct API calls).
    app_slug: i % 3 === 1 ? (i % 2 ? 'summarize' : 'translate') : null,
  });
}
const ROWS = Array.from({ length: 203 }, (_, i) => row(i));

beforeAll(async () => {
  baimo = await startBaimo({});
  await baimo.runtime.logs.insertMany(ROWS);
});
afterAll(async () => baimo?.close());

async function walk(query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const r = await api(baimo, 'GET', `/api/logs?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...r.body.data.map((l: { id: string }) => l.id));
    cursor = r.body.next_cursor;
    if (!cursor) return seen;
  }
  throw new Error('cursor never ended');
}

describe('GET /api/logs cursor paging', () => {
  const cases: Array<[string, (r: RequestLogRow) => boolean]> = [
    ['', () => true],
    ['&workspace_id=ws_default', (r) => r.workspace_id === 'ws_default'],
    ['&key_id=key_a', (r) => r.key_id === 'key_a'],
    ['&model=chat', (r) => r.model_requested === 'chat'],
    ['&status=error', (r) => r.status >= 400],
    ['&status=500&workspace_id=ws_default', (r) => r.status === 500 && r.workspace_id === 'ws_default'],
    ['&status=ok', (r) => r.status < 400],
    ['&scenario=summarize', (r) => r.app_slug === 'summarize'],
    ['&scenario=direct_api&model=chat', (r) => r.app_slug === null && r.model_requested === 'chat'],
    ['&scenario=nothing-ran-this', () => false],
    [`&from=${T0 + 10_000}&to=${T0 + 30_000}`, (r) => r.created_at >= T0 + 10_000 && r.created_at < T0 + 30_000],
  ];
  for (const [query, keep] of cases) {
    for (const limit of [1, 7, 50]) {
      it(`walks every matching row once, newest first (${query || 'no filter'}, limit ${limit})`, async () => {
        const ids = await walk(query, limit);
        const want = ROWS.filter(keep);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.sort()).toEqual(want.map((r) => r.id).sort());
      });
    }
  }

  it('orders pages newest first; ties in insertion order reversed (SQLite rowid) or by id descending (PostgreSQL)', async () => {
    const r = await api(baimo, 'GET', '/api/logs?limit=10');
    const times = r.body.data.map((l: { created_at: string }) => Date.parse(l.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The newest millisecond holds rows 200-202 only.
    const newest = ROWS.slice(200);
    const first = TEST_DIALECT === 'postgres' ? newest.map((x) => x.id).sort()[newest.length - 1] : ROWS[202].id;
    expect(r.body.data[0].id).toBe(first);
  });

  it('rejects a mangled cursor and bad filters with a 400 naming the parameter', async () => {
    const bad = await api(baimo, 'GET', '/api/logs?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('cursor');
    expect((await api(baimo, 'GET', '/api/logs?status=teapot')).body.error.param).toBe('status');
    expect((await api(baimo, 'GET', '/api/logs?from=yesterday')).body.error.param).toBe('from');
    expect((await api(baimo, 'GET', '/api/logs?limit=100000')).status).toBe(400);
  });
});
