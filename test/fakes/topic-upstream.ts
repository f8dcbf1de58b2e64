import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import type { Taxonomy } from '../../src/analytics/taxonomy.js';
import { near, seededRandom, unitVector } from '../analytics/topic-fakes.js';
import { embeddingUsage, fnv1a } from './embedding-fake.js';
import { completion, pathOf, startUpstreamServer, writeError, writeJson } from '../helpers/openai-wire.js';

/**
 * A local OpenAI-compatible upstream for topic classification tests, speaking the wire format of
 * `/v1/embeddings` and `/v1/chat/completions`:
 *
 * - embeddings place each text in a space where every label has a direction: the taxonomy's example
 *   prompts lie near their label's, a request text marked `[topic:<label>]` near that label's, one
 *   marked `[undecided]` far from all of them (the embeddings leave it to `other`), anything else at a
 *   random direction of its own. Every input is recorded, so a test counts what was embedded.
 * - chat answers a zero-shot classification question (its system prompt is the classifier's) with the
 *   label a `[zs:<label>]` marker in the request names (else `other`), and anything else with `ok`.
 */
export interface TopicUpstream {
  url: string;
  /** Every text embedded, in order (each input of each call). */
  embedded: string[];
  /** Embedding calls received. */
  embedCalls: number;
  /** Zero-shot questions received (the request text each was about). */
  zeroShot: string[];
  /** User chat requests received. */
  chats: number;
  close(): Promise<void>;
}

export const TOPIC_DIMENSIONS = 64;

/** The vector space of the fake: one direction per label of `taxonomy`. */
export function topicSpace(taxonomy: Taxonomy = DEFAULT_TAXONOMY): (text: string) => number[] {
  const rand = seededRandom(20_26);
  const base = new Map<string, number[]>();
  for (const l of taxonomy.labels) base.set(l.id, unitVector(rand, TOPIC_DIMENSIONS));
  const examples = new Map<string, string>();
  for (const l of taxonomy.labels) for (const e of l.examples) examples.set(e, l.id);
  return (text) => {
    const r = seededRandom(fnv1a(text));
    const label = examples.get(text) ?? /\[topic:([a-z0-9_-]+)\]/.exec(text)?.[1];
    const b = label ? base.get(label) : undefined;
    if (b) return near(b, examples.has(text) ? 0.15 : 0.25, r);
    return unitVector(r, TOPIC_DIMENSIONS);
  };
}

/** The text a zero-shot question is about (between the triple quotes of its user message). */
function zeroShotText(body: any): string | undefined {
  const system = body?.messages?.[0]?.content;
  if (typeof system !== 'string' || !system.startsWith('你是一个请求分类器')) return undefined;
  const user = String(body.messages[1]?.content ?? '');
  return /"""\n([\s\S]*)\n"""/.exec(user)?.[1] ?? '';
}

export async function startTopicUpstream(opts: { taxonomy?: Taxonomy } = {}): Promise<TopicUpstream> {
  const vectorOf = topicSpace(opts.taxonomy);
  const fake: TopicUpstream = { url: '', embedded: [], embedCalls: 0, zeroShot: [], chats: 0, close: async () => undefined };
  const server = await startUpstreamServer((req, res, raw) => {
    const path = pathOf(req);
    if (path.endsWith('/models'))
      return writeJson(res, 200, { object: 'list', data: [{ id: 'm1', object: 'model', created: 1, owned_by: 'fake' }] });
    let body: any;
    try {
      body = JSON.parse(raw);
    } catch {
      return writeError(res, 400, 'body must be JSON');
    }
    if (path.endsWith('/embeddings')) {
      const input: string[] = typeof body.input === 'string' ? [body.input] : body.input;
      if (!Array.isArray(input) || input.length === 0 || input.some((t) => typeof t !== 'string' || !t))
        return writeError(res, 400, 'input must be a string or a list of non-empty strings');
      fake.embedCalls++;
      fake.embedded.push(...input);
      return writeJson(res, 200, {
        object: 'list',
        data: input.map((t, index) => ({ object: 'embedding', index, embedding: vectorOf(t) })),
        model: body.model,
        usage: embeddingUsage(input),
      });
    }
    if (path.endsWith('/chat/completions')) {
      const asked = zeroShotText(body);
      let text = 'ok';
      if (asked !== undefined) {
        fake.zeroShot.push(asked);
        text = /\[zs:([a-z0-9_-]+)\]/.exec(asked)?.[1] ?? 'other';
      } else fake.chats++;
      return writeJson(
        res,
        200,
        completion('chatcmpl-topic', body.model, { role: 'assistant', content: text }, 'stop', { prompt_tokens: 20, completion_tokens: 2 }),
      );
    }
    writeError(res, 404, `no route ${path}`);
  });
  fake.url = server.url;
  fake.close = server.close;
  return fake;
}
