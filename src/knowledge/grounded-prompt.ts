import type { ChatMessage } from '../core/chat-types.js';
import type { SearchHit } from './knowledge-types.js';

/** Characters of passages put into one prompt: lower-ranked passages past this are left out. */
export const PASSAGE_BUDGET_CHARS = 24_000;

/** One numbered passage the model was given, as the response's `citations` array shows it. */
export interface Citation {
  /** The marker's number: `[index]` in the answer. */
  index: number;
  knowledge_base: string;
  document_id: string;
  document_name: string;
  document_title: string | null;
  chunk_id: string;
  title_path: string[];
  text: string;
  score: number;
  /** Whether the answer carries this passage's marker. */
  cited: boolean;
  /** The policy's output moderation withheld the text (it is ''). */
  withheld?: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** The passages that fit the budget, best first, numbered from 1. */
export function numberPassages(hits: readonly { base: string; hit: SearchHit }[]): Citation[] {
  const out: Citation[] = [];
  let used = 0;
  for (const { base, hit } of hits) {
    const text = hit.chunk.text;
    if (out.length > 0 && used + text.length > PASSAGE_BUDGET_CHARS) break;
    used += text.length;
    out.push({
      index: out.length + 1,
      knowledge_base: base,
      document_id: hit.document.id,
      document_name: hit.document.name,
      document_title: hit.document.title,
      chunk_id: hit.chunk.id,
      title_path: hit.chunk.titlePath,
      text,
      score: Math.round(hit.score * 1e4) / 1e4,
      cited: false,
    });
  }
  return out;
}

/**
 * The system message that grounds the answer: the numbered passages and how to cite them, in Chinese
 * when the question is Chinese, else in English.
 */
export function groundingMessage(question: string, passages: readonly Citation[]): ChatMessage {
  const zh = CJK.test(question);
  const source = (c: Citation) => {
    const doc = c.document_title || c.document_name;
    const path = c.title_path.length ? ` ${c.title_path.join(' > ')}` : '';
    return zh ? `《${doc}》${path}` : `"${doc}"${path}`;
  };
  const body = passages.map((c) => `[${c.index}] ${source(c)}\n${c.text}`).join('\n\n');
  if (zh) {
    const rules = passages.length
      ? '回答要求：\n- 依据上述资料回答；资料中没有的信息，请说明“资料中未找到”，不要编造。\n- 在用到某段资料的句子末尾标注其编号，如 [1] 或 [1][2]。\n- 使用与用户提问相同的语言回答。'
      : '知识库中没有检索到与问题相关的资料。请如实说明无法从知识库中找到答案，不要编造。';
    return { role: 'system', content: passages.length ? `以下是从知识库检索到的资料，每段前有编号：\n\n${body}\n\n${rules}` : rules };
  }
  const rules = passages.length
    ? 'How to answer:\n- Answer from the passages above; if they do not contain the answer, say so instead of guessing.\n- End each sentence that uses a passage with its number, like [1] or [1][2].\n- Answer in the language of the question.'
    : 'Nothing relevant to the question was found in the knowledge base. Say that the knowledge base does not answer it; do not guess.';
  return {
    role: 'system',
    content: passages.length ? `Passages retrieved from the knowledge base, each with its number:\n\n${body}\n\n${rules}` : rules,
  };
}

/** The messages with the grounding message after the leading system/developer messages. */
export function insertGrounding(messages: readonly ChatMessage[], grounding: ChatMessage): ChatMessage[] {
  let at = 0;
  while (at < messages.length && (messages[at].role === 'system' || messages[at].role === 'developer')) at++;
  return [...messages.slice(0, at), grounding, ...messages.slice(at)];
}

/** `[3]`, `【3】`, `[1][2]`, `[1, 2]`: the passage numbers an answer cites. */
const MARKER = /[[【]\s*(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\s*[\]】]/g;

/** Finds citation markers in answer text that arrives in pieces (a marker may be split between two). */
export class MarkerScanner {
  private tail = '';
  readonly seen = new Set<number>();

  push(text: string): void {
    const s = this.tail + text;
    for (const m of s.matchAll(MARKER)) for (const n of m[1].split(/[,，、]/)) this.seen.add(Number(n.trim()));
    // Keep what could be the start of a marker cut at the end of this piece.
    const open = Math.max(s.lastIndexOf('['), s.lastIndexOf('【'));
    this.tail = open >= 0 && s.length - open < 24 && !/[\]】]/.test(s.slice(open)) ? s.slice(open) : '';
  }
}
