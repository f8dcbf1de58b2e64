import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { api } from '../helpers/admin-api.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// JSON bodies are read by baimo's own reader (src/server/json-body-parser.ts): one chunk is decoded
// at the end, longer bodies chunk by chunk as they arrive. A character cut between two chunks, a
// chunked body past the route's limit and a body in many pieces must come out as Fastify's reader
// gave them.

let baimo: TestBaimo;
beforeAll(async () => {
  baimo = await startBaimo({});
});
afterAll(async () => {
  await baimo?.close();
});

/** POSTs `pieces` as a chunked body (no Content-Length), one write per piece with a pause between. */
function sendChunked(path: string, pieces: Buffer[]): Promise<{ status: number; body: any }> {
  const url = new URL(path, baimo.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    void (async () => {
      for (const p of pieces) {
        if (req.destroyed) return;
        req.write(p);
        await new Promise((r) => setTimeout(r, 2));
      }
      req.end();
    })();
  });
}

/** `buf` cut into pieces of `size` bytes (so multi-byte characters are split between pieces). */
const cut = (buf: Buffer, size: number): Buffer[] =>
  Array.from({ length: Math.ceil(buf.length / size) }, (_, i) => buf.subarray(i * size, (i + 1) * size));

describe('the JSON body reader', () => {
  it('joins UTF-8 characters cut between chunks', async () => {
    const name = '百模网关·数据安全😀';
    const terms = Array.from({ length: 300 }, (_, i) => `违禁词${i}号😀`);
    const body = Buffer.from(JSON.stringify({ workspace_id: null, name, text: terms.join('\n') }));
    // Pieces of 7 bytes cut three-byte CJK characters and four-byte emoji all along the body.
    const r = await sendChunked('/api/moderation/libraries', cut(body, 7));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name, term_count: 300, added: 300, errors: [] });
    const stored = await api(baimo, 'GET', `/api/moderation/libraries/${r.body.id}/terms?limit=500`);
    expect(stored.body.data.map((t: { term: string }) => t.term).sort()).toEqual([...terms].sort());
  });

  it('a one-chunk body and a body of two chunks parse alike', async () => {
    const one = await sendChunked('/api/workspaces', [Buffer.from(JSON.stringify({ name: '单块' }))]);
    expect(one.status).toBe(201);
    const bytes = Buffer.from(JSON.stringify({ name: '两块' }));
    const two = await sendChunked('/api/workspaces', [bytes.subarray(0, 11), bytes.subarray(11)]);
    expect(two.status).toBe(201);
    expect((await api(baimo, 'GET', `/api/workspaces/${two.body.id}`)).body.name).toBe('两块');
  });

  it('a chunked body past the route limit is a 413, and the server keeps answering', async () => {
    const big = Buffer.from(JSON.stringify({ name: 'x', description: 'y'.repeat(LIMITS.body.api + 1_000) }));
    const r = await sendChunked('/api/workspaces', cut(big, 64 * 1024));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('request_too_large');
    expect((await fetch(`${baimo.url}/healthz`)).status).toBe(200);
  });

  it('a body that is not JSON, or empty, is a 400 that says so', async () => {
    const bad = await sendChunked('/api/workspaces', [Buffer.from('{"name": "断'), Buffer.from('开')]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const empty = await sendChunked('/api/workspaces', [Buffer.from('  '), Buffer.from('\n')]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_body');
  });
});
