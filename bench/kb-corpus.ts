import { createRequire } from 'node:module';

/**
 * The synthetic knowledge-base corpus of `bench/kb-search.ts` and `bench/kb-ingest.ts`: Chinese prose
 * with English terms, drawn word by word from jieba's own dictionary by its word frequencies (a
 * Zipf-like law, so common words match tens of thousands of chunks and rare ones a handful, as in
 * real text), and 384-dimensional unit vectors clustered the way embeddings are: topics, documents
 * near their topic, chunks near their document, plus a direction every vector shares (real embedding
 * models are anisotropic: two unrelated texts still score a cosine of 0.3 to 0.8).
 *
 * Everything draws from seeded generators, one per stream (texts, vectors, queries), so a run makes
 * the same corpus every time and the vectors and queries can be made again without the texts.
 */

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function gaussian(rand: () => number): number {
  const u = rand() || 1e-12;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Picks an index with probability proportional to `weights`. */
function picker(weights: readonly number[], rand: () => number): () => number {
  const cum = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cum[i] = sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    for (let hi = cum.length - 1; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Technical English of enterprise documents, most common first (drawn 1/rank). */
const ENGLISH = (
  'API SDK AI LLM GPU CPU HTTP JSON SQL token model Python Java Linux Docker Kubernetes Redis MySQL PostgreSQL ' +
  'OpenAI DeepSeek Qwen GLM ChatGPT embedding RAG prompt agent workflow gateway proxy cache latency throughput ' +
  'timeout retry fallback rate limit quota budget billing invoice tenant workspace admin console dashboard ' +
  'metrics logging tracing audit compliance PII privacy encryption TLS OAuth SSO LDAP RBAC policy firewall ' +
  'VPC subnet cluster node pod replica shard index vector BM25 rerank chunk segment jieba tokenizer GGUF ' +
  'llama vLLM Ollama Xinference SiliconFlow DashScope Baichuan Moonshot Kimi Doubao Hunyuan ERNIE Spark ' +
  'Nginx Kafka RabbitMQ Elasticsearch MinIO S3 OSS CDN DNS IPv6 SLA SLO KPI OKR ERP CRM OA HR SaaS PaaS IaaS ' +
  'Git GitLab Jenkins CI CD DevOps SRE webhook REST gRPC GraphQL WebSocket SSE stream batch async queue job ' +
  'scheduler cron backup restore snapshot migration schema table column query report export import upload'
).split(' ');

export interface Vocabulary {
  /** A word of running text: Chinese mostly, an English term now and then. */
  word(rand: () => number): string;
  /** Chinese content words of middle frequency: what topics are made of and what queries ask for. */
  contentWords: readonly string[];
  english: readonly string[];
}

/** Words of 2 to 4 Han characters from jieba's dictionary, most frequent first, with their frequencies. */
function jiebaWords(limit: number): { words: string[]; freqs: number[] } {
  const require = createRequire(import.meta.url);
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const rows: [string, number][] = [];
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const [word, freq] = line.split(' ');
    if (word && /^[\u4e00-\u9fff]{2,4}$/.test(word) && Number(freq) > 0) rows.push([word, Number(freq)]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  const top = rows.slice(0, limit);
  return { words: top.map((r) => r[0]), freqs: top.map((r) => r[1]) };
}

/**
 * The vocabulary: the 60,000 most frequent Chinese words of jieba's dictionary drawn by their
 * frequency, and 8 % English terms drawn 1/rank. Content words are ranks 1,000 to 40,000.
 */
export function loadVocabulary(seed: number): Vocabulary {
  const { words, freqs } = jiebaWords(60_000);
  const rand = seeded(seed);
  const zh = picker(freqs, rand);
  const en = picker(
    ENGLISH.map((_, i) => 1 / (i + 1)),
    rand,
  );
  return {
    word: (r) => (r() < 0.08 ? ENGLISH[en()] : words[zh()]),
    contentWords: words.slice(1000, 40_000),
    english: ENGLISH,
  };
}

/** A topic: its own words (a fifth of the words of its chunks) and the centre its vectors cluster around. */
export interface Topic {
  words: string[];
  centroid: Float32Array;
}

export interface CorpusShape {
  dimensions: number;
  topics: number;
  /** Length of the direction every vector shares, against a topic's 1 (0: isotropic). */
  anisotropy: number;
  /** Spread of a document around its topic and of a chunk around its document. */
  documentSpread: number;
  chunkSpread: number;
}

export const DEFAULT_SHAPE: CorpusShape = { dimensions: 384, topics: 500, anisotropy: 1, documentSpread: 0.6, chunkSpread: 0.6 };

function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) v[i] /= n;
  return v;
}

/** A vector near `centre`: centre + spread · (a random direction of unit expected length). */
function near(rand: () => number, centre: Float32Array, spread: number): Float32Array {
  const v = new Float32Array(centre.length);
  const s = spread / Math.sqrt(centre.length);
  for (let i = 0; i < v.length; i++) v[i] = centre[i] + s * gaussian(rand);
  return v;
}

/** The topics: 40 content words each, and centroids (a random unit direction plus the shared one). */
export function makeTopics(vocab: Vocabulary, shape: CorpusShape, seed: number): Topic[] {
  const rand = seeded(seed);
  const shared = normalize(Float32Array.from({ length: shape.dimensions }, () => gaussian(rand)));
  return Array.from({ length: shape.topics }, () => {
    const centroid = normalize(Float32Array.from({ length: shape.dimensions }, () => gaussian(rand)));
    for (let i = 0; i < centroid.length; i++) centroid[i] += shape.anisotropy * shared[i];
    const words = Array.from({ length: 40 }, () => vocab.contentWords[Math.floor(rand() * vocab.contentWords.length)]);
    return { words, centroid };
  });
}

/** The document layout of a corpus: which topic each document is about and how many chunks it has. */
export interface CorpusPlan {
  /** Topic of each document. */
  docTopic: Int32Array;
  /** First chunk of each document (and, last, the chunk count). */
  docStart: Int32Array;
  /** Document of each chunk. */
  chunkDoc: Int32Array;
}

/** Documents of 10 to 70 chunks (40 on average) until `chunks` chunks. */
export function planCorpus(chunks: number, shape: CorpusShape, seed: number): CorpusPlan {
  const rand = seeded(seed);
  const topics: number[] = [];
  const starts: number[] = [];
  const chunkDoc = new Int32Array(chunks);
  for (let c = 0; c < chunks;) {
    const doc = topics.length;
    topics.push(Math.floor(rand() * shape.topics));
    starts.push(c);
    const n = Math.min(chunks - c, 10 + Math.floor(rand() * 61));
    chunkDoc.fill(doc, c, c + n);
    c += n;
  }
  starts.push(chunks);
  return { docTopic: Int32Array.from(topics), docStart: Int32Array.from(starts), chunkDoc };
}

/** Every chunk's unit vector, row after row in one array (chunk i at i·dimensions). */
export function makeVectors(plan: CorpusPlan, topics: readonly Topic[], shape: CorpusShape, seed: number): Float32Array {
  const rand = seeded(seed);
  const d = shape.dimensions;
  const out = new Float32Array(plan.chunkDoc.length * d);
  for (let doc = 0; doc < plan.docTopic.length; doc++) {
    const docVector = near(rand, topics[plan.docTopic[doc]].centroid, shape.documentSpread);
    for (let c = plan.docStart[doc]; c < plan.docStart[doc + 1]; c++) out.set(normalize(near(rand, docVector, shape.chunkSpread)), c * d);
  }
  return out;
}

/** One sentence: 6 to 24 words, a fifth of them the topic's, clauses split by commas. */
function sentence(rand: () => number, vocab: Vocabulary, topic: Topic): string {
  const n = 6 + Math.floor(rand() * 19);
  let s = '';
  let prevEnglish = false;
  for (let i = 0; i < n; i++) {
    const w = rand() < 0.2 ? topic.words[Math.floor(rand() * topic.words.length)] : vocab.word(rand);
    const english = /^[A-Za-z0-9]/.test(w);
    s += english || prevEnglish ? ` ${w}` : w;
    prevEnglish = english;
    if (i > 2 && i < n - 2 && rand() < 0.12) s += '，';
  }
  return `${s.trim()}${rand() < 0.9 ? '。' : '；'}`;
}

/** Prose of about `chars` characters (a chunk of 300 to 400 tokens: about as many characters). */
export function prose(rand: () => number, vocab: Vocabulary, topic: Topic, chars: number): string {
  let out = '';
  while (out.length < chars) out += sentence(rand, vocab, topic);
  return out;
}

/**
 * A search query about `topic`: two or three of its words, perhaps a common word or an English term,
 * in one of the shapes people type (a question, a phrase, keywords).
 */
export function queryText(rand: () => number, vocab: Vocabulary, topic: Topic): string {
  const pick = () => topic.words[Math.floor(rand() * topic.words.length)];
  const words = [pick(), pick()];
  if (rand() < 0.5) words.push(pick());
  if (rand() < 0.4) words.push(vocab.word(rand));
  const shapes = [
    () => `${words.join('')}是什么？`,
    () => `如何${words.join('')}`,
    () => `关于${words.slice(0, -1).join('')}的${words.at(-1)}`,
    () => words.join(' '),
    () => `${words.join('，')}有哪些要求`,
  ];
  return shapes[Math.floor(rand() * shapes.length)]();
}

/** A query vector: the chunk the question is about, moved a little (a paraphrase is not the text). */
export function queryVector(rand: () => number, vectors: Float32Array, chunk: number, dimensions: number): Float32Array {
  const v = near(rand, vectors.subarray(chunk * dimensions, (chunk + 1) * dimensions), 0.5);
  return normalize(v);
}

/**
 * A Markdown document of about `chars` characters: a title, sections and subsections with headings,
 * prose paragraphs, lists, now and then a table or a code block; what `bench/kb-ingest.ts` ingests.
 */
export function markdownDocument(rand: () => number, vocab: Vocabulary, topic: Topic, chars: number): string {
  const word = () => topic.words[Math.floor(rand() * topic.words.length)];
  const parts: string[] = [`# ${word()}${word()}管理办法`, prose(rand, vocab, topic, 120)];
  let size = parts.join('\n\n').length;
  for (let section = 1; size < chars; section++) {
    parts.push(`## 第${section}章 ${word()}${word()}`);
    for (let sub = 1; sub <= 3 && size < chars; sub++) {
      parts.push(`### ${section}.${sub} ${word()}与${word()}`);
      parts.push(prose(rand, vocab, topic, 150 + Math.floor(rand() * 450)));
      const r = rand();
      if (r < 0.15) {
        const rows = 3 + Math.floor(rand() * 8);
        const table = [`| 项目 | ${word()} | 说明 |`, '| --- | --- | --- |'];
        for (let i = 0; i < rows; i++) table.push(`| ${word()} | ${Math.floor(rand() * 1000)} | ${prose(rand, vocab, topic, 20)} |`);
        parts.push(table.join('\n'));
      } else if (r < 0.25) {
        parts.push(Array.from({ length: 3 + Math.floor(rand() * 4) }, () => `- ${prose(rand, vocab, topic, 40)}`).join('\n'));
      } else if (r < 0.3) {
        parts.push(
          [
            '```yaml',
            `${vocab.english[Math.floor(rand() * 40)].toLowerCase()}:`,
            `  enabled: true`,
            `  limit: ${Math.floor(rand() * 100)}`,
            '```',
          ].join('\n'),
        );
      }
      size = parts.reduce((n, p) => n + p.length + 2, 0);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
