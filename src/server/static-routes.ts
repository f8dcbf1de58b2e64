import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The built console, relative to the package (the same from `dist/server/` and `src/server/`). */
export const DEFAULT_WEB_ROOT = new URL('../../web/dist/', import.meta.url);

/** Paths that belong to the gateway: never answered by the console, even for a browser. */
const RESERVED = /^\/(?:v1|api|metrics|healthz|readyz|openapi\.json)(?:[/?.]|$)/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

const MISSING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>baimo</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>baimo is running</h1>
<p>The web console has not been built. Build it with:</p>
<pre><code>npm run build:web</code></pre>
<p>then reload this page. 控制台尚未构建：请运行 <code>npm run build:web</code> 后刷新本页。</p>
<p>The API is available at <code>/v1</code> (OpenAI-compatible) and <code>/api</code> (see <a href="/openapi.json">/openapi.json</a>).</p>
</body></html>
`;

export interface StaticOptions {
  /** Folder holding the built console (`index.html`, `assets/`). */
  root?: URL | string;
}

/**
 * Serves the built web console: files from `web/dist`, `index.html` for any other browser
 * navigation (client-side routing), a short "how to build it" page when it was never built.
 * Registered as a catch-all GET: Fastify always prefers the gateway's own routes.
 */
export function registerStatic(app: FastifyInstance, opts: StaticOptions = {}): void {
  const rootOpt = opts.root ?? DEFAULT_WEB_ROOT;
  const root = resolve(typeof rootOpt === 'string' ? rootOpt : fileURLToPath(rootOpt));
  app.get('/*', (request, reply) => serve(root, request, reply));
}

async function serve(root: string, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const rawPath = (request.raw.url ?? '/').split('?')[0];
  if (RESERVED.test(rawPath)) return reply.callNotFound();
  const rel = safeRelative(rawPath);
  if (rel === undefined) return reply.callNotFound();
  if (rel !== '' && rel !== 'index.html') {
    const file = resolve(root, rel);
    // Belt and braces: whatever the decoding did, never leave the root.
    if (!file.startsWith(root + sep)) return reply.callNotFound();
    const st = await statFile(file);
    if (st) return sendFile(request, reply, file, st, rel.startsWith('assets/') ? IMMUTABLE : 'no-cache');
    // A missing hashed asset is a 404, never an HTML page served as a script.
    if (rel.startsWith('assets/') || !acceptsHtml(request)) return reply.callNotFound();
  }
  const index = resolve(root, 'index.html');
  const st = await statFile(index);
  if (!st) return reply.code(200).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(MISSING_PAGE);
  return sendFile(request, reply, index, st, 'no-cache');
}

/** The decoded path below the root, or undefined for anything that tries to climb or hide. */
export function safeRelative(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  // `..`, `.` and dotfiles (`.env`, `.git`) are never served.
  if (parts.some((p) => p.startsWith('.'))) return undefined;
  return parts.join('/');
}

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

async function statFile(file: string): Promise<Stats | undefined> {
  try {
    const st = await stat(file);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: string, st: Stats, cacheControl: string): Promise<unknown> {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  reply.header('cache-control', cacheControl).header('x-content-type-options', 'nosniff').type(type);
  if (type.startsWith('text/html')) reply.header('x-frame-options', 'DENY');
  // Precompressed siblings (`app.js.br`, `app.js.gz`) are used when the build left them.
  const encoding = await precompressed(request, file);
  if (encoding) reply.header('vary', 'accept-encoding');
  const chosen = encoding ? encoding.st : st;
  const etag = `W/"${chosen.size.toString(16)}-${Math.floor(chosen.mtimeMs).toString(16)}${encoding ? `-${encoding.name}` : ''}"`;
  reply.header('etag', etag).header('last-modified', st.mtime.toUTCString());
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  if (encoding) reply.header('content-encoding', encoding.name);
  reply.header('content-length', String(chosen.size));
  return reply.send(createReadStream(encoding ? encoding.file : file));
}

async function precompressed(request: FastifyRequest, file: string): Promise<{ name: string; file: string; st: Stats } | undefined> {
  const accept = String(request.headers['accept-encoding'] ?? '');
  for (const [name, ext] of [
    ['br', '.br'],
    ['gzip', '.gz'],
  ] as const) {
    if (!new RegExp(`\\b${name}\\b`).test(accept)) continue;
    const st = await statFile(file + ext);
    if (st) return { name, file: file + ext, st };
  }
  return undefined;
}
