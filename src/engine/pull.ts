/**
 * `baimo models pull`: downloads GGUF weights from Hugging Face (or a mirror via HF_ENDPOINT, or any
 * URL) into the models directory, resuming interrupted downloads and verifying the SHA-256. HF_TOKEN
 * (`token`) is sent to the HF_ENDPOINT origin only, never to another URL or across a redirect.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';

export interface PullOptions {
  modelsDir?: string;
  hfEndpoint?: string;
  sha256?: string;
  token?: string;
  onProgress?: (p: { received: number; total?: number }) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  path: string;
  bytes: number;
  sha256: string;
  resumed: boolean;
}

/** `owner/repo/path/file.gguf[@revision]` → the Hugging Face `resolve` URL; URLs pass through. */
export function resolvePullSpec(spec: string, hfEndpoint: string): { url: string; fileName: string } {
  if (/^https?:\/\//i.test(spec)) {
    const fileName = decodeURIComponent(basename(new URL(spec).pathname));
    if (!fileName) throw new Error(`Cannot tell the file name from ${spec}`);
    return { url: spec, fileName };
  }
  const m = /^([^/@\s]+)\/([^/@\s]+)\/([^@]+?)(?:@([^@/\s]+))?$/.exec(spec.trim());
  if (!m) throw new Error(`Invalid model spec "${spec}": use owner/repo/path/to/file.gguf[@revision] or an http(s) URL`);
  const [, owner, repo, path, revision] = m;
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  const base = hfEndpoint.replace(/\/+$/, '');
  return { url: `${base}/${owner}/${repo}/resolve/${encodeURIComponent(revision ?? 'main')}/${encodedPath}`, fileName: basename(path) };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Hugging Face reports an LFS file's SHA-256 as `x-linked-etag` (on the redirect) or `etag`. */
function hashFromHeaders(headers: Dispatcher.ResponseData['headers']): { linked?: string; etag?: string } {
  const clean = (v: string | string[] | undefined): string | undefined => {
    const s = (Array.isArray(v) ? v[0] : v)?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
    return s && SHA256.test(s) ? s : undefined;
  };
  return { linked: clean(headers['x-linked-etag']), etag: clean(headers.etag) };
}

interface Fetched {
  res: Dispatcher.ResponseData;
  expectedSha?: string;
}

let proxyAgent: Dispatcher | undefined;
function dispatcher(): Dispatcher | undefined {
  const env = process.env;
  if (!(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy)) return undefined;
  proxyAgent ??= new EnvHttpProxyAgent();
  return proxyAgent;
}

/** The origin (scheme, host, port) of the Hugging Face endpoint; the only one HF_TOKEN is sent to. */
function hubOrigin(hfEndpoint: string): string | undefined {
  try {
    const origin = new URL(hfEndpoint).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * GET/HEAD following redirects by hand, so hash headers on the redirect hop are not lost. The token
 * goes only to the hub's origin (`hubOrigin`), and only while every hop so far stayed there: a URL
 * elsewhere never gets it, and neither does the CDN a hub redirect points at, nor a page reached
 * after leaving the hub (even if it redirects back).
 */
async function fetchFollowing(
  url: string,
  method: 'GET' | 'HEAD',
  opts: PullOptions,
  hub: string | undefined,
  range?: number,
): Promise<Fetched> {
  let linked: string | undefined;
  let etag: string | undefined;
  let current = url;
  let onHub = hub !== undefined;
  for (let hop = 0; hop < 10; hop++) {
    const headers: Record<string, string> = { 'user-agent': 'baimo-models-pull' };
    onHub &&= new URL(current).origin === hub;
    if (opts.token && onHub) headers.authorization = `Bearer ${opts.token}`;
    if (range) headers.range = `bytes=${range}-`;
    const res = await request(current, { method, headers, signal: opts.signal, dispatcher: dispatcher() });
    const h = hashFromHeaders(res.headers);
    linked ??= h.linked;
    etag ??= h.etag;
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && location) {
      await res.body.dump();
      current = new URL(Array.isArray(location) ? location[0] : location, current).toString();
      continue;
    }
    return { res, expectedSha: opts.sha256?.toLowerCase() ?? linked ?? etag };
  }
  throw new Error(`Too many redirects downloading ${url}`);
}

function httpError(url: string, status: number): Error {
  if (status === 404) return new Error(`Not found (HTTP 404): ${url}. Check the owner/repo/file name and the revision`);
  if (status === 401 || status === 403) return new Error(`Access denied (HTTP ${status}) for ${url}: the model may be gated; set HF_TOKEN`);
  return new Error(`Download failed (HTTP ${status}) for ${url}`);
}

async function hashFile(path: string, hash: Hash = createHash('sha256')): Promise<Hash> {
  await pipeline(createReadStream(path), new Writable({ write: (chunk, _e, cb) => (hash.update(chunk), cb()) }));
  return hash;
}

const size = async (path: string): Promise<number | undefined> => (await stat(path).catch(() => undefined))?.size;

export async function pullModel(spec: string, opts: PullOptions = {}): Promise<PullResult> {
  const hfEndpoint = opts.hfEndpoint ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co';
  const { url, fileName } = resolvePullSpec(spec, hfEndpoint);
  const hub = hubOrigin(hfEndpoint);
  const dir = opts.modelsDir ?? './models';
  await mkdir(dir, { recursive: true });
  const finalPath = join(dir, fileName);
  const partPath = `${finalPath}.part`;

  const existing = await size(finalPath);
  if (existing !== undefined) {
    // Ask the server (HEAD) for the hash unless given, so an up-to-date file is not downloaded again.
    const head = opts.sha256 ? undefined : await fetchFollowing(url, 'HEAD', opts, hub).catch(() => undefined);
    await head?.res.body.dump();
    const expected = opts.sha256?.toLowerCase() ?? head?.expectedSha;
    const remoteSize = Number(head?.res.headers['content-length'] ?? NaN);
    if (expected || Number.isFinite(remoteSize)) {
      const actual = (await hashFile(finalPath)).digest('hex');
      if (expected ? actual === expected : remoteSize === existing)
        return { path: finalPath, bytes: existing, sha256: actual, resumed: false };
    }
  }

  let offset = (await size(partPath)) ?? 0;
  let { res, expectedSha } = await fetchFollowing(url, 'GET', opts, hub, offset || undefined);
  const range = (): RegExpExecArray | null => /bytes (\d+|\*)-?(\d*)\/(\d+|\*)/.exec(String(res.headers['content-range'] ?? ''));
  // 416 with `bytes */N` where N is what we have: the .part is already complete.
  const partComplete = res.statusCode === 416 && offset > 0 && Number(range()?.[3]) === offset;
  const rangeOk = res.statusCode === 206 && offset > 0 && Number(range()?.[1]) === offset;
  if (!partComplete && offset > 0 && !rangeOk && res.statusCode !== 200) {
    // A range we cannot use (416, or 206 for other bytes): start over from byte 0.
    await res.body.dump();
    await unlink(partPath).catch(() => undefined);
    offset = 0;
    ({ res, expectedSha } = await fetchFollowing(url, 'GET', opts, hub));
  }
  if (!partComplete && res.statusCode !== 200 && res.statusCode !== 206) {
    await res.body.dump();
    throw httpError(url, res.statusCode);
  }
  // A 200 means the server ignored the Range header: the file is rewritten from the start.
  const resumed = partComplete || rangeOk;
  if (!resumed) offset = 0;
  const cr = range();
  const length = Number(res.headers['content-length'] ?? NaN);
  const total = cr && cr[3] !== '*' ? Number(cr[3]) : Number.isFinite(length) ? offset + length : undefined;

  const hash = resumed ? await hashFile(partPath) : createHash('sha256');
  let received = offset;
  opts.onProgress?.({ received, total });
  if (partComplete) {
    await res.body.dump();
  } else {
    await pipeline(
      res.body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          received += chunk.length;
          opts.onProgress?.({ received, total });
          yield chunk;
        }
      },
      createWriteStream(partPath, { flags: resumed ? 'a' : 'w' }),
    );
  }
  if (total !== undefined && received !== total) {
    throw new Error(`Download of ${url} ended early (${received} of ${total} bytes); run the command again to resume`);
  }
  const sha256 = hash.digest('hex');
  if (expectedSha && sha256 !== expectedSha) {
    await unlink(partPath).catch(() => undefined);
    throw new Error(
      `Checksum mismatch for ${fileName}: expected sha256 ${expectedSha}, got ${sha256}. The download was deleted; run the command again`,
    );
  }
  await rename(partPath, finalPath);
  return { path: finalPath, bytes: received, sha256, resumed };
}
