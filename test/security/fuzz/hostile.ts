import fc from 'fast-check';

/**
 * Adversarial building blocks for the fuzzing suite: hostile values, structural mutations of valid
 * bodies, invalid JSON, content types, headers, query strings and path segments.
 *
 * Some attacks cannot be written with `JSON.stringify` (an escaped `\u005f_proto__` key, nesting
 * deeper than the test's own stack): values carry sentinel strings that `serialize` swaps for the
 * raw JSON text.
 */

/** Percent-encoding that also takes lone surrogates (sent as U+FFFD; `encodeURIComponent` throws on them). */
const encode = (s: string): string =>
  encodeURIComponent(
    s.replace(/[\ud800-\udfff]/g, (c, i: number) => {
      const code = s.charCodeAt(i);
      const pairs = code < 0xdc00 ? /[\udc00-\udfff]/.test(s[i + 1] ?? '') : /[\ud800-\udbff]/.test(s[i - 1] ?? '');
      return pairs ? c : '\ufffd';
    }),
  );

/** The key every prototype-pollution payload sets; after each route, `Object.prototype` must not have it. */
export const POLLUTION_MARK = 'baimoFuzzPolluted';

const SENTINEL = {
  deepArray: '@@fuzz:deep-array@@',
  deepObject: '@@fuzz:deep-object@@',
  escapedProtoKey: '@@fuzz:escaped-proto@@',
  escapedConstructorKey: '@@fuzz:escaped-constructor@@',
} as const;

const DEPTH = 20_000;
const RAW: Record<string, string> = {
  [SENTINEL.deepArray]: `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`,
  [SENTINEL.deepObject]: `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
};
const RAW_KEYS: Record<string, string> = {
  [SENTINEL.escapedProtoKey]: '"\\u005f_proto__"',
  [SENTINEL.escapedConstructorKey]: '"\\u0063onstructor"',
};

const pollution = (): Record<string, unknown> => ({ [POLLUTION_MARK]: 'yes' });

/** An object with an own, enumerable key `key` (plain assignment of `__proto__` would set the prototype). */
export function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** `{"__proto__": {...}}` written in the ways a guard can miss. */
export function protoPayloads(): Array<Record<string, unknown>> {
  return [
    withKey({}, '__proto__', pollution()),
    withKey({}, SENTINEL.escapedProtoKey, pollution()),
    withKey({}, 'constructor', { prototype: pollution() }),
    withKey({}, SENTINEL.escapedConstructorKey, { prototype: pollution() }),
    { a: withKey({}, SENTINEL.escapedProtoKey, pollution()) },
  ];
}

/** Bodies just over the default 10 MB limit, and over the /api limit (256 KB) but far under 10 MB. */
export const BIG = {
  string300k: 'x'.repeat(300_000),
  phones: Array.from({ length: 2_000 }, (_, i) => `138${String(10_000_000 + i).slice(-8)}`).join(' '),
  array20k: new Array<number>(20_000).fill(0),
  strings5k: new Array<string>(5_000).fill('abcdefghij'),
  eleven: `{"pad":"${'x'.repeat(11 * 1024 * 1024)}"}`,
};

const DANGEROUS_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0301',
  '👩‍👩‍👧‍👦',
  '张三 身份证 11010519491231002X 手机 13812345678',
  'ｓｋ－ｂｍ－',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  ' 42 ',
  '９',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:9/x.gguf',
  '<script>alert(1)</script>',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '\r\nSet-Cookie: a=b',
  '(a+)+$',
  '(.*a){25}',
  '([a-z]+)*$',
  '(?<=a)b',
  '\\',
  '[',
  '*',
  '**/*',
  'a'.repeat(26) + '!',
  'sk-bm-' + 'A'.repeat(40),
  'ws_default',
  'admin',
  'owner',
  'x'.repeat(257),
  'x'.repeat(4_097),
  'x'.repeat(65_537),
];

const DANGEROUS_NUMBERS = [-1, 0, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 1e21];

/** One hostile JSON value: wrong types, edge numbers, nasty strings, huge and deep structures, proto keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...DANGEROUS_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...DANGEROUS_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }, [[[]]]) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(SENTINEL.deepArray, SENTINEL.deepObject) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(...protoPayloads()) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(BIG.string300k, BIG.phones, BIG.array20k, BIG.strings5k) },
);

const EXTRA_KEYS = ['__proto__', SENTINEL.escapedProtoKey, 'constructor', SENTINEL.escapedConstructorKey, 'prototype', '', 'x'.repeat(300)];

/** Every container node (object or array) in `v`, with the keys under it; a few hundred at most. */
function containers(v: unknown, out: Array<{ node: Record<string, unknown> | unknown[]; keys: string[] }> = []) {
  if (out.length > 200 || v === null || typeof v !== 'object') return out;
  const keys = Object.keys(v);
  out.push({ node: v as Record<string, unknown>, keys });
  for (const k of keys) containers((v as Record<string, unknown>)[k], out);
  return out;
}

const clone = (v: unknown): unknown => {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) withKey(out, k, clone((v as Record<string, unknown>)[k]));
  return out;
};

/**
 * A structural mutation of a (valid) body: one node replaced by a hostile value, a key deleted, a
 * dangerous key added, or a node wrapped in an array. Deterministic in its inputs, so it shrinks.
 */
export function mutate(valid: unknown, op: number, where: number, hostile: unknown, extraKey: number): unknown {
  const copy = clone(valid);
  const all = containers(copy);
  if (!all.length) return hostile;
  const { node, keys } = all[where % all.length];
  const key = keys.length ? keys[where % keys.length] : undefined;
  switch (op % 4) {
    case 0:
      if (key === undefined) return hostile;
      (node as Record<string, unknown>)[key] = hostile;
      return copy;
    case 1:
      if (key !== undefined) {
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete node[key];
      }
      return copy;
    case 2:
      if (Array.isArray(node)) node.push(hostile);
      else withKey(node, EXTRA_KEYS[extraKey % EXTRA_KEYS.length], hostile);
      return copy;
    default:
      if (key === undefined) return [copy];
      (node as Record<string, unknown>)[key] = [(node as Record<string, unknown>)[key]];
      return copy;
  }
}

/** A copy of `value` with a pollution payload under `__proto__` (or its escaped spelling) in every object inside it. */
export function poisonEverywhere(value: unknown, escaped: boolean): unknown {
  const copy = clone(value);
  for (const { node } of containers(copy))
    if (!Array.isArray(node)) withKey(node, escaped ? SENTINEL.escapedProtoKey : '__proto__', pollution());
  return copy;
}

/** JSON text of `v` with the sentinels swapped for their raw forms. */
export function serialize(v: unknown): string {
  let text = JSON.stringify(v) ?? 'null';
  if (!text.includes('@@fuzz:')) return text;
  for (const [s, raw] of Object.entries(RAW)) text = text.split(JSON.stringify(s)).join(raw);
  for (const [s, raw] of Object.entries(RAW_KEYS)) text = text.split(JSON.stringify(s)).join(raw);
  return text;
}

/** Bodies that are not valid JSON, or not what a JSON parser expects. */
export const INVALID_JSON = [
  '',
  ' ',
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  'nul',
  'undefined',
  '{"a":1}garbage',
  '\ufeff{}',
  '{"a":1,"a":2}',
  '1e999999',
  '"just a string"',
  'true',
  '[]',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `{"__proto__":{"${POLLUTION_MARK}":"yes"},"__proto__":{}}`,
  `{"\\u005f\\u005fproto\\u005f\\u005f":{"${POLLUTION_MARK}":"yes"}}`,
  `${' '.repeat(100_000)}{}`,
];

export const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=utf-16le',
  'APPLICATION/JSON',
  'application/jsonp',
  '*/*',
  'application/merge-patch+json',
  'application/json; foo="bar',
];

/** Body of one request. */
export type BodySpec =
  { kind: 'none' } | { kind: 'json'; value: unknown; contentType?: string } | { kind: 'raw'; text: string; contentType?: string };

/** Bodies for a route: valid ones (from its schema), mutated ones, hostile ones, broken ones. */
export function bodyArbitrary(valid: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<BodySpec> {
  const base = valid ?? fc.constant<unknown>({});
  const contentType = fc.option(fc.constantFrom(...CONTENT_TYPES), { freq: 8, nil: undefined });
  const json = (value: fc.Arbitrary<unknown>): fc.Arbitrary<BodySpec> =>
    fc.record({ kind: fc.constant('json' as const), value, contentType });
  return fc.oneof(
    { weight: valid ? 4 : 1, arbitrary: json(base) },
    {
      weight: 5,
      arbitrary: json(
        fc
          .tuple(base, fc.nat(), fc.nat(), hostileValue, fc.nat())
          .map(([v, op, where, hostile, extra]) => mutate(v, op, where, hostile, extra)),
      ),
    },
    { weight: 2, arbitrary: json(hostileValue) },
    { weight: 1, arbitrary: json(fc.anything({ maxDepth: 3 })) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom(...INVALID_JSON), contentType }),
    },
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
  );
}

/** Extra request headers: malformed Origin, cookies, authorization variants, request ids. */
export function headerArbitrary(adminToken: string): fc.Arbitrary<Record<string, string>> {
  const sometimes = <T>(a: fc.Arbitrary<T>) => fc.option(a, { freq: 6, nil: undefined });
  const printable = (a: fc.Arbitrary<string>) => a.map((s) => s.replace(/[^\t\x20-\x7e]/g, '?'));
  return fc
    .record({
      origin: sometimes(
        fc.constantFrom(
          'http://[',
          'http://',
          '://x',
          'null',
          'http://evil.example',
          'http://127.0.0.1:1',
          'x',
          '%',
          'http://a b',
          'file:///etc/passwd',
          'http://[::1',
          'javascript:alert(1)',
        ),
      ),
      cookie: sometimes(
        fc.constantFrom(
          'baimo_session=x',
          'baimo_session=%E0%A4%A',
          'baimo_session=',
          '=;;;=',
          `baimo_session=${'a'.repeat(8_000)}`,
          `baimo_session=${adminToken}`,
          'baimo_session=a; baimo_session=b',
        ),
      ),
      authorization: sometimes(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWRtaW46YWRtaW4=',
          'bearer sk-bm-xxxxxxxx',
          `Bearer sk-bm-${'A'.repeat(40)}`,
          `Bearer ${'x'.repeat(10_000)}`,
          `Bearer ${adminToken.slice(0, -1)}`,
          `Bearer\t${adminToken}`,
          `Bearer  ${adminToken} `,
          'Token abc',
          'Bearer a b c',
        ),
      ),
      'x-api-key': sometimes(fc.constantFrom('', 'sk-bm-', `sk-bm-${'A'.repeat(40)}`, 'x'.repeat(5_000))),
      'x-request-id': sometimes(fc.oneof(printable(fc.string({ maxLength: 40 })), fc.constantFrom('../x', 'x'.repeat(300), ';', ' '))),
      'x-csrf-token': sometimes(printable(fc.string({ maxLength: 60 }))),
      'x-forwarded-for': sometimes(fc.constantFrom('1.2.3.4', '::1, 10.0.0.1', 'garbage', '0.0.0.0,'.repeat(500))),
      accept: sometimes(fc.constantFrom('*/*', 'text/event-stream', 'application/xml', 'x'.repeat(1_000))),
      'accept-encoding': sometimes(fc.constantFrom('gzip, br, zstd, deflate', '*', 'identity;q=0')),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

/** Path segments: random, traversal, encoded, unicode, overlong. Returned as they go on the wire. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }).map(encode),
  fc.string({ minLength: 1, maxLength: 10, unit: 'grapheme' }).map(encode),
  fc.constantFrom(
    '..',
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e',
    '%00',
    '%',
    '%zz',
    '%E0%A4%A',
    '%F0%9F%98%80',
    '%E5%BC%A0%E4%B8%89',
    '~',
    ';',
    ',',
    "'",
    '%22',
    '*',
    'ws_default',
    'admin',
    '__proto__',
    'constructor',
    'x'.repeat(101),
    'x'.repeat(5_000),
  ),
);

/** A query string (without `?`) from a route's parameters: values from their schemas, then abused. */
export function queryArbitrary(params: Array<{ name: string; value: fc.Arbitrary<unknown> }>): fc.Arbitrary<string> {
  const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const pairs = fc.tuple(
    ...params.map((p) =>
      fc.option(
        p.value.map((v) => `${p.name}=${encode(str(v))}`),
        { nil: '' },
      ),
    ),
  );
  const names = params.length ? params.map((p) => p.name) : ['q'];
  const abuse = fc.oneof(
    fc.constant(''),
    fc.constantFrom(...names).map((n) => `${n}=a&${n}=b`),
    fc.constantFrom(...names).map((n) => `${n}[]=1&${n}[]=2`),
    fc.constantFrom(...names).map((n) => `${n}[a][b]=1`),
    fc.constantFrom(...names).map((n) => `${n}=${'x'.repeat(10_000)}`),
    fc.constantFrom(...names).map((n) => `${n}=%E0%A4%A`),
    fc.constantFrom('%', '%zz', '&&&', '=', '==&=', '__proto__[x]=1', `constructor[prototype][${POLLUTION_MARK}]=yes`, '+'),
    hostileValue.map((v) => `${names[0]}=${encode(str(v) ?? '').slice(0, 12_000)}`),
    fc.array(fc.constantFrom(...names), { maxLength: 200 }).map((ns) => ns.map((n, i) => `${n}=${i}`).join('&')),
  );
  return fc
    .tuple(params.length ? pairs : fc.constant([] as string[]), abuse, fc.boolean())
    .map(([ps, extra, useAbuse]) => [...ps.filter(Boolean), ...(useAbuse ? [extra] : [])].filter(Boolean).join('&'));
}
