import { isIP } from 'node:net';

/**
 * IP address ranges a server-side fetch must not reach unless an admin allows them (SSRF guard for
 * knowledge-base ingestion). Addresses are compared as bytes, so every textual form Node hands over
 * (dotted IPv4, compressed or dotted-tail IPv6, a `%zone` suffix) compares the same. IPv6 forms that
 * carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) are judged by that IPv4 address too.
 */

export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

/** 4 bytes for IPv4, 16 for IPv6; undefined when the text is not an IP address. */
export function parseIp(text: string): Uint8Array | undefined {
  const ip = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const kind = isIP(ip);
  if (kind === 4) return Uint8Array.from(ip.split('.').map(Number));
  if (kind !== 6) return undefined;
  let tail: number[] = [];
  let body = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (dotted) {
    tail = dotted[1].split('.').map(Number);
    body = ip.slice(0, -dotted[1].length) + '0:0';
  }
  const [head, rest] = body.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const all = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    const v = parseInt(g, 16);
    bytes[i * 2] = v >> 8;
    bytes[i * 2 + 1] = v & 0xff;
  });
  if (dotted) bytes.set(tail, 12);
  return bytes;
}

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a /32 or /128); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const bytes = parseIp(addr);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  if (bits === undefined) return { bytes, prefix: max };
  if (!/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  return prefix <= max ? { bytes, prefix } : undefined;
}

export function inCidr(addr: Uint8Array, cidr: Cidr): boolean {
  if (addr.length !== cidr.bytes.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((addr[i] & mask) !== (cidr.bytes[i] & mask)) return false;
  }
  return true;
}

const table = (rows: [string, string][]) => rows.map(([cidr, label]) => ({ cidr: parseCidr(cidr) as Cidr, label }));

/** Ranges no ingestion fetch may reach, even when an admin allows private addresses. */
const NEVER = new Set(['unspecified', 'multicast', 'broadcast']);

const V4 = table([
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
]);

const V6 = table([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
  ['2001::/32', 'Teredo'],
  ['100::/64', 'discard-only'],
]);

/** IPv6 prefixes that carry an IPv4 address, and where it sits. */
const EMBEDDING: { cidr: Cidr; at: number; label: string }[] = [
  { cidr: parseCidr('::ffff:0:0/96') as Cidr, at: 12, label: 'IPv4-mapped' },
  { cidr: parseCidr('64:ff9b::/96') as Cidr, at: 12, label: 'NAT64' },
  { cidr: parseCidr('64:ff9b:1::/48') as Cidr, at: 12, label: 'NAT64' },
  { cidr: parseCidr('2002::/16') as Cidr, at: 2, label: '6to4' },
  // IPv4-compatible (deprecated): ::a.b.c.d; :: and ::1 are matched first by the IPv6 table.
  { cidr: parseCidr('::/96') as Cidr, at: 12, label: 'IPv4-compatible' },
];

/** The IPv4 address an IPv6 address carries, with the form's name. */
function embeddedV4(addr: Uint8Array): { v4: Uint8Array; form: string } | undefined {
  if (addr.length !== 16) return undefined;
  const hit = EMBEDDING.find((e) => inCidr(addr, e.cidr));
  return hit && { v4: addr.slice(hit.at, hit.at + 4), form: hit.label };
}

export interface RefusedRange {
  /** What the range is: 'loopback', 'private', 'link-local (IPv4-mapped)'… */
  label: string;
  /** Refused even when an admin allows private addresses (unspecified, multicast, broadcast). */
  never: boolean;
}

/**
 * The refused range an address falls in, or undefined for an ordinary public address. A string that is
 * not an IP address is refused too (the caller resolved it, so it should be one).
 */
export function refusedRange(address: string): RefusedRange | undefined {
  const addr = parseIp(address);
  if (!addr) return { label: 'not an IP address', never: true };
  const own = (addr.length === 4 ? V4 : V6).find((r) => inCidr(addr, r.cidr));
  if (own) return { label: own.label, never: NEVER.has(own.label) };
  const inner = embeddedV4(addr);
  if (!inner) return undefined;
  const v4 = V4.find((r) => inCidr(inner.v4, r.cidr));
  return v4 && { label: `${v4.label} (${inner.form})`, never: NEVER.has(v4.label) };
}

/** Whether an address, or the IPv4 address it carries, lies in one of the CIDRs. */
export function inAnyCidr(address: string, cidrs: readonly Cidr[]): boolean {
  const addr = parseIp(address);
  if (!addr) return false;
  const inner = embeddedV4(addr)?.v4;
  return cidrs.some((c) => inCidr(addr, c) || (inner !== undefined && inCidr(inner, c)));
}
