import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSuccessorModel } from '../fixtures/successor-model.js';
import { api, createKey, login, type Caller } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// The local GGUF models API: files in models_dir, background pulls from a local HTTP server (never
// the internet), and load / unload of a llama-cpp provider running a generated tiny model.
let baimo: TestBaimo;
let server: Server;
let base: string;
let modelsDir: string;
let gguf: Buffer;
/** Resolves the paused half of /files/slow.gguf. */
let releaseSlow: () => void = () => undefined;
let viewer: Caller;
let key: Caller;

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'baimo-models-'));
  const local = join(modelsDir, 'successor.gguf');
  await writeSuccessorModel(local);
  gguf = await readFile(local);
  server = createServer((req, res) => {
    if (req.url === '/files/pulled.gguf') {
      res.writeHead(200, { 'content-length': String(gguf.length) }).end(gguf);
      return;
    }
    if (req.url === '/files/slow.gguf') {
      res.writeHead(200, { 'content-length': String(gguf.length) });
      const half = Math.floor(gguf.length / 2);
      res.write(gguf.subarray(0, half));
      releaseSlow = () => res.end(gguf.subarray(half));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baimo = await startBaimo({
    models_dir: modelsDir,
    providers: {
      local: { type: 'llama-cpp', model_path: local, threads: 1, context_size: 512 },
      cloud: { type: 'openai-compatible', base_url: 'http://127.0.0.1:9/v1', api_key: 'k' },
    },
    models: [{ name: 'tiny', targets: [{ provider: 'local', model: 'successor' }] }],
  });
  const u = await api(baimo, 'POST', '/api/users', {
    email: 'viewer@example.cn',
    name: 'viewer',
    password: 'correct horse battery',
    workspaces: [{ id: 'ws_default', role: 'viewer' }],
  });
  expect(u.status).toBe(201);
  viewer = await login(baimo, 'viewer@example.cn', 'correct horse battery');
  key = { token: (await createKey(baimo, { name: 'k' })).key };
});
afterAll(async () => {
  releaseSlow();
  await baimo?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Polls a pull job until it is no longer running. */
async function waitForJob(id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const r = await api(baimo, 'GET', `/api/local-models/pulls/${id}`);
    expect(r.status).toBe(200);
    if (r.body.status !== 'running') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`pull ${id} still running`);
}

describe('local models API', () => {
  it('lists the GGUF files in models_dir with their provider', async () => {
    const r = await api(baimo, 'GET', '/api/local-models');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'list', models_dir: modelsDir });
    expect(r.body.data).toEqual([
      { file: 'successor.gguf', path: join(modelsDir, 'successor.gguf'), size_bytes: gguf.length, provider: 'local', loaded: false },
    ]);
  });

  it('pulls a file in the background; progress is polled until done', async () => {
    const r = await api(baimo, 'POST', '/api/local-models/pull', { source: `${base}/files/pulled.gguf` });
    expect(r.status).toBe(202);
    expect(r.body.job_id).toMatch(/^pull_/);
    const job = await waitForJob(r.body.job_id);
    expect(job).toEqual({
      job_id: r.body.job_id,
      source: `${base}/files/pulled.gguf`,
      file: 'pulled.gguf',
      status: 'done',
      received_bytes: gguf.length,
      total_bytes: gguf.length,
    });
    expect((await stat(join(modelsDir, 'pulled.gguf'))).size).toBe(gguf.length);
    const list = await api(baimo, 'GET', '/api/local-models');
    expect(list.body.data.map((m: { file: string }) => m.file)).toEqual(['pulled.gguf', 'successor.gguf']);
    expect(list.body.data[0]).toMatchObject({ provider: null, loaded: false, size_bytes: gguf.length });
  });

  it('a second pull of the same file while it runs returns the running job', async () => {
    const first = await api(baimo, 'POST', '/api/local-models/pull', { source: `${base}/files/slow.gguf` });
    expect(first.status).toBe(202);
    let progress: Record<string, unknown> = {};
    for (let i = 0; i < 200 && !(Number(progress.received_bytes) > 0); i++) {
      progress = (await api(baimo, 'GET', `/api/local-models/pulls/${first.body.job_id}`)).body;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(progress).toMatchObject({ status: 'running', total_bytes: gguf.length });
    expect(Number(progress.received_bytes)).toBeGreaterThan(0);
    expect(Number(progress.received_bytes)).toBeLessThan(gguf.length);
    const again = await api(baimo, 'POST', '/api/local-models/pull', { source: `${base}/files/slow.gguf` });
    expect(again.body.job_id).toBe(first.body.job_id);
    releaseSlow();
    expect(await waitForJob(first.body.job_id)).toMatchObject({ status: 'done', received_bytes: gguf.length });
  });

  it('a failed pull ends as failed with the reason', async () => {
    const r = await api(baimo, 'POST', '/api/local-models/pull', { source: `${base}/files/missing.gguf` });
    expect(r.status).toBe(202);
    const job = await waitForJob(r.body.job_id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/HTTP 404/);
  });

  it('refuses a bad source with 400', async () => {
    for (const source of ['not a model spec', 'owner/repo', `${base}/files/weights.bin`, `${base}/files/..%2F..%2Fevil.gguf`]) {
      const r = await api(baimo, 'POST', '/api/local-models/pull', { source });
      expect(r.status, source).toBe(400);
      expect(r.body.error.param).toBe('source');
    }
    expect((await api(baimo, 'POST', '/api/local-models/pull', {})).status).toBe(400);
  });

  it('an unknown job is 404', async () => {
    expect((await api(baimo, 'GET', '/api/local-models/pulls/pull_nope')).status).toBe(404);
  });

  it('loads and unloads a llama-cpp provider', async () => {
    const load = await api(baimo, 'POST', '/api/local-models/local/load');
    expect(load.status, JSON.stringify(load.body)).toBe(200);
    expect(load.body).toEqual({ provider: 'local', loaded: true });
    const listed = (await api(baimo, 'GET', '/api/local-models')).body.data.find((m: { provider: string }) => m.provider === 'local');
    expect(listed.loaded).toBe(true);
    const unload = await api(baimo, 'POST', '/api/local-models/local/unload');
    expect(unload.body).toEqual({ provider: 'local', loaded: false });
    const again = (await api(baimo, 'GET', '/api/local-models')).body.data.find((m: { provider: string }) => m.provider === 'local');
    expect(again.loaded).toBe(false);
  });

  it('load / unload: 404 for an unknown provider, 400 for a provider that is not local', async () => {
    expect((await api(baimo, 'POST', '/api/local-models/nope/load')).status).toBe(404);
    expect((await api(baimo, 'POST', '/api/local-models/nope/unload')).status).toBe(404);
    const cloud = await api(baimo, 'POST', '/api/local-models/cloud/load');
    expect(cloud.status).toBe(400);
    expect(cloud.body.error.code).toBe('not_local');
  });

  it('users may read; only instance administrators may pull, load or unload; keys may do nothing', async () => {
    expect((await api(baimo, 'GET', '/api/local-models', undefined, viewer)).status).toBe(200);
    expect((await api(baimo, 'GET', '/api/local-models', undefined, key)).status).toBe(403);
    for (const who of [viewer, key]) {
      expect((await api(baimo, 'POST', '/api/local-models/pull', { source: `${base}/files/pulled.gguf` }, who)).status).toBe(403);
      expect((await api(baimo, 'POST', '/api/local-models/local/load', undefined, who)).status).toBe(403);
      expect((await api(baimo, 'POST', '/api/local-models/local/unload', undefined, who)).status).toBe(403);
    }
  });
});
