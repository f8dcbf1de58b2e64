import type { BattleWinner } from './bradley-terry.js';
import { ARENA_LIMITS, type ImportLineError } from './arena-types.js';
import { EvalInputError } from './eval-input-error.js';

/** One valid line of an import. */
export interface ParsedBattle {
  line: number;
  model_a: string;
  model_b: string;
  winner: BattleWinner;
  prompt: string | null;
  answer_a: string | null;
  answer_b: string | null;
}

export interface ParsedImport {
  battles: ParsedBattle[];
  /** The first {@link ARENA_LIMITS.importErrors} bad lines. */
  errors: ImportLineError[];
  /** Bad lines in all. */
  invalid: number;
}

/** Winners as they are written: ours, and Chatbot Arena's dumps (`tie (bothbad)`). */
const WINNERS: Readonly<Record<string, BattleWinner>> = {
  model_a: 'model_a',
  model_b: 'model_b',
  tie: 'tie',
  both_bad: 'both_bad',
  'tie (bothbad)': 'both_bad',
};

/** Lines parsed between two turns of the event loop. */
const LINES_PER_STEP = 500;

type Problem = { en: string; zh: string };

function modelName(v: unknown, field: string): string | Problem {
  if (v === undefined || v === null) return { en: `${field} is missing`, zh: `缺少 ${field}` };
  if (typeof v !== 'string') return { en: `${field} must be a string`, zh: `${field} 必须是字符串` };
  const name = v.trim();
  if (name.length === 0) return { en: `${field} is empty`, zh: `${field} 为空` };
  if (name.length > ARENA_LIMITS.modelName)
    return {
      en: `${field} is longer than ${ARENA_LIMITS.modelName} characters`,
      zh: `${field} 超过 ${ARENA_LIMITS.modelName} 个字符`,
    };
  return name;
}

function optionalText(v: unknown, field: string): string | null | Problem {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return { en: `${field} must be a string`, zh: `${field} 必须是字符串` };
  if (v.length > ARENA_LIMITS.importText)
    return { en: `${field} is longer than ${ARENA_LIMITS.importText} characters`, zh: `${field} 超过 ${ARENA_LIMITS.importText} 个字符` };
  return v;
}

const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null;

/** One non-blank line: the battle, or what is wrong with it. */
function parseLine(text: string, line: number): ParsedBattle | Problem {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { en: 'not valid JSON', zh: '不是有效的 JSON' };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { en: 'not a JSON object', zh: '不是 JSON 对象' };
  const o = raw as Record<string, unknown>;
  const a = modelName(o.model_a, 'model_a');
  if (isProblem(a)) return a;
  const b = modelName(o.model_b, 'model_b');
  if (isProblem(b)) return b;
  if (a === b) return { en: `a model cannot battle itself (${a})`, zh: `模型不能与自己对战（${a}）` };
  const w = o.winner;
  const winner = typeof w === 'string' ? WINNERS[w] : undefined;
  if (!winner || !Object.hasOwn(WINNERS, w as string))
    return {
      en: 'winner must be model_a, model_b, tie or both_bad',
      zh: 'winner 必须是 model_a、model_b、tie 或 both_bad',
    };
  const prompt = optionalText(o.prompt, 'prompt');
  if (isProblem(prompt)) return prompt;
  const answerA = optionalText(o.answer_a, 'answer_a');
  if (isProblem(answerA)) return answerA;
  const answerB = optionalText(o.answer_b, 'answer_b');
  if (isProblem(answerB)) return answerB;
  return { line, model_a: a, model_b: b, winner, prompt, answer_a: answerA, answer_b: answerB };
}

/**
 * Reads battles from JSONL text (`model_a`, `model_b`, `winner`: model_a | model_b | tie | both_bad;
 * optional `prompt`, `answer_a`, `answer_b`; other fields are ignored), as steps for `runTimeSliced`
 * (a large file does not hold up the event loop). Blank lines are skipped; every other line is checked
 * and a bad one reported with its 1-based number, in English and Chinese. A text over
 * {@link ARENA_LIMITS.importBytes} bytes or {@link ARENA_LIMITS.importLines} lines is refused whole
 * (EvalInputError).
 */
export function* parseBattleLines(text: string, source?: string): Generator<void, ParsedImport, void> {
  if (Buffer.byteLength(text) > ARENA_LIMITS.importBytes)
    throw new EvalInputError(
      `the battles are larger than ${ARENA_LIMITS.importBytes / 1024 / 1024} MiB; split them into several imports`,
      `对战数据超过 ${ARENA_LIMITS.importBytes / 1024 / 1024} MiB，请分成几次导入`,
      { source },
    );
  const out: ParsedImport = { battles: [], errors: [], invalid: 0 };
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const content = text.slice(start, end).trim();
    if (content.length > 0 && line > ARENA_LIMITS.importLines)
      throw new EvalInputError(
        `more than ${ARENA_LIMITS.importLines} lines; split them into several imports`,
        `超过 ${ARENA_LIMITS.importLines} 行，请分成几次导入`,
        { source },
      );
    if (content.length > 0) {
      const r = parseLine(content, line);
      if ('model_a' in r) out.battles.push(r);
      else {
        out.invalid++;
        if (out.errors.length < ARENA_LIMITS.importErrors) out.errors.push({ line, en: r.en, zh: r.zh });
      }
    }
    start = end + 1;
    if (line % LINES_PER_STEP === 0) yield;
  }
  return out;
}

/** A bad line as the API says it: `line N: English / 第 N 行：中文`. */
export const lineMessage = (e: ImportLineError): string => `line ${e.line}: ${e.en} / 第 ${e.line} 行：${e.zh}`;
