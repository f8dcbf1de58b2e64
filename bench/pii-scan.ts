import { timeCalls } from './micro-timer.js';
import { maskRequest } from '../src/compliance/pii/mask-request.js';
import { PiiScanner } from '../src/compliance/pii/pii-scanner.js';
import type { ChatRequest } from '../src/core/chat-types.js';

/**
 * `npx tsx bench/pii-scan.ts`: the PII scan of a 4 KB (UTF-8) Chinese prompt with a few identifiers,
 * dates and amounts, with all built-in recognizers and a few custom patterns and terms. Prints p50/p95
 * per scan (and per maskRequest with `pseudonymize`). Env: BENCH_ITERATIONS=20000.
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);

const PROSE =
  '根据《中华人民共和国个人信息保护法》，公司在2024年3月15日召开了第三季度经营分析会，会议讨论了营业收入12,345.67万元、' +
  '同比增长8.5%的情况，并对下一阶段的市场推广计划、渠道建设和客户服务体系进行了部署。与会人员一致认为，应当加强数据安全管理，' +
  '完善内部审批流程，确保各项工作按时完成。项目组将在10月底前提交详细的实施方案，预算约为350万元，涉及北京、上海、广州三地。';

function buildPrompt(bytes: number): string {
  const ids = [
    '请联系张三，手机13800138000，',
    '身份证号11010519491231002X，',
    '邮箱zhang.san@example.com，',
    '对公账户开户行卡号6217000010001234569。',
  ];
  let text = '';
  let i = 0;
  while (Buffer.byteLength(text) < bytes) {
    text += PROSE;
    if (i < ids.length) text += ids[i++];
  }
  return text;
}

function time(label: string, fn: () => unknown): void {
  const t = timeCalls(fn, ITERATIONS, 2000);
  const us = (ms: number): string => (ms * 1000).toFixed(1).padStart(7);
  console.log(`${label.padEnd(44)} p50 ${us(t.p50)} µs   p95 ${us(t.p95)} µs`);
}

const prompt = buildPrompt(4096);
const plain = PROSE.repeat(Math.ceil(4096 / Buffer.byteLength(PROSE)));
console.log(`prompt: ${prompt.length} chars, ${Buffer.byteLength(prompt)} bytes UTF-8`);

const scanner = new PiiScanner();
const rich = new PiiScanner({
  custom: [{ name: 'employee_id', pattern: 'EMP-\\d{6}', label: '工号' }],
  terms: [{ term: '天穹计划', type: 'project' }, { term: 'ACME Corp' }, { term: '华东大客户' }],
});
console.log(
  'findings:',
  scanner
    .scan(prompt)
    .map((f) => f.type)
    .join(', '),
);

time('scan, built-ins, 4 KB with identifiers', () => scanner.scan(prompt));
time('scan, built-ins, 4 KB prose only', () => scanner.scan(plain));
time('scan, built-ins + custom + 3 terms', () => rich.scan(prompt));
const req: ChatRequest = {
  model: 'm',
  messages: [
    { role: 'system', content: '你是一个乐于助人的助手。' },
    { role: 'user', content: prompt },
  ],
};
time('maskRequest pseudonymize (2 messages)', () => maskRequest(req, scanner, 'pseudonymize'));
