import type { ChatMessage } from '../core/chat-types.js';
import { OTHER_LABEL_ID, type Taxonomy } from './taxonomy.js';
import { normalizeTopicText, TOPIC_TEXT_MAX_CHARS } from './topic-text.js';

/** Most characters of a model's reply that the parser reads. */
const MAX_REPLY_CHARS = 4000;

function labelLines(taxonomy: Taxonomy): string {
  const lines = taxonomy.labels.map((l) => `- ${l.id}: ${l.zh} / ${l.en}${l.description ? ` — ${l.description}` : ''}`);
  if (!taxonomy.labels.some((l) => l.id === OTHER_LABEL_ID)) lines.push(`- ${OTHER_LABEL_ID}: 其他 / Other`);
  return lines.join('\n');
}

/**
 * The messages for the optional cheap-model zero-shot pass: a bilingual system prompt listing every
 * label (id, names, description) and asking for exactly one id, then the request text (bounded).
 */
export function zeroShotMessages(taxonomy: Taxonomy, requestText: string): ChatMessage[] {
  const system = [
    '你是一个请求分类器。请判断用户请求属于下列哪一个类别，只回答一个类别 id，不要解释。',
    'You classify requests. Decide which one of the categories below the user request belongs to and answer with exactly one category id, nothing else.',
    '',
    '类别 / Categories:',
    labelLines(taxonomy),
    '',
    `如果都不合适，回答 ${OTHER_LABEL_ID}。 If none fits, answer ${OTHER_LABEL_ID}.`,
  ].join('\n');
  const user = `请求 / Request:\n"""\n${normalizeTopicText(requestText, TOPIC_TEXT_MAX_CHARS)}\n"""\n\n类别 id / Category id:`;
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name in ASCII matches only as a whole word; one with CJK characters anywhere it appears. */
function termPattern(term: string): RegExp {
  const body = escapeRegExp(term);
  return /^[\x20-\x7e]+$/.test(term) ? new RegExp(`(?<![a-z0-9_])${body}(?![a-z0-9_])`, 'gi') : new RegExp(body, 'gi');
}

function canonical(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[\s"'`“”‘’「」『』《》【】()[\]{}*_:：.,。!！?？-]+|[\s"'`“”‘’「」『』《》【】()[\]{}*_:：.,。!！?？-]+$/gu, '')
    .replace(/\s+/g, ' ');
}

interface Term {
  id: string;
  text: string;
}

function terms(taxonomy: Taxonomy): Term[] {
  const out: Term[] = [];
  const labels = [...taxonomy.labels];
  if (!labels.some((l) => l.id === OTHER_LABEL_ID))
    labels.push({ id: OTHER_LABEL_ID, zh: '其他', en: 'Other', description: '', examples: [] });
  for (const l of labels) for (const text of new Set([l.id, l.zh, l.en])) if (text.trim()) out.push({ id: l.id, text: canonical(text) });
  return out.filter((t) => t.text);
}

/**
 * The label a zero-shot reply names, or undefined when it names none or several. Accepts a bare id, a
 * name in Chinese or English, quoted or in code marks, a JSON object (`{"label": …}`), and an answer
 * with prose around it when exactly one label is mentioned; a `<think>` block is skipped.
 */
export function parseZeroShotReply(reply: string, taxonomy: Taxonomy): string | undefined {
  if (typeof reply !== 'string') return undefined;
  let text = reply
    .slice(0, MAX_REPLY_CHARS)
    .replace(/<think>[\s\S]*?(<\/think>|$)/gi, ' ')
    .normalize('NFKC');
  const all = terms(taxonomy);
  const whole = canonical(text);
  const exact = all.find((t) => t.text === whole);
  if (exact) return exact.id;
  const json = /\{[^{}]*\}/.exec(text);
  if (json) {
    try {
      const obj = JSON.parse(json[0]) as Record<string, unknown>;
      for (const key of ['id', 'label', 'category', 'topic', 'answer']) {
        const v = obj[key];
        const hit = typeof v === 'string' ? all.find((t) => t.text === canonical(v)) : undefined;
        if (hit) return hit.id;
      }
    } catch {
      // Not JSON: read it as prose.
    }
  }
  // Prose: every mention of an id or name, shorter mentions inside longer ones dropped.
  text = text.toLowerCase();
  const spans: Array<{ id: string; start: number; end: number }> = [];
  for (const t of all)
    for (const m of text.matchAll(termPattern(t.text))) spans.push({ id: t.id, start: m.index, end: m.index + m[0].length });
  const kept = spans.filter(
    (s) => !spans.some((o) => o !== s && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start),
  );
  const ids = [...new Set(kept.map((s) => s.id))];
  if (ids.length === 1) return ids[0];
  if (ids.length === 0) return undefined;
  // Several: the one right after an answer cue ("answer:", "label:", "类别：", "答案：", "is"), if any.
  const cue = /(answer|label|category|id|类别|答案|分类|属于|归为)\s*(is|为|是)?\s*[:：]?\s*["'`“「《*]*/gi;
  const afterCue = new Set<string>();
  for (const m of text.matchAll(cue)) {
    const at = m.index + m[0].length;
    for (const s of kept) if (s.start === at) afterCue.add(s.id);
  }
  return afterCue.size === 1 ? [...afterCue][0] : undefined;
}
