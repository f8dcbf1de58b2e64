import { promises as dns } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { FetchRefused } from './fetch-refused.js';
import { inAnyCidr, parseCidr, refusedRange, type Cidr } from './ip-ranges.js';

export { FetchRefused, type FetchRefusedReason } from './fetch-refused.js';

/** Defaults and bounds of {@link fetchDocument}. */
export const FETCH_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 20_000,
  maxRedirects: 5,
  /** Characters of a URL (the one given, and each redirect's target). */
  urlLength: 8192,
  userAgent: 'baimo-knowledge-ingest/1',
} as const;

export interface FetchDocumentOptions {
  /**
   * Refused ranges an admin lets through: `true` for all of them, or a list of CIDRs (`10.0.0.0/8`,
   * `fd00::/8`, a bare address). Unspecified, multicast and broadcast addresses stay refused.
   */
  allowPrivate?: boolean | readonly string[];
  /** Largest body taken, in bytes (20 MB). */
  maxBytes?: number;
  /** The whole fetch, redirects and body included (20 s). */
  timeoutMs?: number;
  /** Redirects followed (5); each target is checked like the first URL. */
  maxRedirects?: number;
  userAgent?: string;
  /** Resolves a host name to its addresses (default: `dns.lookup` with `all: true`). For tests. */
  resolve?: (host: string) => Promise<string[]>;
}

export interface FetchedDocument {
  bytes: Buffer;
  /** The final answer's Content-Type header, when it sent one. */
  contentType: string | undefined;
  /** The URL the body came from, after redirects. */
  finalUrl: string;
}

interface Settings {
  allowAll: boolean;
  allowed: Cidr[];
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  userAgent: string;
  resolve: (host: string) => Promise<string[]>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolve = async (host: string): Promise<string[]> =>
  (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);

function settle(o: FetchDocumentOptions): Settings {
  const count = (v: number | undefined, dflt: number, min: number, name: string) => {
    if (v === undefined) return dflt;
    if (!Number.isInteger(v) || v < min) throw new RangeError(`fetchDocument: ${name} must be an integer >= ${min}`);
    return v;
  };
  const list = Array.isArray(o.allowPrivate) ? o.allowPrivate : [];
  const allowed = list.map((text) => {
    const cidr = parseCidr(text);
    if (!cidr) throw new RangeError(`fetchDocument: allowPrivate holds a malformed CIDR: ${text.slice(0, 64)}`);
    return cidr;
  });
  return {
    allowAll: o.allowPrivate === true,
    allowed,
    maxBytes: count(o.maxBytes, FETCH_LIMITS.maxBytes, 1, 'maxBytes'),
    timeoutMs: count(o.timeoutMs, FETCH_LIMITS.timeoutMs, 1, 'timeoutMs'),
    maxRedirects: count(o.maxRedirects, FETCH_LIMITS.maxRedirects, 0, 'maxRedirects'),
    userAgent: (o.userAgent ?? FETCH_LIMITS.userAgent).slice(0, 256),
    resolve: o.resolve ?? systemResolve,
  };
}

/** Parses and checks a URL's form: http(s) only, no credentials, bounded length. */
function checkUrl(text: string, base?: URL): URL {
  if (text.length > FETCH_LIMITS.urlLength)
    throw new FetchRefused('invalid_url', `URL longer than ${FETCH_LIMITS.urlLength} characters`, base?.host);
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FetchRefused('invalid_url', base ? `Redirect from ${base.host} to a malformed URL` : 'Malformed URL', base?.host);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefused('scheme', `Only http and https URLs are fetched, not ${url.protocol.slice(0, 16)}`, url.host || undefined);
  if (url.username || url.password)
    throw new FetchRefused('invalid_url', `Refused to fetch from ${url.host}: URLs with credentials are not fetched`, url.host);
  return url;
}

/** Resolves the URL's host, refuses it when any address is in a refused range, and returns the address to connect to. */
async function pinAddress(url: URL, s: Settings): Promise<string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await s.resolve(host);
    } catch {
      throw new FetchRefused('dns', `Could not resolve ${url.host}`, url.host);
    }
    if (addresses.length === 0) throw new FetchRefused('dns', `${url.host} resolves to no address`, url.host);
  }
  for (const address of addresses) {
    const range = refusedRange(address);
    if (!range) continue;
    const allowed = !range.never && (s.allowAll || inAnyCidr(address, s.allowed));
    if (!allowed)
      throw new FetchRefused(
        'private_address',
        `Refused to fetch from ${url.host}: ${address} is a ${range.label} address` +
          (range.never ? '' : ' (an admin can allow its range)'),
        url.host,
      );
  }
  return addresses.find((a) => isIP(a) === 4) ?? addresses[0];
}

/** One GET connected to `address` (never re-resolved), with Host and TLS server name from the URL. */
function send(url: URL, address: string, s: Settings, signal: AbortSignal): Promise<IncomingMessage> {
  const family = isIP(address);
  const lookup: LookupFunction = (_host, opts, cb) => (opts.all ? cb(null, [{ address, family }]) : cb(null, address, family));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: url.pathname + url.search,
        method: 'GET',
        headers: { 'user-agent': s.userAgent, accept: '*/*', 'accept-encoding': 'identity' },
        agent: false,
        lookup,
        signal,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

async function readBody(res: IncomingMessage, url: URL, max: number): Promise<Buffer> {
  const tooLarge = () => new FetchRefused('too_large', `Refused to fetch from ${url.host}: the body is over ${max} bytes`, url.host);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      res.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (!res.complete) throw new FetchRefused('network', `The connection to ${url.host} closed before the body ended`, url.host);
  return Buffer.concat(chunks, total);
}

/**
 * Fetches a document for knowledge-base ingestion, guarded against SSRF: only http(s), every address
 * the host resolves to checked against the refused ranges (ip-ranges.ts) unless `allowPrivate` lets
 * it through, the connection pinned to the checked address (a DNS answer that changes between check
 * and connect cannot redirect it), each redirect checked the same way, the body bounded while it
 * streams, one timeout over the whole fetch. Failures are {@link FetchRefused}.
 */
export async function fetchDocument(url: string, options: FetchDocumentOptions = {}): Promise<FetchedDocument> {
  const s = settle(options);
  let current = checkUrl(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), s.timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () =>
      reject(new FetchRefused('timeout', `Fetching from ${current.host} took over ${s.timeoutMs} ms`, current.host)),
    ),
  );
  timedOut.catch(() => undefined);
  const hop = async (): Promise<FetchedDocument> => {
    for (let redirects = 0; ; redirects++) {
      const address = await pinAddress(current, s);
      const res = await send(current, address, s, controller.signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        if (redirects >= s.maxRedirects)
          throw new FetchRefused('too_many_redirects', `${current.host} redirected more than ${s.maxRedirects} times`, current.host);
        current = checkUrl(location, current);
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new FetchRefused('http_status', `${current.host} answered HTTP ${status}`, current.host, status);
      }
      const bytes = await readBody(res, current, s.maxBytes);
      return { bytes, contentType: res.headers['content-type'], finalUrl: current.href };
    }
  };
  try {
    return await Promise.race([hop(), timedOut]);
  } catch (err) {
    if (err instanceof FetchRefused) throw err;
    if (controller.signal.aborted) return await timedOut;
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    throw new FetchRefused('network', `Could not fetch from ${current.host}${code ? ` (${code})` : ''}`, current.host);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
