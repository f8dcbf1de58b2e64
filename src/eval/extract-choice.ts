import { toHalfWidth } from './text-metrics.js';

/**
 * The option letter a model chose in its reply to a multiple-choice question (C-Eval, CMMLU, MMLU
 * style), in Chinese or English, or null when it chose none (or several, or only ruled some out).
 *
 * The reply is read in tiers, strongest first; the first tier with a usable letter decides:
 * 1. answer statements: `答案是X`, `答案：X`, `答案为X`, `正确答案是/为X`, `答：X`, `the answer is X`,
 *    `Answer: (X)`;
 * 2. conclusions: `故选X`, `所以选X`, `应选X`, `我选X`, `正确的是X`, `正确选项为X`, corrections
 *    (`不是A，是C`, `not A but C`), `I choose / pick / go with X`, `the correct option is X`;
 * 3. statements: `选X`, `X选项正确`, `X是正确的`, `X符合题意`, `X is correct`;
 * 4. formatting: `**X**`, `【X】`, `X.` / `X、` / `(X)` at the start, `(X)`, `选项X`, `X选项`, `option X`;
 * 5. a bare letter the reply starts with;
 * 6. the first option letter standing alone (not inside `AI`, `API`, `DNA`, `C++`, `维生素C`, `A股`,
 *    nor the English article in `A good question`).
 * In tiers 1–3 the last statement counts (a model that corrects itself ends with its answer), in 4
 * and 6 the first. Negations rule letters out: `不是A`, `不选A`, `排除A和B`, `A不对`, `A is wrong`,
 * `not A`, `I wouldn't choose A`; a letter ruled out at or after a statement voids that statement, so
 * `答案不是B` alone is null while `A不对，应该选B` is B. Letters are upper case only (`answer is a`
 * is the English article); full-width letters and punctuation (`Ａ`, `（Ｂ）`, `：`) count as half-width.
 */
export function extractChoice(reply: string, options: readonly string[] = DEFAULT_OPTIONS): string | null {
  const p = patternsFor(options);
  const text = toHalfWidth(bounded(String(reply)));
  const rejections: Candidate[] = [];
  for (const re of p.rejections)
    for (const m of text.matchAll(re)) {
      const [start] = m.indices![1];
      for (const l of m[1].matchAll(/[A-Z]/g)) if (p.letters.has(l[0])) rejections.push({ pos: start + l.index, letter: l[0] });
    }
  const tiers = p.tiers.map((patterns) => explicit(text, patterns, p.letters, rejections));
  const voided = (c: Candidate) => rejections.some((r) => r.letter === c.letter && r.pos >= c.pos);
  for (let t = 0; t < tiers.length; t++) {
    const alive = tiers[t].filter((c) => !voided(c)).sort((x, y) => x.pos - y.pos);
    if (alive.length) return (t < LAST_WINS_TIERS ? alive[alive.length - 1] : alive[0]).letter;
  }
  const lead = /^[\s*#>"'“]*([A-Z])(?![A-Za-z0-9])/.exec(text);
  if (lead && p.letters.has(lead[1]) && !incidental(text, lead.index + lead[0].length - 1)) {
    const c = { pos: lead.index + lead[0].length - 1, letter: lead[1] };
    if (!voided(c)) return c.letter;
  }
  for (const m of text.matchAll(p.standalone)) {
    const c = { pos: m.index, letter: m[0] };
    if (!incidental(text, c.pos) && !voided(c)) return c.letter;
  }
  return null;
}

/** The options of a four-choice question. */
export const DEFAULT_OPTIONS: readonly string[] = ['A', 'B', 'C', 'D'];
/** Characters of a reply read at most: a longer one is read as its first and last halves of this. */
export const MAX_REPLY_CHARS = 100_000;

/** Tiers (0-based) below this take their last statement, the others their first. */
const LAST_WINS_TIERS = 3;

interface Candidate {
  pos: number;
  letter: string;
}

interface Patterns {
  letters: ReadonlySet<string>;
  tiers: RegExp[][];
  rejections: RegExp[];
  standalone: RegExp;
}

function bounded(reply: string): string {
  if (reply.length <= MAX_REPLY_CHARS) return reply;
  const half = MAX_REPLY_CHARS / 2;
  return `${reply.slice(0, half)}\n${reply.slice(reply.length - half)}`;
}

/** A negation just before a statement (`不选A`, `不应该选A`, `wouldn't choose A`) turns it into a rejection. */
const NEGATED_BEFORE =
  /(?:[不非别没未勿](?:会|要|能|应|该|应该|可能)?|不(?:认为|觉得)|\bnot|n't|\bnever|(?:n't|\bnot)\s+(?:think|believe))\s*$/i;

function explicit(text: string, patterns: readonly RegExp[], letters: ReadonlySet<string>, rejections: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const re of patterns)
    for (const m of text.matchAll(re)) {
      const g = m.length - 1; // the letter is the last group
      const letter = m[g];
      if (!letters.has(letter)) continue; // lower case (English article) or not an option
      const c = { pos: m.indices![g][0], letter };
      if (NEGATED_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index))) rejections.push(c);
      else out.push(c);
    }
  return out;
}

/** Letters that are part of a name rather than a choice: `A good idea`, `维生素C`, `A股`, `C++`, `Plan B`. */
function incidental(text: string, pos: number): boolean {
  const after = text.slice(pos + 1, pos + 4);
  if (text[pos] === 'A' && /^\s+[a-z]/.test(text.slice(pos + 1, pos + 3))) return true;
  if (/^(?:股|型|级|类|超|族|语言|盘|轮|端|\+|#)/.test(after)) return true;
  return /(?:维生素|(?:vitamin|plan|type|hepatitis|grade|class)\s*)$/i.test(text.slice(Math.max(0, pos - 10), pos));
}

const cache = new Map<string, Patterns>();

function patternsFor(options: readonly string[]): Patterns {
  if (
    !Array.isArray(options) ||
    options.length < 1 ||
    options.length > 26 ||
    !options.every((o) => typeof o === 'string' && /^[A-Z]$/.test(o))
  )
    throw new RangeError('extractChoice: options must be 1 to 26 distinct capital letters A–Z');
  if (new Set(options).size !== options.length) throw new RangeError('extractChoice: options must be distinct');
  const key = options.join('');
  const hit = cache.get(key);
  if (hit) return hit;
  if (cache.size >= 64) cache.clear();
  const p = compile(options);
  cache.set(key, p);
  return p;
}

function compile(options: readonly string[]): Patterns {
  const L = `[${options.join('')}]`;
  const X = `(?<![A-Za-z0-9])(${L})(?![A-Za-z0-9])`;
  // What may stand between a phrase and its letter: `答案应该是：选项（B）`, `answer would be option (B)`.
  const fillZh = `(?:[\\s:是为选项(\\[【】"'“”*]|应该|应当|应|可能|肯定|一定|必然|只能|就|即|乃|也){0,12}`;
  const fillEn = `(?:[\\s:=*"'“”(\\[-]|\\bis\\b|\\bwould be\\b|\\bshould be\\b|\\bwill be\\b|\\bmust be\\b|\\bprobably\\b|\\blikely\\b|\\bclearly\\b|\\bdefinitely\\b|\\boption\\b|\\bchoice\\b|\\bletter\\b){0,8}`;
  const list = `(${L}(?:\\s*(?:和|与|、|,|及|或|跟|以及|\\band\\b|\\bor\\b|&|/)\\s*(?:选项)?${L})*)(?![A-Za-z0-9])`;
  const re = (source: string) => new RegExp(source, 'gdi');
  const conclude = '(?:故|所以|因此|因而|于是|综上所述|综上|最终|最后|我|则|应该|应当|应|只能|须|宜|本题|此题)';
  const choose = '(?:选择|选出|选定|选(?!项))';
  const right = '(?:正确|对(?![应于比照象待称立话手齐接抗外方])|最佳|最合适|最恰当|最符合|符合题意|当选)';
  return {
    letters: new Set(options),
    tiers: [
      [re(`(?:答案|答(?=\\s*:))${fillZh}${X}`), re(`\\banswers?\\b${fillEn}${X}`)],
      [
        re(`${conclude}(?:本题|此题|这道题|该题)?(?:应该|应当|应)?[\\s,]*${choose}${fillZh}${X}`),
        re(`正确(?:的)?(?:选项|答案|答)?(?:是|为|应是|应为|:)${fillZh}${X}`),
        re(
          `(?:不是|并非|不选|\\bnot)\\s*(?:选项)?${L}(?![A-Za-z0-9])\\s*[,;；]?\\s*(?:而是|而应该是|应该是|应是|是|but(?:\\s+rather)?|it'?s|it\\s+is|instead)${fillZh}${X}`,
        ),
        re(`\\b(?:choose|chose|pick|picked|select|selected|go\\s+with|going\\s+with|opt\\s+for|opting\\s+for)\\b${fillEn}${X}`),
        re(`\\b(?:correct|right|best)\\s+(?:option|choice|letter|one)\\s+(?:is|would\\s+be|should\\s+be)\\b${fillEn}${X}`),
      ],
      [
        re(`${choose}${fillZh}${X}`),
        re(`${X}\\s*(?:选项|项)?\\s*(?:是|为|才是|应该是)?\\s*${right}`),
        re(`${X}\\)?\\s+(?:is|would\\s+be|seems)\\s+(?:the\\s+)?(?:correct|right|best|most\\s+appropriate|most\\s+likely)\\b`),
      ],
      [
        re(`\\*\\*\\s*${X}\\s*(?:[.:、)]|\\*\\*)`),
        re(`【\\s*${X}\\s*】`),
        re(`^[\\s*#>]*[(\\[]?${X}\\s*[.:、)\\]。,]`),
        re(`[(\\[]\\s*${X}\\s*[)\\]]`),
        re(`选项\\s*${X}`),
        re(`${X}\\s*(?:选项|项)`),
        re(`\\b(?:option|choice)\\s+${X}`),
      ],
    ],
    rejections: [
      re(
        `(?:不是|并非|不选|别选|不应选|不能选|不该选|排除(?:掉|了)?|\\bnot|n't|\\brule\\s+out|\\bruling\\s+out|\\beliminat(?:e|ing)|\\bexclud(?:e|ing))\\s*(?:选项|option\\s*)?${list}`,
      ),
      re(
        `(?<![A-Za-z0-9])${list}\\s*(?:选项|项)?\\s*(?:都|也|均|肯定|显然|明显)?\\s*(?:不对|错了|不是(?:正确)?(?:的)?答案|不符合题意|可以排除|被排除|is\\s+wrong|is\\s+incorrect|is\\s+not\\s+(?:the\\s+)?(?:correct|right)|isn't\\s+(?:the\\s+)?(?:correct|right)|are\\s+(?:both\\s+|all\\s+)?(?:wrong|incorrect)|can\\s+be\\s+(?:ruled\\s+out|eliminated)|is\\s+(?:ruled\\s+out|eliminated))`,
      ),
    ],
    standalone: new RegExp(`(?<![A-Za-z0-9])${L}(?![A-Za-z0-9])`, 'g'),
  };
}
