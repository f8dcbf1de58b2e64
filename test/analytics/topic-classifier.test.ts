import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../../src/analytics/taxonomy-defaults.js';
import { OTHER_LABEL_ID, taxonomyHash } from '../../src/analytics/taxonomy.js';
import { buildLabelVectors, classifyVector, normalizeVector } from '../../src/analytics/topic-classifier.js';
import { normalizeTopicText, requestTopicText } from '../../src/analytics/topic-text.js';
import { near, seededRandom, TableEmbedder, unitVector } from './topic-fakes.js';

const DIMS = 64;
const TOPICS = DEFAULT_TAXONOMY.labels.filter((l) => l.id !== OTHER_LABEL_ID);

/** Each topic gets a random direction; its examples are placed near it. */
function placeTaxonomy(seed = 7) {
  const rand = seededRandom(seed);
  const embedder = new TableEmbedder();
  const directions = new Map<string, number[]>();
  for (const l of TOPICS) {
    const d = unitVector(rand, DIMS);
    directions.set(l.id, d);
    for (const e of l.examples) embedder.table.set(e, near(d, 0.3, rand));
  }
  return { embedder, directions, rand };
}

describe('topic classifier', () => {
  it('builds one unit vector per label (not other) in one batched call', async () => {
    const { embedder, directions } = placeTaxonomy();
    const labels = await buildLabelVectors(DEFAULT_TAXONOMY, embedder);
    expect(embedder.calls).toBe(1);
    expect(embedder.embedded.length).toBe(TOPICS.reduce((s, l) => s + l.examples.length, 0));
    expect(labels.ids).toEqual(TOPICS.map((l) => l.id));
    expect(labels.taxonomyHash).toBe(taxonomyHash(DEFAULT_TAXONOMY));
    expect(labels.dimensions).toBe(DIMS);
    labels.vectors.forEach((v, j) => {
      expect(Math.hypot(...v)).toBeCloseTo(1, 9);
      // The mean of the examples points along the topic's direction.
      const d = directions.get(labels.ids[j]!)!;
      expect(v.reduce((s, x, i) => s + x * d[i]!, 0)).toBeGreaterThan(0.9);
    });
  });

  it('the label vector is the normalised mean of the normalised example embeddings', async () => {
    const embedder = new TableEmbedder();
    embedder.table.set('a1', [2, 0, 0]);
    embedder.table.set('a2', [0, 5, 0]);
    embedder.table.set('b1', [0, 0, 3]);
    const t = {
      labels: [
        { id: 'a', zh: '甲', en: 'A', description: '', examples: ['a1', 'a2'] },
        { id: 'b', zh: '乙', en: 'B', description: '', examples: ['b1'] },
      ],
    };
    const labels = await buildLabelVectors(t, embedder);
    expect([...labels.vectors[0]!]).toEqual([Math.SQRT1_2, Math.SQRT1_2, 0].map((x) => expect.closeTo(x, 12)));
    expect([...labels.vectors[1]!]).toEqual([0, 0, 1]);
  });

  it('refuses an embedding answer with the wrong count or dimensions', async () => {
    const t = { labels: [{ id: 'a', zh: '甲', en: 'A', description: '', examples: ['x', 'y'] }] };
    await expect(buildLabelVectors(t, { embed: async () => [[1, 0]] })).rejects.toThrow(/1 vectors for 2 texts/);
    await expect(buildLabelVectors(t, { embed: async () => [[1, 0], [1]] })).rejects.toThrow(/dimensions/);
  });

  it('gives every request placed near its topic that topic, and far ones other', async () => {
    const { embedder, directions, rand } = placeTaxonomy(11);
    const labels = await buildLabelVectors(DEFAULT_TAXONOMY, embedder);
    let checked = 0;
    for (const l of TOPICS)
      for (let k = 0; k < 20; k++) {
        const m = classifyVector(
          labels,
          near(directions.get(l.id)!, 0.4, rand).map((x) => x * (1 + k)),
        );
        expect(m.label, `request ${k} of ${l.id}`).toBe(l.id);
        expect(m.decidedBy).toBe('nearest');
        expect(m.score).toBeGreaterThan(0.5);
        expect(m.runnerUp!.score).toBeLessThan(m.score);
        expect(m.runnerUp!.label).not.toBe(l.id);
        checked++;
      }
    expect(checked).toBe(TOPICS.length * 20);
    for (let k = 0; k < 50; k++) {
      const m = classifyVector(labels, unitVector(rand, DIMS));
      expect(m.label).toBe(OTHER_LABEL_ID);
      expect(m.decidedBy).toBe('below_threshold');
      expect(m.nearest!.label).not.toBe(OTHER_LABEL_ID);
      expect(m.score).toBe(m.nearest!.score);
    }
  });

  it('sends a request halfway between two topics to other by the margin, and honours the thresholds', async () => {
    const embedder = new TableEmbedder();
    embedder.table.set('a', [1, 0, 0]);
    embedder.table.set('b', [0, 1, 0]);
    const t = {
      labels: [
        { id: 'a', zh: '甲', en: 'A', description: '', examples: ['a'] },
        { id: 'b', zh: '乙', en: 'B', description: '', examples: ['b'] },
      ],
    };
    const labels = await buildLabelVectors(t, embedder);
    const between = classifyVector(labels, [1, 1.01, 0]);
    expect(between).toMatchObject({ label: OTHER_LABEL_ID, decidedBy: 'no_margin', nearest: { label: 'b' }, runnerUp: { label: 'a' } });
    expect(classifyVector(labels, [1, 1.01, 0], { margin: 0 }).label).toBe('b');
    expect(classifyVector(labels, [1, 0.2, 0.5]).label).toBe('a');
    expect(classifyVector(labels, [1, 0.2, 0.5], { threshold: 0.95 })).toMatchObject({
      label: OTHER_LABEL_ID,
      decidedBy: 'below_threshold',
    });
    expect(classifyVector(labels, [0, 0, 0]).decidedBy).toBe('empty');
    expect(classifyVector(labels, [1, 0]).decidedBy).toBe('empty');
    expect(normalizeVector([3, 4])).toEqual(new Float64Array([0.6, 0.8]));
  });
});

describe('request text', () => {
  it('takes the last user message(s), text parts only, normalised', () => {
    const body = {
      model: 'm',
      messages: [
        { role: 'system', content: 'You are helpful' },
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'an answer' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '  Ｈｅｌｌｏ\n\n  world ' },
            { type: 'image_url', image_url: { url: 'data:...' } },
            { type: 'text', text: '第二段' },
          ],
        },
        { role: 'assistant', content: null, tool_calls: [] },
      ],
    };
    expect(requestTopicText(body)).toBe('Hello world 第二段');
    expect(requestTopicText(body, { lastUserMessages: 2 })).toBe('first question Hello world 第二段');
    expect(requestTopicText(body, { maxChars: 7 })).toBe('Hello w');
    expect(requestTopicText({ prompt: ' a\tb ' })).toBe('a b');
    expect(requestTopicText({ prompt: ['x y'] })).toBe('x y');
    expect(requestTopicText({ input: 'translate this' })).toBe('translate this');
    for (const bad of [null, 'text', 42, {}, { messages: [] }, { messages: [null, 1, { role: 'user', content: 5 }] }])
      expect(requestTopicText(bad)).toBe('');
  });

  it('bounds long text by code points without splitting a character', () => {
    expect(normalizeTopicText('😀'.repeat(5000))).toBe('😀'.repeat(2000));
    expect(normalizeTopicText('汉'.repeat(10), 3)).toBe('汉汉汉');
    expect(normalizeTopicText('a'.repeat(1_000_000)).length).toBe(2000);
  });
});
