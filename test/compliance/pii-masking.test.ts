import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskRequest } from '../../src/compliance/pii/mask-request.js';
import { PiiScanner } from '../../src/compliance/pii/pii-scanner.js';
import { PseudonymVault } from '../../src/compliance/pii/pseudonym-vault.js';
import { restoreResult, StreamRestorer } from '../../src/compliance/pii/stream-restorer.js';
import type { ChatRequest, ChatResult } from '../../src/core/chat-types.js';
import { GatewayError } from '../../src/core/errors.js';

const ID = '11010519491231002X';
const MOBILE = '13800138000';
const EMAIL = 'zhang.san@example.com';
const CARD = '6217000010001234569';
const VALUES = [ID, MOBILE, EMAIL, CARD];

function request(): ChatRequest {
  return {
    model: 'deepseek-chat',
    messages: [
      { role: 'system', content: `你是客服助手。当前用户身份证号${ID}，不要泄露。` },
      { role: 'user', content: `我的手机是${MOBILE}，邮箱${EMAIL}，请帮我查订单。` },
      {
        role: 'assistant',
        content: null,
        reasoning_content: `用户邮箱是${EMAIL}`,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'lookup', arguments: `{"phone":"${MOBILE}","note":"证件:\\n${ID}","card":${CARD},"n":2}` },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: `订单属于手机号${MOBILE}的用户` },
      {
        role: 'user',
        content: [
          { type: 'text', text: `再确认一下卡号${CARD}` },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        ],
      },
    ],
  };
}

const scanner = new PiiScanner();

describe('maskRequest', () => {
  it('redact: typed markers everywhere, tool-call arguments stay valid JSON, input untouched', () => {
    const req = request();
    const before = structuredClone(req);
    const { request: masked, findings, vault } = maskRequest(req, scanner, 'redact');
    expect(req).toEqual(before);
    expect(vault).toBeUndefined();
    const wire = JSON.stringify(masked);
    for (const v of VALUES) expect(wire).not.toContain(v);
    expect(masked.messages[0].content).toBe('你是客服助手。当前用户身份证号[身份证号]，不要泄露。');
    expect(masked.messages[1].content).toBe('我的手机是[手机号]，邮箱[邮箱]，请帮我查订单。');
    expect(masked.messages[2].reasoning_content).toBe('用户邮箱是[邮箱]');
    const args = JSON.parse(masked.messages[2].tool_calls![0].function.arguments);
    expect(args).toEqual({ phone: '[手机号]', note: '证件:\n[身份证号]', card: '[银行卡号]', n: 2 });
    expect(masked.messages[4].content).toEqual([
      { type: 'text', text: '再确认一下卡号[银行卡号]' },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
    ]);
    expect(findings.map((f) => `${f.where} ${f.type}`)).toEqual([
      'messages[0].content id_card',
      'messages[1].content mobile',
      'messages[1].content email',
      'messages[2].reasoning_content email',
      'messages[2].tool_calls[0].function.arguments mobile',
      'messages[2].tool_calls[0].function.arguments id_card',
      'messages[2].tool_calls[0].function.arguments bank_card',
      'messages[3].content mobile',
      'messages[4].content[0].text bank_card',
    ]);
    // Unchanged parts of the request are shared, not copied.
    expect(masked.messages).not.toBe(req.messages);
    expect(masked.messages[4].content).not.toBe(req.messages[4].content);
  });

  it('arguments offsets point into the raw JSON text', () => {
    const { findings } = maskRequest(request(), scanner, 'allow');
    const raw = request().messages[2].tool_calls![0].function.arguments;
    for (const f of findings.filter((x) => x.where.endsWith('arguments'))) expect(raw.slice(f.start, f.end)).toBe(f.value);
  });

  it('pseudonymize: same value → same placeholder, numbered per type; the vault restores them', () => {
    const req = request();
    const before = structuredClone(req);
    const { request: masked, vault } = maskRequest(req, scanner, 'pseudonymize');
    expect(req).toEqual(before);
    expect(vault).toBeDefined();
    expect(vault!.placeholders()).toEqual(['[身份证号_1]', '[手机号_1]', '[邮箱_1]', '[银行卡号_1]']);
    expect(masked.messages[1].content).toBe('我的手机是[手机号_1]，邮箱[邮箱_1]，请帮我查订单。');
    expect(masked.messages[3].content).toBe('订单属于手机号[手机号_1]的用户');
    const wire = JSON.stringify(masked);
    for (const v of VALUES) expect(wire).not.toContain(v);
    for (let i = 0; i < 2; i++) expect(vault!.restore(masked.messages[i].content as string)).toBe(req.messages[i].content);
    const args = masked.messages[2].tool_calls![0].function.arguments;
    expect(JSON.parse(vault!.restore(args, true))).toEqual({ phone: MOBILE, note: `证件:\n${ID}`, card: CARD, n: 2 });
  });

  it('a placeholder the user already wrote is never issued', () => {
    const req: ChatRequest = { model: 'm', messages: [{ role: 'user', content: `把[手机号_1]换成${MOBILE}` }] };
    const { request: masked, vault } = maskRequest(req, scanner, 'pseudonymize');
    expect(masked.messages[0].content).toBe('把[手机号_1]换成[手机号_2]');
    expect(vault!.restore('[手机号_1]和[手机号_2]')).toBe(`[手机号_1]和${MOBILE}`);
  });

  it('block: 400 pii_detected naming types and places, never values', () => {
    let error: unknown;
    try {
      maskRequest(request(), scanner, 'block');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GatewayError);
    const e = error as GatewayError;
    expect([e.status, e.type, e.code, e.param]).toEqual([400, 'pii_detected', 'pii_detected', 'messages']);
    expect(e.message).toContain('id_card in messages[0].content');
    expect(e.message).toContain('mobile, email in messages[1].content');
    expect(e.message).toContain('身份证号');
    for (const v of VALUES) expect(JSON.stringify(e.toJSON())).not.toContain(v);
  });

  it('allow reports findings and passes the request through; no PII returns the same object', () => {
    const req = request();
    const allowed = maskRequest(req, scanner, 'allow');
    expect(allowed.request).toBe(req);
    expect(allowed.findings).toHaveLength(9);
    const clean: ChatRequest = { model: 'm', messages: [{ role: 'user', content: '今天2024年3月15日，温度12.5度，订单12345。' }] };
    for (const action of ['allow', 'redact', 'pseudonymize', 'block'] as const) {
      const r = maskRequest(clean, scanner, action);
      expect(r.request).toBe(clean);
      expect(r.findings).toEqual([]);
      expect(r.vault).toBeUndefined();
    }
  });

  it('arguments with \\u escapes (ensure_ascii JSON) are scanned decoded and stay valid JSON', () => {
    const s = new PiiScanner({ terms: [{ term: '天穹计划', type: 'project' }] });
    const args = '{"project":"\\u5929\\u7a79\\u8ba1\\u5212","phone":"1380013800\\u0030","tags":["\\"quoted\\""]}';
    const req: ChatRequest = {
      model: 'm',
      messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: args } }] }],
    };
    const { request: masked, findings, vault } = maskRequest(req, s, 'pseudonymize');
    expect(findings.map((f) => [f.type, f.value])).toEqual([
      ['project', '天穹计划'],
      ['mobile', MOBILE],
    ]);
    const out = masked.messages[0].tool_calls![0].function.arguments;
    expect(JSON.parse(out)).toEqual({ project: '[project_1]', phone: '[手机号_1]', tags: ['"quoted"'] });
    expect(JSON.parse(vault!.restore(out, true))).toEqual(JSON.parse(args));
  });

  it('arguments that are not JSON are masked as plain text', () => {
    const req: ChatRequest = {
      model: 'm',
      messages: [
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: `{"phone": ${MOBILE}, "mail": ${EMAIL}` } }],
        },
      ],
    };
    const { request: masked } = maskRequest(req, scanner, 'redact');
    expect(masked.messages[0].tool_calls![0].function.arguments).toBe('{"phone": [手机号], "mail": [邮箱]');
  });

  it('custom patterns and terms are masked with their labels', () => {
    const s = new PiiScanner({
      custom: [{ name: 'employee_id', pattern: 'EMP-\\d{6}', label: '工号' }],
      terms: [{ term: '天穹计划', type: 'project', label: '项目代号' }],
    });
    const req: ChatRequest = { model: 'm', messages: [{ role: 'user', content: '员工EMP-123456负责天穹計劃' }] };
    expect(maskRequest(req, s, 'redact').request.messages[0].content).toBe('员工[工号]负责[项目代号]');
    expect(maskRequest(req, s, 'pseudonymize').request.messages[0].content).toBe('员工[工号_1]负责[项目代号_1]');
  });
});

function vaultWith(values: Array<[string, string, string]>): PseudonymVault {
  const v = new PseudonymVault();
  for (const [type, value, label] of values) v.placeholderFor(type, value, label);
  return v;
}

describe('StreamRestorer', () => {
  const vault = vaultWith([
    ['mobile', MOBILE, '手机号'],
    ['mobile', '13900139000', '手机号'],
    ['id_card', ID, '身份证号'],
    ['email', EMAIL, '邮箱'],
    ...Array.from({ length: 10 }, (_, i): [string, string, string] => ['ipv4', `10.0.0.${i}`, 'IP地址']),
  ]);

  it('holds back only what can still become a placeholder', () => {
    const r = new StreamRestorer(vault);
    expect(r.push('您好，[手')).toBe('您好，');
    expect(r.push('机号_1')).toBe('');
    expect(r.push(']，再见 [见附件] [IP地址_1')).toBe(`${MOBILE}，再见 [见附件] `);
    expect(r.push('0] ok')).toBe('10.0.0.9 ok');
    expect(r.push('数组a[0]')).toBe('数组a[0]');
    expect(r.push('[手机号_')).toBe('');
    expect(r.flush()).toBe('[手机号_');
  });

  const fragment = fc.oneof(
    fc.constantFrom(...vault.placeholders()),
    fc.constantFrom('[', ']', '[手机', '[手机号_', '[手机号_9]', '[IP地址_', '[邮箱_1', '[[', '][', '【手机号_1】', '\\', '"'),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('您好', '，', '订单', 'abc', ' ', '\n'),
  );

  it('property: any split of any text restores exactly as the whole text would', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (parts, cutSeeds, json) => {
        const text = parts.join('');
        const cuts = [...new Set(cutSeeds.map((c) => (text.length === 0 ? 0 : c % (text.length + 1))))].sort((a, b) => a - b);
        const r = new StreamRestorer(vault, { json });
        let out = '';
        let last = 0;
        for (const c of [...cuts, text.length]) {
          out += r.push(text.slice(last, c));
          // Nothing is held back unless it can still become a placeholder.
          expect(r.held === '' || vault.isPlaceholderPrefix(r.held)).toBe(true);
          last = c;
        }
        out += r.flush();
        expect(out).toBe(vault.restore(text, json));
        expect(r.held).toBe('');
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a placeholder split at every position is restored', () => {
    for (const p of vault.placeholders()) {
      for (let i = 0; i <= p.length; i++) {
        const r = new StreamRestorer(vault);
        const out = r.push(`前${p.slice(0, i)}`) + r.push(`${p.slice(i)}后`) + r.flush();
        expect(out).toBe(`前${vault.valueOf(p)}后`);
      }
    }
  });
});

describe('restoreResult', () => {
  it('restores content, reasoning and tool-call arguments (JSON-escaped)', () => {
    const vault = vaultWith([
      ['mobile', MOBILE, '手机号'],
      ['customer', 'ACME "Asia" \\ Ltd', '客户'],
    ]);
    const result: ChatResult = {
      content: '已为[手机号_1]查询到订单，客户[客户_1]。',
      reasoning: '用户手机[手机号_1]',
      toolCalls: [
        { id: 'a', type: 'function', function: { name: 'f', arguments: '{"to":"[手机号_1]","who":"[客户_1]"}' } },
        { id: 'b', type: 'function', function: { name: 'g', arguments: '{}' } },
      ],
      finishReason: 'tool_calls',
    };
    const restored = restoreResult(result, vault);
    expect(restored.content).toBe(`已为${MOBILE}查询到订单，客户ACME "Asia" \\ Ltd。`);
    expect(restored.reasoning).toBe(`用户手机${MOBILE}`);
    expect(JSON.parse(restored.toolCalls[0].function.arguments)).toEqual({ to: MOBILE, who: 'ACME "Asia" \\ Ltd' });
    expect(restored.toolCalls[1]).toBe(result.toolCalls[1]);
    expect(result.content).toBe('已为[手机号_1]查询到订单，客户[客户_1]。');
    const untouched: ChatResult = { content: '没有占位符', toolCalls: [], finishReason: 'stop' };
    expect(restoreResult(untouched, vault)).toBe(untouched);
  });

  it('round trip: an echoing model never sees values, the client gets them back', () => {
    const { request: masked, vault } = maskRequest(request(), scanner, 'pseudonymize');
    const echoed = (masked.messages[1].content as string) + (masked.messages[0].content as string);
    for (const v of VALUES) expect(echoed).not.toContain(v);
    const back = restoreResult({ content: echoed, toolCalls: [], finishReason: 'stop' }, vault!);
    expect(back.content).toBe((request().messages[1].content as string) + (request().messages[0].content as string));
  });
});
