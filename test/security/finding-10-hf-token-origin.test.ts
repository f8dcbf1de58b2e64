import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 10: HF_TOKEN went to any pull URL. It must go only to the HF_ENDPOINT origin, and never
// follow a redirect to another origin. Two local servers on different ports are different origins:
// `hub` plays HF_ENDPOINT, `other` an unrelated host (and the CDN the hub redirects downloads to).

const TOKEN = 'hf_finding10_secret_token_do_not_send';
const FILE = Buffer.from('GGUF fake weights for the token test');

interface Server2 {
  server: Server;
  base: string;
  /** The Authorization header of every request, by path. */
  seen: Array<{ path: string; auth: string | undefined }>;
}

async function serve(route: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server2> {
  const s: Server2 = { server: createServer(), base: '', seen: [] };
  s.server.on('request', (req, res) => {
    s.seen.push({ path: req.url ?? '', auth: req.headers.authorization });
    route(req, res);
  });
  await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
  s.base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

const sendFile = (res: ServerResponse) => res.writeHead(200, { 'content-length': String(FILE.length) }).end(FILE);

let hub: Server2;
let other: Server2;
let baimo: TestBaimo;
const saved = { endpoint: process.env.HF_ENDPOINT, token: process.env.HF_TOKEN };

beforeAll(async () => {
  other = await serve((req, res) => {
    if (req.url === '/to-hub/model.gguf') res.writeHead(302, { location: `${hub.base}/plain/model.gguf` }).end();
    else sendFile(res);
  });
  hub = await serve((req, res) => {
    // A hub download redirects to a CDN on another origin, as huggingface.co does.
    if (req.url?.includes('/resolve/')) res.writeHead(302, { location: `${other.base}/cdn/model.gguf` }).end();
    else sendFile(res);
  });
  // The pull route reads HF_ENDPOINT and HF_TOKEN from the server's environment (this process).
  process.env.HF_ENDPOINT = hub.base;
  process.env.HF_TOKEN = TOKEN;
  baimo = await startBaimo({ models_dir: await mkdtemp(join(tmpdir(), 'baimo-f10-')) });
});
afterAll(async () => {
  await baimo?.close();
  await Promise.all([hub, other].map((s) => new Promise((r) => s?.server.close(r))));
  for (const [k, v] of [
    ['HF_ENDPOINT', saved.endpoint],
    ['HF_TOKEN', saved.token],
  ] as const)
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

async function pull(source: string): Promise<Record<string, unknown>> {
  const r = await api(baimo, 'POST', '/api/local-models/pull', { source });
  expect(r.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const job = await api(baimo, 'GET', `/api/local-models/pulls/${r.body.job_id}`);
    if (job.body.status !== 'running') return job.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('pull still running');
}

describe('finding 10: HF_TOKEN goes to the Hugging Face endpoint origin only', () => {
  it('a pull URL on another origin never receives the token', async () => {
    expect(await pull(`${other.base}/files/direct.gguf`)).toMatchObject({ status: 'done' });
    const hit = other.seen.filter((s) => s.path === '/files/direct.gguf');
    expect(hit.length).toBeGreaterThan(0);
    expect(hit.map((s) => s.auth)).toEqual(hit.map(() => undefined));
  });

  it('a hub download sends the token to the hub, not to the CDN it redirects to', async () => {
    expect(await pull('owner/repo/hubmodel.gguf')).toMatchObject({ status: 'done' });
    const atHub = hub.seen.filter((s) => s.path.includes('/owner/repo/resolve/'));
    expect(atHub.length).toBeGreaterThan(0);
    expect(atHub.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
    const atCdn = other.seen.filter((s) => s.path === '/cdn/model.gguf');
    expect(atCdn.length).toBeGreaterThan(0);
    expect(atCdn.map((s) => s.auth)).toEqual(atCdn.map(() => undefined));
  });

  it('a chain that left the hub does not get the token back when it returns there', async () => {
    expect(await pull(`${other.base}/to-hub/model.gguf`)).toMatchObject({ status: 'done' });
    const back = hub.seen.filter((s) => s.path === '/plain/model.gguf');
    expect(back.length).toBeGreaterThan(0);
    expect(back.map((s) => s.auth)).toEqual(back.map(() => undefined));
    expect(other.seen.filter((s) => s.path === '/to-hub/model.gguf').every((s) => s.auth === undefined)).toBe(true);
  });
});
