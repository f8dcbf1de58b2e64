import { performance } from 'node:perf_hooks';
import { timeCalls } from './micro-timer.js';
import { Moderator, type ModerationRule } from '../src/compliance/moderation/moderator.js';

/**
 * `npx tsx bench/moderation.ts`: keyword moderation with a large library.
 *
 * The library is 10,000 terms (90% 2–8 characters drawn from the ~200 most frequent Chinese
 * characters, 10% 3–10 ASCII letters) and the prompt is 4 KB (UTF-8) of text over the same frequent
 * characters plus punctuation — a hard case: almost every character continues some partial match.
 * Terms that occur in the prompt are dropped from the library, so every check scans the whole prompt.
 * Reports build time, `Moderator.check` / `checkAll` p50/p99 over the prompt, and an `OutputGuard`
 * over the prompt in 20-character deltas; each with no rules and with 5 regex rules.
 * Env: BENCH_ITERATIONS=5000, BENCH_TERMS=10000, BENCH_BYTES=4096.
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 5_000);
const timed = (fn: () => unknown) => timeCalls(fn, ITERATIONS);
const TERMS = Number(process.env.BENCH_TERMS ?? 10_000);
const BYTES = Number(process.env.BENCH_BYTES ?? 4096);

const FREQUENT =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而' +
  '能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意' +
  '进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口' +
  '使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数';
const PUNCT = '，。、：；！？';

let seed = 20250901;
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
}

function prompt(bytes: number): string {
  let text = '';
  while (Buffer.byteLength(text) < bytes) text += rnd(12) === 0 ? PUNCT[rnd(PUNCT.length)] : FREQUENT[rnd(FREQUENT.length)];
  return text;
}

function randomTerm(i: number): string {
  let term = '';
  if (i % 10 === 0) for (let k = 3 + rnd(8); k > 0; k--) term += String.fromCharCode(97 + rnd(26));
  else for (let k = 2 + rnd(7); k > 0; k--) term += FREQUENT[rnd(FREQUENT.length)];
  return term;
}

/** `n` distinct terms, none of which occurs in `text`. */
function library(n: number, text: string): Array<{ term: string; risk: string }> {
  const terms = new Map<string, string>();
  while (terms.size < n) {
    const batch: string[] = [];
    for (let i = terms.size; batch.length < n - terms.size; i++) batch.push(randomTerm(i));
    const probe = new Moderator([{ id: 'probe', name: 'probe', terms: batch.map((term) => ({ term, risk: 'x' })) }]);
    const present = new Set(probe.checkAll(text).map((h) => h.term));
    for (const term of batch) if (!present.has(term)) terms.set(term, `A.${1 + rnd(5)}.1`);
  }
  return [...terms].slice(0, n).map(([term, risk]) => ({ term, risk }));
}

const RULES: ModerationRule[] = [
  { pattern: 'secret-\\d{4,}', risk: 'A.3.3' },
  { pattern: '内部(?:编号|代号)[:：]\\s*[a-z]{2}\\d{3}', risk: 'A.3.3' },
  { pattern: '(?:购买|出售)\\S{0,6}枪支', risk: 'A.1.8' },
  { pattern: '\\b(?:drop|truncate)\\s+table\\b', risk: 'custom' },
  { pattern: '[\\u4e00-\\u9fff]{2}违禁[\\u4e00-\\u9fff]{2}', risk: 'A.1.8' },
];

function ms(n: number): string {
  return n.toFixed(3);
}

const text = prompt(BYTES);
const terms = library(TERMS, text);
const libraries = [{ id: 'bench', name: 'bench', terms }];

const builds: number[] = [];
const buildsCpu: number[] = [];
let moderator!: Moderator;
for (let i = 0; i < 30; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  moderator = new Moderator(libraries);
  const c1 = process.cpuUsage(c0);
  builds.push(performance.now() - t0);
  buildsCpu.push((c1.user + c1.system) / 1000);
}
const firstBuild = builds[0];
builds.sort((a, b) => a - b);
buildsCpu.sort((a, b) => a - b);
if (moderator.check(text)) throw new Error('the bench prompt must not contain library terms');

const withRules = new Moderator(libraries, RULES);
const deltas: string[] = [];
for (let i = 0; i < text.length; i += 20) deltas.push(text.slice(i, i + 20));
function guardRun(m: Moderator): void {
  const guard = m.guard();
  for (const d of deltas) if (guard.push(d).hit) throw new Error('unexpected hit');
  guard.flush();
}

const rows: Array<[string, { p50: number; p99: number }]> = [
  ['check (keywords)', timed(() => moderator.check(text))],
  ['checkAll (keywords)', timed(() => moderator.checkAll(text))],
  ['check (keywords + 5 rules)', timed(() => withRules.check(text))],
  [`OutputGuard, ${deltas.length} × 20-char deltas (keywords)`, timed(() => guardRun(moderator))],
  [`OutputGuard, ${deltas.length} × 20-char deltas (keywords + 5 rules)`, timed(() => guardRun(withRules))],
];

console.log(
  `library: ${moderator.termCount} terms, longest ${moderator.maxTermLength}; prompt: ${text.length} chars (${Buffer.byteLength(text)} bytes UTF-8)`,
);
console.log(
  `build: first ${ms(firstBuild)} ms, median ${ms(builds[Math.floor(builds.length / 2)])} ms wall (min ${ms(builds[0])}), ${ms(buildsCpu[Math.floor(buildsCpu.length / 2)])} ms CPU\n`,
);
console.log('| operation | p50 ms | p99 ms |');
console.log('|---|---:|---:|');
for (const [name, s] of rows) console.log(`| ${name} | ${ms(s.p50)} | ${ms(s.p99)} |`);
