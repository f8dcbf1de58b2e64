import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../../src/server/error-handler.js';
import { DEFAULT_WEB_ROOT, registerStatic, safeRelative } from '../../src/server/static-routes.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

const INDEX = '<!doctype html><html><body><div id="root"></div><script src="/assets/app-3f2a.js"></script></body></html>';
const APP_JS = 'console.log("console");'.repeat(20);
const SECRET = 'top-secret-outside-the-root';

/** A raw request: fetch() would normalise `..` away before the server ever saw it. */
function raw(base: string, path: string, headers: Record<string, string> = {}) {
  const u = new URL(base);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((res, rej) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, method: 'GET', headers }, (r) => {
      let body = '';
      r.setEncoding('latin1');
      r.on('data', (c: string) => (body += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

async function bareApp(root: string): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  app.get('/healthz', async () => ({ status: 'ok' }));
  registerStatic(app, { root });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url };
}

describe('the web console is served from web/dist', () => {
  let base: string;
  let root: string;
  let app: FastifyInstance;
  let urlOf = '';

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'baimo-static-'));
    root = join(base, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'assets', 'app-3f2a.js'), APP_JS);
    writeFileSync(join(root, 'assets', 'app-3f2a.js.gz'), gzipSync(APP_JS));
    writeFileSync(join(root, 'assets', 'style-9c1b.css'), 'body{margin:0}');
    writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'favicon.ico'), 'ico');
    writeFileSync(join(root, '.env'), SECRET);
    writeFileSync(join(base, 'secret.txt'), SECRET);
    ({ app, url: urlOf } = await bareApp(root));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves index.html at / with no-cache, and hashed assets as immutable with the right types', async () => {
    const home = await fetch(`${urlOf}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    expect(await home.text()).toBe(INDEX);
    const js = await fetch(`${urlOf}/assets/app-3f2a.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe(APP_JS);
    const css = await fetch(`${urlOf}/assets/style-9c1b.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${urlOf}/assets/logo.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    const ico = await fetch(`${urlOf}/favicon.ico`);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect(ico.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const r = await fetch(`${urlOf}/assets/app-3f2a.js`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe(String(APP_JS.length));
    expect(r.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await r.text()).toBe('');
  });

  it('uses a precompressed sibling when the client accepts it', async () => {
    const r = await raw(urlOf, '/assets/app-3f2a.js', { 'accept-encoding': 'gzip, deflate' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers.vary).toContain('accept-encoding');
    // fetch() decodes it transparently.
    expect(await (await fetch(`${urlOf}/assets/app-3f2a.js`)).text()).toBe(APP_JS);
  });

  it('answers a revalidation with 304', async () => {
    const first = await fetch(`${urlOf}/`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${urlOf}/`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('falls back to index.html for client-side routes a browser navigates to', async () => {
    for (const path of ['/logs', '/keys/abc', '/playground?model=x']) {
      const r = await fetch(`${urlOf}${path}`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(r.status, path).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(await r.text()).toBe(INDEX);
    }
  });

  it('does not answer HTML for unknown files, missing assets or non-browser clients', async () => {
    const asset = await fetch(`${urlOf}/assets/gone-1234.js`, { headers: { accept: 'text/html' } });
    expect(asset.status).toBe(404);
    const api = await fetch(`${urlOf}/logs`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unknown_route');
  });

  it('never lets the gateway paths fall through to the console', async () => {
    for (const path of ['/v1/nope', '/v1', '/api/nope', '/metrics/x', '/openapi.json', '/readyz']) {
      const r = await fetch(`${urlOf}${path}`, { headers: { accept: 'text/html' } });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('application/json');
    }
    expect((await fetch(`${urlOf}/healthz`, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('refuses directory traversal and dotfiles, however encoded', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/.env',
      '/assets/%2eenv',
      '/%00index.html',
      '/%E0%A4%A',
      `/${'../'.repeat(8)}etc/passwd`,
    ];
    for (const path of attempts) {
      for (const accept of ['*/*', 'text/html']) {
        const r = await raw(urlOf, path, { accept });
        expect(r.body, `${path} (${accept})`).not.toContain(SECRET);
        expect(r.body, `${path} (${accept})`).not.toContain('root:');
        expect([400, 404], `${path} (${accept})`).toContain(r.status);
      }
    }
  });

  it('safeRelative keeps ordinary paths and rejects climbing ones', () => {
    expect(safeRelative('/')).toBe('');
    expect(safeRelative('/assets/a-1.js')).toBe('assets/a-1.js');
    expect(safeRelative('//assets//a.js')).toBe('assets/a.js');
    expect(safeRelative('/a/%2e%2e/b')).toBeUndefined();
    expect(safeRelative('/a\\b')).toBeUndefined();
    expect(safeRelative('/%zz')).toBeUndefined();
  });
});

describe('when the console was never built', () => {
  it('/ answers a short page saying how to build it; files are 404, nothing crashes', async () => {
    const { app, url } = await bareApp(join(tmpdir(), 'baimo-no-such-dist-' + process.pid));
    try {
      for (const path of ['/', '/logs']) {
        const r = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await r.text()).toContain('npm run build:web');
      }
      expect((await fetch(`${url}/assets/app.js`)).status).toBe(404);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('resolves the default root to web/dist of the package', () => {
    const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    expect(resolve(fileURLToPath(DEFAULT_WEB_ROOT))).toBe(join(repo, 'web', 'dist'));
  });
});

describe('inside the real server', () => {
  let fake: FakeUpstream;
  let baimo: TestBaimo;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    baimo = await startBaimo({ providers: { f: { type: 'openai-compatible', base_url: fake.url } } });
  });
  afterAll(async () => {
    await baimo?.close();
    await fake?.close();
  });

  it('GET / is HTML (the console or the build hint) while the API keeps its JSON errors and auth', async () => {
    const home = await fetch(`${baimo.url}/`, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    const unknown = await fetch(`${baimo.url}/v1/unknown`, { headers: { accept: 'text/html' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_route');
    expect((await fetch(`${baimo.url}/v1/models`)).status).toBe(401);
    const models = await fetch(`${baimo.url}/v1/models`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(models.status).toBe(200);
    expect((await fetch(`${baimo.url}/openapi.json`)).headers.get('content-type')).toContain('application/json');
  });
});
