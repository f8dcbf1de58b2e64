import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import { OTHER_LABEL_ID, taxonomyHash } from '../../src/analytics/taxonomy.js';
import { TopicBatchClassifier } from '../../src/analytics/topic-batch-classifier.js';
import { buildLabelVectors } from '../../src/analytics/topic-classifier.js';
import {
  inTopicSample,
  layeredTopicCache,
  MemoryTopicCache,
  promptHash,
  samplePosition,
  type TopicCacheEntry,
} from '../../src/analytics/topic-sampling.js';
import { near, seededRandom, TableEmbedder, unitVector } from './topic-fakes.js';

const DIMS = 48;
const TOPICS = DEFAULT_TAXONOMY.labels.filter((l) => l.id !== OTHER_LABEL_ID);

/** The default taxonomy's examples near their topic's direction, plus `perTopic` requests near each topic and `far` ones near none. */
function traffic(perTopic: number, far: number, seed = 3) {
  const rand = seededRandom(seed);
  const embedder = new TableEmbedder();
  const requests: Array<{ text: string; topic: string }> = [];
  for (const l of TOPICS) {
    const d = unitVector(rand, DIMS);
    for (const e of l.examples) embedder.table.set(e, near(d, 0.3, rand));
    for (let k = 0; k < perTopic; k++) {
      const text = `${l.id} request ${k}`;
      embedder.table.set(text, near(d, 0.4, rand));
      requests.push({ text, topic: l.id });
    }
  }
  for (let k = 0; k < far; k++) {
    const text = `unrelated request ${k}`;
    embedder.table.set(text, unitVector(rand, DIMS));
    requests.push({ text, topic: OTHER_LABEL_ID });
  }
  return { embedder, requests };
}

describe('topic sampling', () => {
  it('is deterministic, monotone in the rate and close to the rate over many prompts', () => {
    const prompts = Array.from({ length: 20_000 }, (_, i) => `prompt number ${i}`);
    for (const rate of [0.01, 0.1, 0.25, 0.5, 0.9]) {
      const inside = prompts.filter((p) => inTopicSample(p, rate));
      // Binomial: 4 standard deviations.
      const sd = Math.sqrt(prompts.length * rate * (1 - rate));
      expect(Math.abs(inside.length - prompts.length * rate)).toBeLessThan(4 * sd);
      expect(prompts.filter((p) => inTopicSample(p, rate))).toEqual(inside);
      for (const p of inside.slice(0, 500)) expect(inTopicSample(p, Math.min(1, rate * 1.5))).toBe(true);
    }
    expect(prompts.some((p) => inTopicSample(p, 0))).toBe(false);
    expect(prompts.every((p) => inTopicSample(p, 1))).toBe(true);
    expect(inTopicSample('x', Number.NaN)).toBe(false);
    const pos = samplePosition('hello');
    expect(pos).toBeGreaterThanOrEqual(0);
    expect(pos).toBeLessThan(1);
  });

  it('keys the cache by text and taxonomy', () => {
    const h = taxonomyHash(DEFAULT_TAXONOMY);
    expect(promptHash('hello', h)).toMatch(/^[0-9a-f]{64}$/);
    expect(promptHash('hello', h)).toBe(promptHash('hello', h));
    expect(promptHash('hello!', h)).not.toBe(promptHash('hello', h));
    expect(promptHash('hello', 'other-taxonomy')).not.toBe(promptHash('hello', h));
  });

  it('the memory cache is a bounded LRU', async () => {
    const cache = new MemoryTopicCache(3);
    const e = (label: string): TopicCacheEntry => ({ label, score: 0.9, via: 'embedding' });
    await cache.set('a', e('a'));
    await cache.set('b', e('b'));
    await cache.set('c', e('c'));
    expect((await cache.get('a'))?.label).toBe('a');
    await cache.set('d', e('d'));
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.label).toBe('a');
    expect((await cache.get('d'))?.label).toBe('d');
  });

  it('a layered cache reads through to the backing store and keeps hits in memory', async () => {
    const backing = new MemoryTopicCache(100);
    let reads = 0;
    const counted = { get: (h: string) => (reads++, backing.get(h)), set: (h: string, v: TopicCacheEntry) => backing.set(h, v) };
    const memory = new MemoryTopicCache(10);
    const cache = layeredTopicCache(memory, counted);
    await backing.set('k', { label: 'code', score: 0.8, via: 'embedding' });
    expect((await cache.get('k'))?.label).toBe('code');
    expect((await cache.get('k'))?.label).toBe('code');
    expect(reads).toBe(1);
    await cache.set('n', { label: 'legal', score: 0.7, via: 'embedding' });
    expect((await backing.get('n'))?.label).toBe('legal');
  });
});

describe('batch topic classification', () => {
  it('gives every request its topic, embeds each distinct prompt once and a repeated prompt never again', async () => {
    const { embedder, requests } = traffic(12, 30);
    const classifier = new TopicBatchClassifier({ taxonomy: DEFAULT_TAXONOMY, embedder });
    const texts = requests.map((r) => r.text);
    // Every prompt twice in the batch, once with other whitespace.
    const batch = [...texts, ...texts.map((t) => `  ${t.replace(/ /g, '\n ')}  `)];
    const results = await classifier.classify(batch);
    expect(embedder.calls).toBe(2); // the label vectors, then the batch
    expect(embedder.embedded.filter((t) => texts.includes(t)).sort()).toEqual([...texts].sort());
    results.forEach((r, i) => {
      const want = requests[i % requests.length]!;
      expect(r.status).toBe('classified');
      if (r.status === 'classified') expect(r.label, want.text).toBe(want.topic);
    });
    expect(results.filter((r) => r.status === 'classified' && r.label === OTHER_LABEL_ID).length).toBe(60);

    const again = await classifier.classify([texts[0]!, texts[5]!]);
    expect(embedder.calls).toBe(2);
    expect(again.map((r) => r.status === 'classified' && r.via)).toEqual(['cache', 'cache']);
  });

  it('classifies only the sampled prompts, and empty text not at all', async () => {
    const { embedder, requests } = traffic(40, 0, 5);
    const rate = 0.3;
    const classifier = new TopicBatchClassifier({ taxonomy: DEFAULT_TAXONOMY, embedder, sampleRate: rate });
    const results = await classifier.classify([...requests.map((r) => r.text), '', '   ']);
    const sampled = requests.filter((r) => inTopicSample(r.text, rate));
    expect(sampled.length).toBeGreaterThan(0);
    expect(sampled.length).toBeLessThan(requests.length);
    expect(results.filter((r) => r.status === 'classified').length).toBe(sampled.length);
    expect(results.slice(-2)).toEqual([{ status: 'empty' }, { status: 'empty' }]);
    const examples = new Set(TOPICS.flatMap((l) => l.examples));
    expect(embedder.embedded.filter((t) => !examples.has(t)).sort()).toEqual(sampled.map((r) => r.text).sort());
    results.slice(0, requests.length).forEach((r, i) => {
      if (r.status === 'classified') expect(r.label).toBe(requests[i]!.topic);
      else expect(inTopicSample(requests[i]!.text, rate)).toBe(false);
    });
  });

  it('asks the zero-shot model about undecided requests only, and keeps other when it fails', async () => {
    const { embedder, requests } = traffic(2, 4, 9);
    const asked: string[] = [];
    const classifier = new TopicBatchClassifier({
      taxonomy: DEFAULT_TAXONOMY,
      embedder,
      zeroShot: {
        async complete(messages) {
          const user = String(messages.at(-1)!.content);
          asked.push(user);
          if (user.includes('request 0')) return '答案：翻译';
          if (user.includes('request 1')) throw new Error('upstream down');
          return 'I am not sure.';
        },
      },
    });
    const results = await classifier.classify(requests.map((r) => r.text));
    expect(asked.length).toBe(4);
    const far = results.slice(-4);
    expect(far[0]).toMatchObject({ status: 'classified', label: 'translation', via: 'zero_shot' });
    for (const r of far.slice(1)) expect(r).toMatchObject({ status: 'classified', label: OTHER_LABEL_ID, via: 'embedding' });
    results.slice(0, -4).forEach((r, i) => expect(r).toMatchObject({ label: requests[i]!.topic, via: 'embedding' }));
  });

  it('uses label vectors built before for the same taxonomy, and rebuilds for another', async () => {
    const { embedder, requests } = traffic(1, 0, 13);
    const built = await buildLabelVectors(DEFAULT_TAXONOMY, embedder);
    embedder.calls = 0;
    await new TopicBatchClassifier({ taxonomy: DEFAULT_TAXONOMY, embedder, labelVectors: built }).classify([requests[0]!.text]);
    expect(embedder.calls).toBe(1);
    embedder.calls = 0;
    await new TopicBatchClassifier({ taxonomy: DEFAULT_TAXONOMY, embedder, labelVectors: { ...built, taxonomyHash: 'stale' } }).classify([
      requests[0]!.text,
    ]);
    expect(embedder.calls).toBe(2);
  });
});
