import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabelSigner } from '../../src/compliance/labels/aigc-label.js';
import { EXPLICIT_LABEL_SEPARATOR, ExplicitLabelStream, labelResult } from '../../src/compliance/labels/explicit-label.js';
import { ZonedTime } from '../../src/compliance/labels/zoned-time.js';
import type { ChatResult, StreamPart } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';
import { deriveKey, KEY_PURPOSES } from '../../src/security/derive-key.js';
import { runCli } from '../helpers/run-cli.js';

const MASTER = randomBytes(32);
const KEY = deriveKey(MASTER, KEY_PURPOSES.aigcLabel);
const signer = new LabelSigner(KEY, { providerCode: 'ACME-AI-001', providerName: '示例科技 有限公司;=', timezone: 'Asia/Shanghai' });
// 2025-09-01 12:00:00 in Shanghai.
const AT = Date.UTC(2025, 8, 1, 4, 0, 0, 123);
const issued = signer.issue({
  contentId: 'chatcmpl-abc123',
  model: 'deepseek/deepseek-chat v3;x=1',
  createdAtMs: AT,
  requestId: 'req_xyz',
});

/** Replaces one `k=value` item of a header. */
const alter = (header: string, k: string, v: string) => header.replace(new RegExp(`(^|; )${k}=[^;]*`), `$1${k}=${v}`);

describe('implicit AIGC labels', () => {
  it('issues an ASCII header and an object with every field', () => {
    expect(issued.label).toEqual({
      v: 1,
      aigc: true,
      content_id: 'chatcmpl-abc123',
      provider_code: 'ACME-AI-001',
      provider_name: '示例科技 有限公司;=',
      model: 'deepseek/deepseek-chat v3;x=1',
      created_at: '2025-09-01T12:00:00+08:00',
      request_id: 'req_xyz',
      sig: issued.label.sig,
    });
    expect(issued.header).toMatch(/^[\x20-\x7e]+$/);
    expect(issued.header).toMatch(
      /^v=1; aigc=1; cid=chatcmpl-abc123; pc=ACME-AI-001; pn=[^; ]+; m=deepseek\/deepseek-chat%20v3%3Bx%3D1; t=2025-09-01T12:00:00\+08:00; rid=req_xyz; sig=[A-Za-z0-9_-]{43}$/,
    );
    expect(issued.header.endsWith(`sig=${issued.label.sig}`)).toBe(true);
  });

  it('verifies the header, the object, JSON of either, a whole body, a chunk and an SSE stream', () => {
    const body = { id: 'chatcmpl-abc123', object: 'chat.completion', choices: [], aigc_label: issued.label };
    const chunk = { id: 'chatcmpl-abc123', object: 'chat.completion.chunk', choices: [], aigc_label: issued.header };
    const sse = `data: {"id":"x","choices":[]}\n\ndata: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`;
    for (const input of [
      issued.header,
      `x-aigc-label: ${issued.header}`,
      issued.label,
      JSON.stringify(issued.label),
      body,
      JSON.stringify(body, null, 2),
      chunk,
      sse,
    ]) {
      const r = signer.verify(input);
      expect(r, JSON.stringify(input).slice(0, 60)).toEqual({ ok: true, label: issued.label });
    }
  });

  it('any ids and model: the JSON form is the label object, and header, object and JSON all verify (property)', () => {
    // Printable ASCII (every character the header keeps or escapes) and any Unicode, lone surrogates included.
    const text = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }));
    fc.assert(
      fc.property(text, text, fc.option(text, { nil: undefined }), (contentId, model, requestId) => {
        const out = signer.issue({ contentId, model, requestId, createdAtMs: AT });
        expect(JSON.parse(out.json)).toEqual(out.label);
        expect(out.header).toMatch(/^[\x21-\x7e ]+$/);
        for (const form of [out.header, out.label, out.json]) expect(signer.verify(form).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('labels without the optional fields verify too', () => {
    const plain = new LabelSigner(KEY, { providerCode: 'BAIMO' });
    const { label, header } = plain.issue({ contentId: 'c1', model: 'chat', createdAtMs: AT });
    expect(header).not.toMatch(/pn=|rid=/);
    expect(label).not.toHaveProperty('provider_name');
    expect(label).not.toHaveProperty('request_id');
    expect(plain.verify(header).ok).toBe(true);
    expect(plain.verify(label).ok).toBe(true);
    // Any signer with the same key verifies (the provider code comes from the label).
    expect(signer.verify(header).ok).toBe(true);
  });

  it('rejects any altered field, in the header and in the object', () => {
    const h = issued.header;
    for (const [k, v] of [
      ['cid', 'chatcmpl-abc124'],
      ['pc', 'ACME-AI-002'],
      ['pn', 'other'],
      ['m', 'gpt-4o'],
      ['t', '2025-09-01T12:00:01+08:00'],
      ['rid', 'req_other'],
    ]) {
      const r = signer.verify(alter(h, k, v));
      expect(r.ok, k).toBe(false);
      expect(!r.ok && r.reason, k).toMatch(/signature does not match/);
    }
    const sig = issued.label.sig;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect(signer.verify(alter(h, 'sig', flipped))).toMatchObject({ ok: false, reason: expect.stringMatching(/signature does not match/) });
    // Dropping an optional field changes the signed text as well.
    expect(signer.verify(h.replace(/; rid=[^;]*/, '')).ok).toBe(false);
    for (const field of ['content_id', 'provider_code', 'provider_name', 'model', 'created_at', 'request_id'] as const) {
      const r = signer.verify({ ...issued.label, [field]: `${issued.label[field]}x` });
      expect(r.ok, field).toBe(false);
      expect(!r.ok && r.reason, field).toMatch(/signature does not match/);
    }
  });

  it('rejects labels signed with another key and malformed input with a reason', () => {
    const other = new LabelSigner(deriveKey(randomBytes(32), KEY_PURPOSES.aigcLabel), { providerCode: 'ACME-AI-001' });
    expect(other.verify(issued.header)).toMatchObject({ ok: false, reason: expect.stringMatching(/not issued by this deployment/) });
    // The audit subkey is not the label subkey.
    expect(new LabelSigner(deriveKey(MASTER, KEY_PURPOSES.auditChain), { providerCode: 'x' }).verify(issued.label).ok).toBe(false);
    const reasons: Array<[unknown, RegExp]> = [
      ['hello', /not a label/],
      ['{"broken"', /not valid JSON/],
      [issued.header.replace('v=1', 'v=2'), /unsupported label version 2/],
      [issued.header.replace('; cid=chatcmpl-abc123', ''), /missing content_id/],
      [issued.header.replace(/sig=.*/, 'sig=short'), /sig/],
      [`${issued.header}; extra=1`, /unknown field extra/],
      [issued.header.replace('pn=', 'pn=%E0%A4%A'), /percent-encoding/],
      [{ ...issued.label, model: 42 }, /model must be a string/],
      [{ choices: [] }, /not a label/],
      [{ aigc_label: null }, /empty/],
    ];
    for (const [input, reason] of reasons) {
      const r = signer.verify(input as string | object);
      expect(r.ok, String(input).slice(0, 40)).toBe(false);
      expect(!r.ok && r.reason, String(input).slice(0, 40)).toMatch(reason);
    }
  });

  it('formats times with the zone offset, across DST, cached per quarter hour', () => {
    expect(new ZonedTime('Asia/Kolkata').format(Date.UTC(2025, 0, 1, 0, 0, 0))).toBe('2025-01-01T05:30:00+05:30');
    expect(new ZonedTime('UTC').format(Date.UTC(2025, 0, 1, 0, 0, 59, 999))).toBe('2025-01-01T00:00:59+00:00');
    const ny = new ZonedTime('America/New_York');
    // DST began 2025-03-09 at 07:00 UTC: one second before and at the change.
    expect(ny.format(Date.UTC(2025, 2, 9, 6, 59, 59))).toBe('2025-03-09T01:59:59-05:00');
    expect(ny.format(Date.UTC(2025, 2, 9, 7, 0, 0))).toBe('2025-03-09T03:00:00-04:00');
    expect(ny.format(Date.UTC(2025, 2, 9, 6, 59, 59))).toBe('2025-03-09T01:59:59-05:00');
    const sh = new ZonedTime();
    for (let i = 0; i < 100; i++) {
      const ms = AT + i * 7_919_000;
      const expected = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
      expect(sh.format(ms)).toBe(expected);
    }
  });

  it('is cheap enough to run per request', () => {
    const start = performance.now();
    for (let i = 0; i < 20_000; i++)
      signer.issue({ contentId: `chatcmpl-${i}`, model: 'deepseek-chat', createdAtMs: AT + i, requestId: `req_${i}` });
    // ~2 µs each on a laptop; the bound only catches an accidental slow path.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('baimo label verify', () => {
  let config: string;
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'baimo-label-'));
    config = join(dir, 'baimo.yaml');
    writeFileSync(config, `database: ${JSON.stringify(join(dir, 'baimo.db'))}\ndiscover_env: false\n`);
    writeFileSync(join(dir, 'master.key'), `${MASTER.toString('hex')}\n`, { mode: 0o600 });
  });

  it('accepts a genuine label (argument or stdin) and rejects an altered one', async () => {
    const ok = await runCli(['label', 'verify', issued.header, '--config', config]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('label valid: content id chatcmpl-abc123, provider code ACME-AI-001');
    expect(ok.stdout).toContain('2025-09-01T12:00:00+08:00');

    const body = JSON.stringify({ id: 'chatcmpl-abc123', object: 'chat.completion', choices: [], aigc_label: issued.label });
    const piped = await runCli(['label', 'verify', '--config', config, '--json'], { input: body });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout)).toEqual({ ok: true, label: issued.label });

    const bad = await runCli(['label', 'verify', alter(issued.header, 'm', 'gpt-4o'), '--config', config]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('label invalid: signature does not match');
    const zh = await runCli(['label', 'verify', '--config', config], {
      input: JSON.stringify({ ...issued.label, created_at: '2026-01-01T00:00:00+08:00' }),
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('标识无效');

    const other = await runCli(['label', 'verify', issued.header, '--config', config], {
      env: { BAIMO_MASTER_KEY: randomBytes(32).toString('hex') },
    });
    expect(other.code).toBe(1);
    expect((await runCli(['label', 'verify', '--config', config])).code).toBe(2);
  });
});

describe('explicit labels', () => {
  const NOTICE = '（本内容由人工智能生成）';
  const result = (content: string | null, toolCalls: ChatResult['toolCalls'] = []): ChatResult => ({
    content,
    toolCalls,
    finishReason: 'stop',
  });

  it('labelResult adds the notice once at the start or the end', () => {
    expect(labelResult(result('你好'), { text: NOTICE, position: 'start' }).content).toBe(`${NOTICE}${EXPLICIT_LABEL_SEPARATOR}你好`);
    const end = labelResult(result('你好'), { text: NOTICE, position: 'end' });
    expect(end.content).toBe(`你好${EXPLICIT_LABEL_SEPARATOR}${NOTICE}`);
    // Labelling twice changes nothing.
    expect(labelResult(end, { text: NOTICE, position: 'end' })).toBe(end);
    const start = labelResult(result('hi'), { text: NOTICE, position: 'start' });
    expect(labelResult(start, { text: NOTICE, position: 'start' })).toBe(start);
  });

  it('labelResult leaves tool-call-only answers alone', () => {
    const tools = result(null, [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }]);
    expect(labelResult(tools, { text: NOTICE, position: 'end' })).toBe(tools);
    expect(labelResult(result(''), { text: NOTICE, position: 'start' }).content).toBe('');
  });

  const run = (parts: StreamPart[], position: 'start' | 'end') => {
    const s = new ExplicitLabelStream({ text: NOTICE, position });
    const out = parts.flatMap((p) => s.onPart(p));
    const text = out.map((p) => (p.type === 'text-delta' ? p.text : '')).join('');
    return { out, text, applied: s.applied };
  };
  const answer: StreamPart[] = [
    { type: 'reasoning-delta', text: 'thinking' },
    { type: 'text-delta', text: '' },
    { type: 'text-delta', text: '你' },
    { type: 'text-delta', text: '好' },
    { type: 'usage', usage: { promptTokens: 1, completionTokens: 2 } },
    { type: 'finish', reason: 'stop' },
    { type: 'finish', reason: 'stop' },
  ];

  it('streams get the notice exactly once, at the start or just before finish', () => {
    const start = run(answer, 'start');
    expect(start.text).toBe(`${NOTICE}${EXPLICIT_LABEL_SEPARATOR}你好`);
    expect(start.text.split(NOTICE)).toHaveLength(2);
    expect(start.applied).toBe(true);
    const end = run(answer, 'end');
    expect(end.text).toBe(`你好${EXPLICIT_LABEL_SEPARATOR}${NOTICE}`);
    expect(end.text.split(NOTICE)).toHaveLength(2);
    const finishAt = end.out.findIndex((p) => p.type === 'finish');
    expect(end.out[finishAt - 1]).toEqual({ type: 'text-delta', text: `${EXPLICIT_LABEL_SEPARATOR}${NOTICE}` });
  });

  it('no notice on errors or on answers without text', () => {
    const error: StreamPart = { type: 'error', error: new GatewayError('upstream failed', { status: 502, type: 'upstream_error' }) };
    for (const position of ['start', 'end'] as const) {
      const failed = run([{ type: 'reasoning-delta', text: 'x' }, error, { type: 'finish', reason: 'stop' }], position);
      expect(failed.text, position).toBe('');
      expect(failed.applied).toBe(false);
      const tools = run(
        [
          { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'f', argumentsDelta: '{}' },
          { type: 'finish', reason: 'tool_calls' },
        ],
        position,
      );
      expect(tools.text, position).toBe('');
    }
    // An error after some text: the end notice never comes.
    const cut = run([{ type: 'text-delta', text: 'partial' }, error], 'end');
    expect(cut.text).toBe('partial');
  });
});

describe('the JSON text issue() returns', () => {
  it('is the label object, serialised', () => {
    const signer = new LabelSigner(Buffer.alloc(32, 7), { providerCode: 'ACME-AI-001', providerName: '某某智能 "客服"' });
    for (const requestId of [undefined, 'req_1']) {
      const { label, json } = signer.issue({
        contentId: 'chatcmpl-x',
        model: 'ds/deepseek-chat',
        createdAtMs: 1_764_300_000_000,
        requestId,
      });
      expect(JSON.parse(json)).toEqual(label);
      expect(signer.verify(json).ok).toBe(true);
    }
  });
});
