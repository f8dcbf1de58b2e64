import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/** Bounds on a knowledge base's segmentation settings and on one text. */
export const SEGMENTER_LIMITS = {
  /** Words in a user dictionary. */
  userWords: 10_000,
  /** Stopwords of a knowledge base (beside the built-in ones). */
  stopwords: 10_000,
  /** Characters per user word or stopword. */
  wordLength: 32,
  /** Characters of one text segmented at once (a chunk, a query); longer texts are cut here. */
  textLength: 100_000,
  /** Characters per token: what the keyword index takes (longer runs, say a base64 blob, are dropped). */
  tokenLength: 64,
  /** Jieba instances kept (each holds the whole default dictionary, some 30 MB): one per distinct user dictionary. */
  instances: 8,
} as const;

/** A user dictionary entry: a word jieba must keep whole, with an optional frequency (higher wins more often) and POS tag. */
export interface UserWord {
  word: string;
  freq?: number;
  tag?: string;
}

export interface SegmenterOptions {
  /** Words of the knowledge base's domain (文心一言, 大模型备案…): kept whole, and their dictionary parts still found in search mode. */
  userWords?: readonly (string | UserWord)[];
  /** Words never indexed nor searched, beside {@link BUILTIN_STOPWORDS}. */
  stopwords?: readonly string[];
}

/** The frequency a user word gets unless it says: high enough to beat the default dictionary's splits of it. */
const USER_WORD_FREQ = 100_000;

/** Common Chinese function words and English stopwords: they match nearly every chunk and rank nothing. */
export const BUILTIN_STOPWORDS: readonly string[] = [
  ...'的 了 着 过 和 与 及 或 而 是 在 也 有 就 都 又 还 被 把 对 从 向 于 以 之 其 这 那 该 此 并 但 则 即 若 如'.split(' '),
  ...'我 你 他 她 它 我们 你们 他们 她们 它们 这个 那个 这些 那些 一个 一些 什么 怎么 如何 为什么 哪些 吗 呢 吧 啊 呀 哦 嗯'.split(' '),
  ...'a an the of and or to in on at by for with from as is are was were be been being it its this that these those'.split(' '),
  ...'not no do does did has have had will would can could should may might what which who how why when where'.split(' '),
];

/** Letters, marks and digits: a token keeps only runs of these (punctuation and spaces split and vanish). */
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

/** Full-width ASCII (U+FF01–U+FF5E) to half-width and the ideographic space to a space, then lower case. */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uff01-\uff5e\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .toLowerCase();
}

/**
 * Chinese word segmentation for the keyword index: jieba's search mode (上海交通大学 → 上海, 交通, 大学,
 * 上海交通大学) over normalized text (full-width folded, lower case), punctuation and stopwords dropped.
 * A knowledge base's user words are added to its own jieba instance: jieba's dictionary belongs to the
 * instance, so instances are shared by identical user dictionaries and at most
 * {@link SEGMENTER_LIMITS}.instances are kept (least recently used dropped; the next use rebuilds it).
 * Index and query go through the same segmentation, so a query term is a token exactly when the
 * indexed text was segmented the same way.
 */
export class Segmenter {
  private readonly dictKey: string;
  private readonly stopwords: ReadonlySet<string>;

  constructor(options: SegmenterOptions = {}) {
    this.dictKey = userDictionary(options.userWords ?? []);
    this.stopwords = new Set([...BUILTIN_STOPWORDS, ...checkWords(options.stopwords ?? [], 'stopwords', SEGMENTER_LIMITS.stopwords)]);
  }

  /** The tokens of a chunk to index: in order, repeats kept (BM25 counts them). */
  index(text: string): string[] {
    return this.tokens(text);
  }

  /**
   * The distinct tokens of a query, in order of first appearance: its search-mode words, then every
   * other dictionary word of two or more characters in it (jieba's full mode). A short query has little
   * context, so jieba may cut it differently from the same words inside a sentence (文心一言 alone:
   * 文心/一/言; in 百度的文心一言大模型: 文心/一言): the full-mode words (一言) meet the indexed ones.
   */
  query(text: string): string[] {
    const out = new Set(this.tokens(text));
    const normalized = normalizeText(text.slice(0, SEGMENTER_LIMITS.textLength));
    for (const word of jieba(this.dictKey).cutAll(normalized)) {
      if (word.length < 2 || word.length > SEGMENTER_LIMITS.tokenLength || this.stopwords.has(word)) continue;
      for (const token of word.match(WORD_RUN) ?? []) if (token === word) out.add(token);
    }
    return [...out];
  }

  private tokens(text: string): string[] {
    const normalized = normalizeText(text.slice(0, SEGMENTER_LIMITS.textLength));
    const out: string[] = [];
    for (const piece of jieba(this.dictKey).cutForSearch(normalized, true)) {
      for (const token of piece.match(WORD_RUN) ?? []) {
        if (token.length <= SEGMENTER_LIMITS.tokenLength && !this.stopwords.has(token)) out.push(token);
      }
    }
    return out;
  }
}

function checkWords(words: readonly string[], what: string, max: number): string[] {
  if (!Array.isArray(words) || words.length > max) throw new TypeError(`segmenter: ${what} must be an array of at most ${max} words`);
  return words.map((w) => {
    const word = typeof w === 'string' ? normalizeText(w.trim()) : '';
    if (word.length === 0 || word.length > SEGMENTER_LIMITS.wordLength || /\s/.test(word))
      throw new TypeError(
        `segmenter: ${what} holds ${JSON.stringify(w)}: a word is 1 to ${SEGMENTER_LIMITS.wordLength} characters without spaces`,
      );
    return word;
  });
}

/** The user words as jieba dictionary lines ("word freq tag"), sorted: equal dictionaries share an instance. */
function userDictionary(entries: readonly (string | UserWord)[]): string {
  if (!Array.isArray(entries) || entries.length > SEGMENTER_LIMITS.userWords)
    throw new TypeError(`segmenter: userWords must be an array of at most ${SEGMENTER_LIMITS.userWords} words`);
  const lines = new Map<string, string>();
  for (const entry of entries) {
    const e = typeof entry === 'string' ? { word: entry } : entry;
    const [word] = checkWords([e?.word], 'userWords', 1);
    const freq = e.freq ?? USER_WORD_FREQ;
    if (!Number.isInteger(freq) || freq < 1 || freq > 10_000_000)
      throw new TypeError(`segmenter: the frequency of ${word} must be 1 to 10,000,000`);
    const tag = e.tag ?? 'n';
    if (!/^[a-z]{1,8}$/.test(tag)) throw new TypeError(`segmenter: the tag of ${word} must be 1 to 8 lower-case letters`);
    lines.set(word!, `${word} ${freq} ${tag}`);
  }
  return [...lines.values()].sort().join('\n');
}

const instances = new Map<string, Jieba>();
let loaded: { Jieba: typeof Jieba; dict: Uint8Array } | undefined;

/** The jieba instance for a user dictionary (the default one for ''), built on first use and kept in a small LRU. */
function jieba(dictKey: string): Jieba {
  const found = instances.get(dictKey);
  if (found) {
    instances.delete(dictKey);
    instances.set(dictKey, found);
    return found;
  }
  // Loaded on first use: the native module and its 5 MB dictionary cost nothing to a process without knowledge bases.
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = {
      Jieba: (require('@node-rs/jieba') as { Jieba: typeof Jieba }).Jieba,
      dict: (require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict,
    };
  }
  const instance = loaded.Jieba.withDict(loaded.dict);
  if (dictKey) instance.loadDict(Buffer.from(`${dictKey}\n`));
  instances.set(dictKey, instance);
  while (instances.size > SEGMENTER_LIMITS.instances) instances.delete(instances.keys().next().value!);
  return instance;
}
