import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/engine/progress-bar.js';
import { pullModel, resolvePullSpec } from '../../src/engine/pull.js';

const FILE = randomBytes(300_000);
const SHA = createHash('sha256').update(FILE).digest('hex');

interface Seen {
  method: string;
  url: string;
  range?: string;
  auth?: string;
  sent: number;
}
let seen: Seen[] = [];
let ignoreRange = false;
let advertisedSha = SHA;
let server: Server;
let base: string;
let dir: string;

/** Sends FILE honouring `Range: bytes=N-` (206 + Content-Range), like a CDN. */
function sendFile(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, entry: Seen): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = m && !ignoreRange ? Number(m[1]) : 0;
  if (start >= FILE.length && m && !ignoreRange) {
    res.writeHead(416, { 'content-range': `bytes */${FILE.length}` }).end();
    return;
  }
  const body = FILE.subarray(start);
  res.writeHead(start > 0 ? 206 : 200, {
    ...headers,
    'content-length': String(body.length),
    'accept-ranges': 'bytes',
    ...(start > 0 ? { 'content-range': `bytes ${start}-${FILE.length - 1}/${FILE.length}` } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  entry.sent = body.length;
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry: Seen = { method: req.method!, url: req.url!, range: req.headers.range, auth: req.headers.authorization, sent: 0 };
    seen.push(entry);
    const url = req.url!.replace(/^\/mirror/, ''); // a mirror mounted under a path prefix
    if (/^\/owner\/repo\/resolve\/(main|v2)\/(sub\/)?model\.gguf$/.test(url)) {
      // Hugging Face answers LFS files with a redirect to its CDN, carrying the sha256 as x-linked-etag.
      res
        .writeHead(302, {
          location: `/cdn/model.gguf`,
          'x-linked-etag': `"${advertisedSha}"`,
          'x-linked-size': String(FILE.length),
          etag: '"short-git-etag"',
        })
        .end();
      return;
    }
    if (url === '/cdn/model.gguf') return sendFile(req, res, { etag: '"cdn-etag-not-a-sha"' }, entry);
    if (url === '/files/plain.gguf') return sendFile(req, res, { etag: `"${SHA}"` }, entry);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  seen = [];
  ignoreRange = false;
  advertisedSha = SHA;
  dir = await mkdtemp(join(tmpdir(), 'baimo-pull-'));
});
afterEach(async () => {
  delete process.env.HF_ENDPOINT;
  await rm(dir, { recursive: true, force: true });
});

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );
const gets = (): Seen[] => seen.filter((s) => s.method === 'GET' && s.url.endsWith('/cdn/model.gguf'));

describe('resolvePullSpec', () => {
  it('maps owner/repo/path[@rev] to the resolve URL and passes URLs through', () => {
    expect(resolvePullSpec('Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf', 'https://hf-mirror.com/')).toEqual({
      url: 'https://hf-mirror.com/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
      fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
    });
    expect(resolvePullSpec('o/r/dir/m.gguf@abc123', 'https://huggingface.co').url).toBe(
      'https://huggingface.co/o/r/resolve/abc123/dir/m.gguf',
    );
    expect(resolvePullSpec('https://example.com/x/y%20z.gguf?download=1', 'unused')).toEqual({
      url: 'https://example.com/x/y%20z.gguf?download=1',
      fileName: 'y z.gguf',
    });
    expect(() => resolvePullSpec('just-a-name.gguf', 'https://huggingface.co')).toThrow(/owner\/repo/);
  });
});

describe('pullModel', () => {
  it('downloads the whole file, follows the redirect and verifies x-linked-etag', async () => {
    const progress: Array<{ received: number; total?: number }> = [];
    const r = await pullModel('owner/repo/model.gguf', {
      modelsDir: dir,
      hfEndpoint: base,
      token: 'hf_secret',
      onProgress: (p) => progress.push(p),
    });
    expect(r).toEqual({ path: join(dir, 'model.gguf'), bytes: FILE.length, sha256: SHA, resumed: false });
    expect((await readFile(r.path)).equals(FILE)).toBe(true);
    expect(await exists(`${r.path}.part`)).toBe(false);
    expect(progress.at(-1)).toEqual({ received: FILE.length, total: FILE.length });
    // The token goes to the hub, not to the CDN the redirect points at (here: same origin, so sent).
    expect(seen[0]).toMatchObject({ url: '/owner/repo/resolve/main/model.gguf', auth: 'Bearer hf_secret' });
  });

  it('resumes from a partial .part file with a Range request', async () => {
    const have = 123_457;
    await writeFile(join(dir, 'model.gguf.part'), FILE.subarray(0, have));
    const r = await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base });
    expect(r).toMatchObject({ resumed: true, bytes: FILE.length, sha256: SHA });
    expect(gets()).toHaveLength(1);
    expect(gets()[0]).toMatchObject({ range: `bytes=${have}-`, sent: FILE.length - have });
    expect((await readFile(r.path)).equals(FILE)).toBe(true);
  });

  it('restarts when the server ignores the Range header (200 instead of 206)', async () => {
    ignoreRange = true;
    await writeFile(join(dir, 'model.gguf.part'), Buffer.alloc(5000, 7)); // garbage that must not survive
    const r = await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base });
    expect(r).toMatchObject({ resumed: false, bytes: FILE.length, sha256: SHA });
    expect((await readFile(r.path)).equals(FILE)).toBe(true);
  });

  it('finishes a .part that is already complete without downloading it again', async () => {
    await writeFile(join(dir, 'model.gguf.part'), FILE);
    const r = await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base });
    expect(r).toMatchObject({ resumed: true, sha256: SHA, bytes: FILE.length });
    expect(gets().reduce((n, s) => n + s.sent, 0)).toBe(0);
  });

  it('rejects a wrong checksum and leaves no file behind', async () => {
    await expect(pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base, sha256: 'ab'.repeat(32) })).rejects.toThrow(
      /Checksum mismatch.*abab/,
    );
    expect(await exists(join(dir, 'model.gguf'))).toBe(false);
    expect(await exists(join(dir, 'model.gguf.part'))).toBe(false);
    advertisedSha = 'cd'.repeat(32); // the server's own hash disagrees with the bytes
    await expect(pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base })).rejects.toThrow(/Checksum mismatch/);
    expect(await exists(join(dir, 'model.gguf'))).toBe(false);
  });

  it('skips the download when the file is already complete', async () => {
    await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base });
    seen = [];
    const again = await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base });
    expect(again).toMatchObject({ sha256: SHA, resumed: false });
    expect(seen.filter((s) => s.method === 'GET')).toHaveLength(0);
    seen = [];
    await pullModel('owner/repo/model.gguf', { modelsDir: dir, hfEndpoint: base, sha256: SHA.toUpperCase() });
    expect(seen).toHaveLength(0);
  });

  it('honours HF_ENDPOINT (a mirror under a path prefix) and @revision', async () => {
    process.env.HF_ENDPOINT = `${base}/mirror/`;
    const r = await pullModel('owner/repo/sub/model.gguf@v2', { modelsDir: dir });
    expect(r.sha256).toBe(SHA);
    expect(seen[0].url).toBe('/mirror/owner/repo/resolve/v2/sub/model.gguf');
  });

  it('downloads a plain URL and checks its sha256 etag', async () => {
    const r = await pullModel(`${base}/files/plain.gguf`, { modelsDir: dir });
    expect(r).toMatchObject({ path: join(dir, 'plain.gguf'), sha256: SHA, bytes: FILE.length });
  });

  it('explains a 404', async () => {
    await expect(pullModel('owner/repo/missing.gguf', { modelsDir: dir, hfEndpoint: base })).rejects.toThrow(
      `Not found (HTTP 404): ${base}/owner/repo/resolve/main/missing.gguf`,
    );
    expect(await exists(join(dir, 'missing.gguf'))).toBe(false);
  });
});

describe('ProgressBar', () => {
  it('prints plain lines with percent, speed and ETA when not a TTY', () => {
    const lines: string[] = [];
    let t = 0;
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar('model.gguf', { stream, now: () => t, intervalMs: 1000 });
    bar.update(0, 10 * 1024 * 1024);
    t = 2000;
    bar.update(4 * 1024 * 1024, 10 * 1024 * 1024);
    t = 2100;
    bar.update(5 * 1024 * 1024, 10 * 1024 * 1024); // throttled
    bar.done();
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/model\.gguf \[#+-+\]\s+40\.0% 4\.0\/10\.0 MB 2\.0 MB\/s ETA 00:03\n$/);
    expect(lines[2]).toContain('50.0%');
  });
});
