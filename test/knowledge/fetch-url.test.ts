import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchDocument, FetchRefused, type FetchRefusedReason } from '../../src/knowledge/fetch-url.js';
import { refusedRange } from '../../src/knowledge/ip-ranges.js';

// The SSRF guard of knowledge-base ingestion (issue 17): a real HTTP server on 127.0.0.1 stands for an
// internal service. By default nothing reaches it; an admin's allowPrivate CIDR lets it through.
// `connections` counts TCP connections the server accepted, to show refusals happen before connecting.

let server: Server;
let port = 0;
let connections = 0;
const hosts: string[] = [];
const LOCAL = ['127.0.0.0/8'];

beforeAll(async () => {
  server = createServer((req, res) => {
    hosts.push(req.headers.host ?? '');
    const path = req.url ?? '/';
    if (path === '/doc') {
      res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
      res.end('# 手册\nhello');
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-doc') {
      res.writeHead(301, { location: '/doc' }).end();
    } else if (path === '/loop') {
      res.writeHead(307, { location: '/loop' }).end();
    } else if (path === '/declared-big') {
      res.writeHead(200, { 'content-length': String(10_000) });
      res.write('x'.repeat(100)); // The rest never comes: the declared length alone must refuse it.
    } else if (path === '/streamed-big') {
      res.writeHead(200, { 'content-type': 'text/plain' }); // chunked, no length
      for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
      res.end();
    } else if (path === '/no-answer') {
      // Never answers.
    } else if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const t = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(t));
    } else {
      res.writeHead(404).end('no');
    }
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  connections = 0;
  hosts.length = 0;
});

async function refusal(p: Promise<unknown>): Promise<FetchRefused> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FetchRefused)) throw new Error(`expected a FetchRefused, got ${String(err)}`);
  return err;
}

async function expectRefused(p: Promise<unknown>, reason: FetchRefusedReason): Promise<FetchRefused> {
  const err = await refusal(p);
  expect(err.reason, err.message).toBe(reason);
  return err;
}

describe('refused by default', () => {
  const forms = ['localhost', '127.0.0.1', '2130706433', '0x7f.1', '0177.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]'];
  it.each(forms)('http://%s/ (the local server) is refused before connecting', async (host) => {
    const err = await expectRefused(fetchDocument(`http://${host}:${port}/doc`), 'private_address');
    expect(err.message).toMatch(/loopback/);
    expect(connections).toBe(0);
  });

  it.each([
    ['10.0.0.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.1.1', /carrier-grade/],
    ['0.0.0.0', /unspecified/],
    ['[fd00::1]', /private/],
    ['[fe80::1]', /link-local/],
    ['[64:ff9b::a9fe:a9fe]', /link-local \(NAT64\)/],
  ])('http://%s/ is refused without any connection attempt', async (host, label) => {
    // A connection attempt to these would hang or fail with a network error, not this refusal.
    const started = Date.now();
    const err = await expectRefused(
      fetchDocument(`http://${host}/latest/meta-data/?token=s3cret`, { timeoutMs: 60_000 }),
      'private_address',
    );
    expect(err.message).toMatch(label);
    expect(err.message).not.toContain('s3cret');
    expect(err.message).not.toContain('meta-data');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a DNS name that resolves to a private address, or to any private address among public ones', async () => {
    const resolve = (answer: string[]) => async () => answer;
    await expectRefused(fetchDocument('http://intranet.example/', { resolve: resolve(['10.1.2.3']) }), 'private_address');
    await expectRefused(fetchDocument('http://mixed.example/', { resolve: resolve(['93.184.216.34', '10.0.0.1']) }), 'private_address');
    const mapped = await expectRefused(fetchDocument('http://m.example/', { resolve: resolve(['::ffff:a9fe:a9fe']) }), 'private_address');
    expect(mapped.message).toMatch(/m\.example: ::ffff:a9fe:a9fe is a link-local \(IPv4-mapped\) address/);
    await expectRefused(fetchDocument('http://none.example/', { resolve: resolve([]) }), 'dns');
    const failing = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expectRefused(fetchDocument('http://gone.example/', { resolve: failing }), 'dns');
  });

  it('keeps unspecified, multicast and broadcast refused even when an admin allows private addresses', async () => {
    for (const host of ['0.0.0.0', '224.0.0.1', '255.255.255.255', '[ff02::1]'])
      await expectRefused(fetchDocument(`http://${host}/`, { allowPrivate: true }), 'private_address');
  });

  it('refuses non-http schemes and URLs with credentials, without echoing secrets', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/a.txt',
      'data:text/plain,hello',
      'javascript:alert(1)',
      'gopher://127.0.0.1:70/',
    ])
      await expectRefused(fetchDocument(url, { allowPrivate: true }), 'scheme');
    const err = await expectRefused(fetchDocument(`http://admin:hunter2@127.0.0.1:${port}/doc`, { allowPrivate: LOCAL }), 'invalid_url');
    expect(err.message).not.toContain('hunter2');
    expect(err.message).not.toContain('admin');
    await expectRefused(fetchDocument('not a url'), 'invalid_url');
    expect(connections).toBe(0);
  });
});

describe('with an admin-allowed range', () => {
  it('fetches the local server: bytes, content type and final URL', async () => {
    const doc = await fetchDocument(`http://127.0.0.1:${port}/doc`, { allowPrivate: LOCAL });
    expect(doc.bytes.toString('utf8')).toBe('# 手册\nhello');
    expect(doc.contentType).toBe('text/markdown; charset=utf-8');
    expect(doc.finalUrl).toBe(`http://127.0.0.1:${port}/doc`);
    expect(connections).toBe(1);
  });

  it('connects to the checked address only, sending the original Host', async () => {
    // `.invalid` never resolves: the request reaches the server only through the pinned address.
    const asked: string[] = [];
    const resolve = async (host: string) => (asked.push(host), ['127.0.0.1']);
    const doc = await fetchDocument(`http://kb-docs.invalid:${port}/to-doc`, { allowPrivate: LOCAL, resolve });
    expect(doc.bytes.toString('utf8')).toContain('hello');
    expect(doc.finalUrl).toBe(`http://kb-docs.invalid:${port}/doc`);
    expect(hosts).toEqual([`kb-docs.invalid:${port}`, `kb-docs.invalid:${port}`]);
    expect(asked).toEqual(['kb-docs.invalid', 'kb-docs.invalid']); // each hop checked
  });

  it('refuses an address outside the allowed ranges', async () => {
    await expectRefused(fetchDocument(`http://127.0.0.1:${port}/doc`, { allowPrivate: ['10.0.0.0/8'] }), 'private_address');
    expect(connections).toBe(0);
  });

  it('refuses a redirect from the allowed server to the metadata address', async () => {
    const err = await expectRefused(fetchDocument(`http://127.0.0.1:${port}/to-metadata`, { allowPrivate: LOCAL }), 'private_address');
    expect(err.host).toBe('169.254.169.254');
    expect(connections).toBe(1);
  });

  it('stops after maxRedirects', async () => {
    await expectRefused(fetchDocument(`http://127.0.0.1:${port}/loop`, { allowPrivate: LOCAL, maxRedirects: 2 }), 'too_many_redirects');
    expect(connections).toBe(3);
  });

  it('refuses a body over maxBytes, declared or streamed', async () => {
    await expectRefused(fetchDocument(`http://127.0.0.1:${port}/declared-big`, { allowPrivate: LOCAL, maxBytes: 5000 }), 'too_large');
    await expectRefused(fetchDocument(`http://127.0.0.1:${port}/streamed-big`, { allowPrivate: LOCAL, maxBytes: 5000 }), 'too_large');
    const whole = await fetchDocument(`http://127.0.0.1:${port}/streamed-big`, { allowPrivate: LOCAL, maxBytes: 20_000 });
    expect(whole.bytes.length).toBe(20_000);
  });

  it('times out a server that never answers, and one whose body never ends', async () => {
    for (const path of ['/no-answer', '/slow-body']) {
      const started = Date.now();
      const err = await expectRefused(fetchDocument(`http://127.0.0.1:${port}${path}`, { allowPrivate: LOCAL, timeoutMs: 300 }), 'timeout');
      expect(err.message).toContain(`127.0.0.1:${port}`);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('reports a non-2xx answer and a refused connection', async () => {
    const err = await expectRefused(fetchDocument(`http://127.0.0.1:${port}/missing`, { allowPrivate: LOCAL }), 'http_status');
    expect(err.status).toBe(404);
    await expectRefused(fetchDocument('http://127.0.0.1:1/', { allowPrivate: LOCAL }), 'network');
  });

  it('rejects malformed allowPrivate ranges', async () => {
    await expect(fetchDocument('http://example.com/', { allowPrivate: ['10.0.0.0/33'] })).rejects.toThrow(RangeError);
    await expect(fetchDocument('http://example.com/', { allowPrivate: ['intranet'] })).rejects.toThrow(RangeError);
  });
});

describe('refusedRange', () => {
  it('classifies addresses in every notation resolvers hand back', () => {
    const label = (a: string) => refusedRange(a)?.label;
    expect(label('172.16.0.1')).toBe('private');
    expect(label('172.32.0.1')).toBeUndefined();
    expect(label('192.168.255.255')).toBe('private');
    expect(label('100.128.0.1')).toBeUndefined();
    expect(label('::')).toBe('unspecified');
    expect(label('fe80::1%eth0')).toBe('link-local');
    expect(label('::ffff:10.0.0.1')).toBe('private (IPv4-mapped)');
    expect(label('64:ff9b:1::a00:1')).toBe('private (NAT64)');
    expect(label('2002:7f00:1::')).toBe('loopback (6to4)');
    expect(label('93.184.216.34')).toBeUndefined();
    expect(label('2606:4700:4700::1111')).toBeUndefined();
    expect(label('::ffff:8.8.8.8')).toBeUndefined();
    expect(refusedRange('not-an-ip')?.never).toBe(true);
  });
});
