import fc from 'fast-check';
import { ADMIN_TOKEN } from '../../helpers/start-baimo.js';
import { CALLERS, type CallerName, type FuzzEnv } from './fuzz-env.js';
import {
  BIG,
  bodyArbitrary,
  headerArbitrary,
  hostileSegment,
  poisonEverywhere,
  POLLUTION_MARK,
  protoPayloads,
  queryArbitrary,
  serialize,
  type BodySpec,
} from './hostile.js';
import { arbitraryFor } from './json-schema-arbitrary.js';
import { validIds, type RouteSpec } from './route-specs.js';

/** One request of the fuzzer. */
export interface FuzzCase {
  who: CallerName;
  /** Path with its parameters filled in, as sent on the wire. */
  path: string;
  query: string;
  headers: Record<string, string>;
  body: BodySpec;
}

export interface FuzzResult {
  status: number;
  ms: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

const fill = (spec: RouteSpec, values: string[]): string => {
  let i = 0;
  return spec.path.replace(/\{[^}]+\}/g, () => values[i++] ?? '');
};

/** Valid-looking bodies for the route, adjusted where the schema alone would never hit a real resource. */
function validBody(env: FuzzEnv, spec: RouteSpec): fc.Arbitrary<unknown> | undefined {
  if (!spec.body) return undefined;
  const base = arbitraryFor(spec.body);
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (spec.group === 'v1')
    return fc
      .tuple(base, fc.option(fc.constantFrom('chat', 'leaky', 'fake/m1', 'victim/m1'), { freq: 4, nil: undefined }))
      .map(([b, model]) => (object(b) && model ? { ...b, model } : b));
  if (spec.path === '/api/auth/login')
    return fc
      .tuple(base, fc.option(fc.constantFrom('member@fuzz.example.cn', 'MEMBER@fuzz.example.cn '), { nil: undefined }))
      .map(([b, email]) => (object(b) && email ? { ...b, email } : b));
  const wsField = ['/api/moderation/libraries', '/api/security/pii/scan', '/api/security/moderation/check', '/api/events'];
  if (wsField.includes(spec.path))
    return fc
      .tuple(base, fc.option(fc.constantFrom(env.ids.wsA, env.ids.wsB), { nil: undefined }))
      .map(([b, ws]) => (object(b) && ws ? { ...b, workspace_id: ws } : b));
  return base;
}

/** Requests for one route: every caller, valid and hostile path ids, query strings, headers and bodies. */
export function caseArbitrary(env: FuzzEnv, spec: RouteSpec): fc.Arbitrary<FuzzCase> {
  const segments = spec.pathParams.map((p) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...validIds(env, spec, p)) }, { weight: 2, arbitrary: hostileSegment }),
  );
  const body =
    spec.method === 'GET'
      ? fc.oneof({ weight: 8, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) }, { weight: 1, arbitrary: bodyArbitrary(undefined) })
      : bodyArbitrary(validBody(env, spec));
  return fc.record({
    who: fc.constantFrom(...CALLERS),
    path: (segments.length ? fc.tuple(...segments) : fc.constant([] as string[])).map((v) => fill(spec, v)),
    query: queryArbitrary(spec.query.map((q) => ({ name: q.name, value: arbitraryFor(q.schema) }))),
    headers: headerArbitrary(ADMIN_TOKEN),
    body,
  });
}

/** Requests every route gets, whatever the seed: the attacks of issue 14 that apply to any route. */
export function fixedCases(env: FuzzEnv, spec: RouteSpec): FuzzCase[] {
  const path = fill(
    spec,
    spec.pathParams.map((p) => validIds(env, spec, p)[0]),
  );
  const c = (who: CallerName, body: BodySpec, headers: Record<string, string> = {}): FuzzCase => ({ who, path, query: '', headers, body });
  // One valid body of the route, poisoned in every object it holds.
  const valid = validBody(env, spec);
  const sample = valid ? fc.sample(valid, { seed: 14, numRuns: 1 })[0] : { a: {} };
  const cases = [
    ...protoPayloads().map((value) => c('admin', { kind: 'json', value })),
    c('admin', { kind: 'json', value: poisonEverywhere(sample, false) }),
    c('admin', { kind: 'json', value: poisonEverywhere(sample, true) }),
    c('wsAdmin', { kind: 'json', value: {} }, { origin: 'http://[' }),
    c('instanceAdmin', { kind: 'json', value: {} }, { origin: '%' }),
    c('admin', { kind: 'json', value: { a: '@@fuzz:deep-object@@' } }),
    c('admin', { kind: 'raw', text: '{"a":1' }),
  ];
  // The upstream echoes its credentials for these: the echo must never come back.
  if (spec.path === '/v1/chat/completions')
    cases.push(c('keyB', { kind: 'json', value: { model: 'leaky', messages: [{ role: 'user', content: 'hi' }] } }));
  if (spec.path === '/v1/embeddings') cases.push(c('keyB', { kind: 'json', value: { model: 'leaky', input: 'hi' } }));
  if (spec.path === '/v1/rerank') cases.push(c('keyB', { kind: 'json', value: { model: 'leaky', query: 'hi', documents: ['a'] } }));
  // Scenario apps run from the console (issue 18): a session runs an app, then a built-in, on the leaky model.
  if (spec.path === '/api/apps/{appId}/run')
    cases.push(c('member', { kind: 'json', value: { inputs: { text: 'hi', target_language: 'en' }, model: 'leaky' } }));
  if (spec.path === '/api/workspaces/{workspaceId}/app-library/{slug}/run')
    cases.push(c('viewer', { kind: 'json', value: { inputs: { text: 'hi' }, model: 'leaky', stream: true } }));
  // Files read as text (issue 18): hand-written multipart bodies, valid, broken and hostile.
  if (spec.path === '/api/extract-text')
    for (const [who, text] of multipartCases())
      cases.push(c(who, { kind: 'raw', text, contentType: `multipart/form-data; boundary=${BOUNDARY}` }));
  // Evaluation dataset uploads (issue 19): hand-written multipart bodies, valid, broken and hostile.
  if (spec.path === '/api/eval/datasets' && spec.method === 'POST')
    for (const [who, text] of datasetUploadCases())
      cases.push(c(who, { kind: 'raw', text, contentType: `multipart/form-data; boundary=${BOUNDARY}` }));
  // The arena (issue 19): blind battles and judge jobs on the leaky model; JSONL imports, valid, broken and hostile.
  if (spec.path === '/api/arena/battles' && spec.method === 'POST')
    cases.push(
      c('member', { kind: 'json', value: { prompt: 'hi', models: ['leaky', 'chat'] } }),
      c('admin', { kind: 'json', value: { prompt: 'hi', models: ['leaky', 'victim/m1'] } }),
      c('admin', { kind: 'json', value: { prompt: 'hi' } }),
    );
  if (spec.path === '/api/arena/judge')
    cases.push(c('member', { kind: 'json', value: { prompts: ['hi'], models: ['leaky', 'chat'], judge: 'leaky', pairs: 'all' } }));
  if (spec.path === '/api/arena/import')
    for (const [who, text] of arenaImportCases()) cases.push(c(who, { kind: 'raw', text, contentType: 'application/x-ndjson' }));
  // Evaluation runs (issue 19): a run of the leaky model, and suite.yaml texts that are hostile.
  if (spec.path === '/api/eval/runs' && spec.method === 'POST') {
    cases.push(
      c('member', { kind: 'json', value: { suite: { name: 'fuzz', type: 'qa', dataset: 'fuzz-ds-a', models: ['leaky', 'chat'] } } }),
    );
    for (const yaml of [
      'a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      'name: x\ntype: judge\ndataset: fuzz-ds-a\nmodels: [chat]\njudge: {model: chat, rubric_file: /etc/passwd}\n',
      'name: x\ntype: qa\ndataset: ../../etc\nmodels: [chat]\n',
      '__proto__: {polluted: 1}\nname: x\n',
    ])
      cases.push(c('wsAdmin', { kind: 'json', value: { yaml } }));
  }
  // Usage analytics (issue 20): page views, ratings and end-user segments, valid and hostile.
  if (spec.path === '/api/events') for (const [who, value] of pageViewCases(env)) cases.push(c(who, { kind: 'json', value }));
  if (spec.path === '/api/feedback')
    for (const [who, value] of feedbackCases(env))
      cases.push(c(who, { kind: 'json', value }, { 'x-end-user-id': ' fuzz\tuser ', 'x-session-id': 's'.repeat(4_000) }));
  if (spec.path === '/api/analytics/end-users/{id}')
    cases.push(
      c('member', { kind: 'json', value: { industry: '教育\u0000', region: '\u202e北京', user_group: '' } }),
      c('keyB', { kind: 'json', value: { industry: 'x'.repeat(64), region: null } }),
    );
  if (spec.path === '/api/providers/{name}/test')
    cases.push({ who: 'admin', path: '/api/providers/victim/test', query: '', headers: {}, body: { kind: 'json', value: {} } });
  if (spec.method !== 'GET')
    cases.push(c('nobody', { kind: 'raw', text: BIG.eleven }), c('keyB', { kind: 'json', value: { s: BIG.string300k } }));
  return cases;
}

const BOUNDARY = 'fuzz-boundary';

/** One multipart part: its Content-Disposition parameters, then its content. */
const part = (disposition: string, content: string, type = 'text/plain') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; ${disposition}\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
const END = `--${BOUNDARY}--\r\n`;

/** Multipart bodies for `POST /api/extract-text`, by caller. */
function multipartCases(): Array<[CallerName, string]> {
  const file = part('name="file"; filename="a.txt"', 'hello');
  return [
    ['viewer', file + END],
    ['keyB', file + END],
    ['nobody', file + END],
    ['admin', file],
    ['admin', file + file + END],
    ['admin', part('name="note"', 'x') + file + END],
    ['admin', part('name="__proto__"; filename="a.txt"', 'x') + END],
    ['admin', part('name="constructor"', '{"prototype":{"polluted":1}}') + END],
    ['admin', part(`name="file"; filename="${'../'.repeat(400)}etc/passwd"`, 'x') + END],
    ['admin', part('name="file"; filename=""', 'x') + END],
    ['admin', part('name="file"; filename="x.pdf"', '%PDF-1.7\n1 0 obj << /Length 999999999 >> stream', 'application/pdf') + END],
    ['admin', part('name="file"; filename="x.docx"', 'PK\u0003\u0004garbage', 'application/octet-stream') + END],
    ['member', `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n${END}`],
    ['member', END],
  ];
}

/** Multipart bodies for `POST /api/eval/datasets`, by caller. */
function datasetUploadCases(): Array<[CallerName, string]> {
  const name = (v: string) => part('name="name"', v);
  const qa = part('name="files"; filename="qa.jsonl"', '{"input":"1+1=?","reference":"2"}\n');
  const csv = part('name="files"; filename="law_val.csv"', 'id,question,A,B,C,D,answer\n0,q,a,b,c,d,A\n');
  return [
    ['member', name('fuzz-upload') + qa + END],
    ['viewer', name('fuzz-upload') + qa + END],
    ['keyA', name('fuzz-upload') + qa + END],
    ['ownerB', name('fuzz-upload') + qa + END],
    ['nobody', name('fuzz-upload') + qa + END],
    ['admin', name('fuzz-csv') + csv + csv + END],
    ['admin', name('fuzz-upload') + qa],
    ['admin', qa + END],
    ['admin', name('../../etc') + qa + END],
    ['admin', name('fuzz-upload') + part('name="type"', 'mcq') + qa + END],
    ['admin', name('fuzz-upload') + part('name="__proto__"', '{"polluted":1}') + qa + END],
    ['admin', name('fuzz-upload') + part('name="files"; filename="__proto__.jsonl"', '{"__proto__":{"polluted":1},"input":"x"}\n') + END],
    ['admin', name('fuzz-upload') + part(`name="files"; filename="${'../'.repeat(400)}etc/passwd"`, 'x') + END],
    ['admin', name('fuzz-upload') + part('name="files"; filename="bad.csv"', '"never closed\n') + END],
    [
      'admin',
      name('fuzz-upload') + part('name="files"; filename="bin.csv"', '\u0000\u0001\u0002PK\u0003\u0004', 'application/octet-stream') + END,
    ],
    ['member', `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n${END}`],
  ];
}

/** JSONL bodies for `POST /api/arena/import`, by caller. */
function arenaImportCases(): Array<[CallerName, string]> {
  const line = '{"model_a":"fuzz-a","model_b":"fuzz-b","winner":"model_a"}\n';
  return [
    ['member', line.repeat(3)],
    ['viewer', line],
    ['keyA', line],
    ['ownerB', line],
    ['nobody', line],
    ['admin', `${line}not json\n{"model_a":"x","model_b":"x","winner":"tie"}\n`],
    ['admin', '{"__proto__":{"polluted":1},"model_a":"p","model_b":"q","winner":"tie"}\n'],
    ['admin', '{"constructor":{"prototype":{"polluted":1}},"model_a":"p","model_b":"q","winner":"tie"}\n'],
    ['admin', `{"model_a":"${'m'.repeat(100_000)}","model_b":"q","winner":"tie"}\n`],
    ['admin', '\n'.repeat(10_000)],
    ['admin', '\ufeff' + line],
    ['admin', '{"model_a":"a","model_b":"b","winner":"model_a"'],
  ];
}

/** Sends one case through the env's raw HTTP pool and times it. */
export async function send(env: FuzzEnv, spec: RouteSpec, c: FuzzCase): Promise<FuzzResult> {
  const headers: Record<string, string> = { ...env.headersOf[c.who], ...c.headers };
  let body: string | undefined;
  if (c.body.kind !== 'none') {
    body = c.body.kind === 'json' ? serialize(c.body.value) : c.body.text;
    headers['content-type'] = c.body.contentType ?? 'application/json';
  }
  const started = performance.now();
  const res = await env.pool.request({ method: spec.method as 'GET', path: c.query ? `${c.path}?${c.query}` : c.path, headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, ms: performance.now() - started, text, headers: res.headers };
}

/** A short, replayable description of a case (huge values cut). */
export function describeCase(spec: RouteSpec, c: FuzzCase): string {
  const body = c.body.kind === 'none' ? '' : c.body.kind === 'json' ? serialize(c.body.value) : c.body.text;
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…[${s.length} chars]` : s);
  return `${spec.method} ${cut(c.path)}${c.query ? `?${cut(c.query)}` : ''} as ${c.who} headers=${cut(JSON.stringify(c.headers))} body=${cut(body)}`;
}

/**
 * The invariants of every answer: no 5xx, no slow answer, no secret in the body or headers, and (for
 * /api and /v1) errors in the OpenAI shape without stack traces.
 */
export function check(env: FuzzEnv, spec: RouteSpec, c: FuzzCase, r: FuzzResult, slowMs: number): void {
  const where = () => `${describeCase(spec, c)} → ${r.status} ${r.text.slice(0, 400)}`;
  if (r.status >= 500) throw new Error(`server error: ${where()}`);
  // The server runs in this process: a polluted Object.prototype would show here.
  if (POLLUTION_MARK in {}) throw new Error(`Object.prototype polluted: ${where()}`);
  if (r.ms > slowMs) throw new Error(`slow answer (${Math.round(r.ms)} ms > ${slowMs} ms): ${where()}`);
  const headerText = JSON.stringify(r.headers);
  for (const s of env.secrets) {
    const text = r.text.includes(s) ? r.text : headerText.includes(s) ? headerText : undefined;
    if (text === undefined) continue;
    const at = text.indexOf(s);
    const excerpt = text.slice(Math.max(0, at - 120), at + s.length + 40);
    throw new Error(`secret ${s.slice(0, 12)}… in the response (…${excerpt}…): ${describeCase(spec, c)} → ${r.status}`);
  }
  if (spec.group === 'other') return;
  if (/\n\s+at .+:\d+:\d+\)?/.test(r.text)) throw new Error(`stack trace in the response: ${where()}`);
  if (r.status >= 400 && r.status !== 431) {
    let parsed: { error?: { message?: unknown } } | undefined;
    try {
      parsed = JSON.parse(r.text) as typeof parsed;
    } catch {
      // checked below
    }
    if (typeof parsed?.error?.message !== 'string') throw new Error(`error not in the OpenAI shape: ${where()}`);
  }
}

/** `POST /api/events` bodies: a valid batch, a full one, hostile pages, apps, times and end users. */
function pageViewCases(env: FuzzEnv): Array<[CallerName, unknown]> {
  let n = 0;
  const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const view = (over: Record<string, unknown> = {}) => ({ type: 'page_view', id: id(), page: '/overview', ...over });
  const now = Date.now();
  return [
    ['member', { workspace_id: env.ids.wsA, events: [view({ session_id: 'tab\u0000\u001b[2J', app: env.ids.sappA })] }],
    ['viewer', { workspace_id: env.ids.wsA, events: Array.from({ length: 50 }, () => view({ app: 'summarize' })) }],
    ['keyB', { events: [view({ end_user: '\u202e用户', page: '<script>alert(1)</script>', ts: new Date(now).toISOString() })] }],
    ['keyB', { workspace_id: env.ids.wsA, events: [view()] }],
    ['wsAdmin', { workspace_id: env.ids.wsB, events: [view({ app: env.ids.sappA }), view({ ts: now + 86_400_000 })] }],
    ['admin', { events: [view({ ts: 8.64e15 }), view({ ts: '0000-01-01T00:00:00Z' })] }],
    ['member', { events: [view({ end_user: 'someone-else' })] }],
  ];
}

/** `POST /api/feedback` bodies: ratings of logged requests and of none, hostile comments. */
function feedbackCases(env: FuzzEnv): Array<[CallerName, unknown]> {
  const logged = env.logIds[0] ?? 'req_none';
  return [
    ['keyB', { request_id: logged, rating: 'like', comment: '\u0000\r\n'.repeat(500) }],
    ['member', { request_id: logged, rating: 'dislike', comment: '好'.repeat(2_000) }],
    ['admin', { request_id: logged, rating: null, end_user: '\u202e' }],
    ['viewer', { request_id: '../../etc/passwd', rating: 'like' }],
  ];
}
