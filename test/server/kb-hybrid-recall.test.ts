import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKb, search, settled, startKbScene, upload } from '../helpers/kb-api.js';

// Issue 17, acceptance: on a small labelled set, hybrid retrieval's recall@5 is at least that of
// BM25 alone and of vectors alone. The set is built so that each method alone misses something:
// - paraphrases (refunding ~ refund, couriers ~ courier) share no word with their document, so BM25
//   finds nothing, while the fake embedding (a bag of character bigrams) puts them near it;
// - rare exact terms (a part number, a place name) sit once in a long document, next to short
//   look-alike documents (ZQ7731Y, Brixham…) that the embedding prefers, while BM25 matches the word.

const FILLER =
  'Routine maintenance keeps the equipment reliable. Inspect seals, hoses and fittings every month, clean the filters, check the oil level and record the readings in the logbook. Replace worn belts before they crack, and keep the workshop tidy so that tools are easy to find. Operators should wear gloves and eye protection during every service.';

const CORPUS: Record<string, string> = {
  'refund.txt': 'Refund policy: customers may refund a purchase within thirty days of delivery.',
  'shipping.txt': 'Delivery options: every order leaves our warehouse with an express courier.',
  'warranty.txt': 'Warranty terms: the manufacturer warrants each battery for two years.',
  'manual.txt': `${FILLER} The replacement pump carries part number ZQ7731X on its label. ${FILLER}`,
  'history.txt': `${FILLER} The first workshop opened in Brixton in 1987. ${FILLER}`,
  'privacy.txt': 'Privacy: we never sell personal data to third parties.',
  'hours.txt': 'Opening hours: the support desk answers calls from nine to six on weekdays.',
  // Look-alikes of the rare terms: near in bigrams, other words to BM25.
  'zq-a.txt': 'ZQ7731 adapter plate',
  'zq-b.txt': 'ZQ7713X cable set',
  'zq-c.txt': 'ZQ7731Y fuse box',
  'zq-d.txt': 'XZQ7731 mounting bracket',
  'zq-e.txt': 'ZQ773 gasket',
  'zq-f.txt': 'QZ7731X valve',
  'br-a.txt': 'Brixham harbour',
  'br-b.txt': 'Brixworth church',
  'br-c.txt': 'Brixen pass',
  'br-d.txt': 'Brixia museum',
  'br-e.txt': 'Brixhall road',
  'br-f.txt': 'Brixtown mill',
};

/** Questions and the document that answers each. */
const LABELLED: Array<{ query: string; relevant: string; kind: 'paraphrase' | 'rare term' | 'plain' }> = [
  { query: 'refunding purchases', relevant: 'refund.txt', kind: 'paraphrase' },
  { query: 'couriers ordered', relevant: 'shipping.txt', kind: 'paraphrase' },
  { query: 'warranties batteries', relevant: 'warranty.txt', kind: 'paraphrase' },
  { query: 'ZQ7731X', relevant: 'manual.txt', kind: 'rare term' },
  { query: 'Brixton', relevant: 'history.txt', kind: 'rare term' },
  { query: 'support desk hours', relevant: 'hours.txt', kind: 'plain' },
  { query: 'personal data privacy', relevant: 'privacy.txt', kind: 'plain' },
];

const K = 5;

describe('hybrid recall@5 on a labelled set', () => {
  let scene: Awaited<ReturnType<typeof startKbScene>>;

  beforeAll(async () => {
    scene = await startKbScene();
    await createKb(scene.baimo, { name: 'labelled' });
    const r = await upload(scene.baimo, 'labelled', {
      files: Object.entries(CORPUS).map(([name, text]) => ({ name, data: text, type: 'text/plain' })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    for (const d of (await settled(scene.baimo, 'labelled')).values()) expect(d.status, d.name).toBe('ready');
  }, 60_000);
  afterAll(async () => {
    await scene?.close();
  });

  /** recall@5 of a mode over the set, and which questions it missed. */
  async function recall(mode: 'keyword' | 'vector' | 'hybrid'): Promise<{ recall: number; missed: string[] }> {
    const missed: string[] = [];
    for (const q of LABELLED) {
      const r = await search(scene.baimo, 'labelled', { query: q.query, mode, top_k: K });
      expect(r.mode).toBe(mode);
      expect(r.data.length).toBeLessThanOrEqual(K);
      if (!r.data.some((h: any) => h.document_name === q.relevant)) missed.push(q.query);
    }
    return { recall: (LABELLED.length - missed.length) / LABELLED.length, missed };
  }

  it('hybrid ≥ keyword-only and ≥ vector-only, and each method alone misses what the other finds', async () => {
    const keyword = await recall('keyword');
    const vector = await recall('vector');
    const hybrid = await recall('hybrid');
    console.log(
      `[kb] recall@${K}: keyword ${keyword.recall.toFixed(2)} (missed ${keyword.missed.join(', ')}), vector ${vector.recall.toFixed(2)} (missed ${vector.missed.join(', ')}), hybrid ${hybrid.recall.toFixed(2)}`,
    );
    expect(hybrid.recall).toBeGreaterThanOrEqual(keyword.recall);
    expect(hybrid.recall).toBeGreaterThanOrEqual(vector.recall);
    // The set does what it was built for: BM25 misses the paraphrases, vectors miss the rare terms.
    const of = (kind: string) => LABELLED.filter((q) => q.kind === kind).map((q) => q.query);
    expect(keyword.missed).toEqual(of('paraphrase'));
    expect(vector.missed).toEqual(of('rare term'));
    expect(hybrid.missed).toEqual([]);
  });

  it('shows each hit’s rank in both rankings: a rare term is first by BM25 and lower by vector, first fused', async () => {
    const r = await search(scene.baimo, 'labelled', { query: 'ZQ7731X', top_k: K });
    expect(r.data[0]).toMatchObject({ document_name: 'manual.txt', ranks: { keyword: 1, fused: 1 } });
    expect(r.data[0].ranks.vector).toBeGreaterThan(K);
    expect(r.data[0].text).toContain('ZQ7731X');
    expect(r.timings.total).toBeGreaterThanOrEqual(0);
    // A keyword weight of 0 leaves the vector ranking alone: the look-alikes win.
    const vectorOnly = await search(scene.baimo, 'labelled', { query: 'ZQ7731X', top_k: K, keyword_weight: 0 });
    expect(vectorOnly.data.map((h: any) => h.document_name)).not.toContain('manual.txt');
  });
});
