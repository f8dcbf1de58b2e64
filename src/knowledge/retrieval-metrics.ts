/**
 * Retrieval quality on labelled questions (`baimo kb eval`): recall@k and MRR, the way IR papers and
 * the RAG evaluation tools report them. Pure: it scores rankings that the caller retrieved.
 *
 * A question names its relevant items (document names, document ids or chunk ids); a hit "is" an
 * item when any of its identifiers equals it, so a question may mix documents and chunks.
 */

/** The identifiers one hit answers to (its chunk id, document id and document name). */
export type HitKeys = readonly string[];

/** How one ranking did on one question. */
export interface QueryScore {
  /** Share of the question's distinct relevant items found among the top k hits (0..1). */
  recall: number;
  /** 1 / rank of the first top-k hit that is a relevant item; 0 when none is. */
  reciprocalRank: number;
  /** That rank (1-based), or null. */
  firstRelevantRank: number | null;
  /** How many distinct relevant items were found within k. */
  found: number;
  /** How many distinct relevant items the question names. */
  relevant: number;
}

/** Averages over the questions of one ranking method. */
export interface MetricSummary {
  /** Mean recall@k. */
  recall: number;
  /** Mean reciprocal rank (MRR@k). */
  mrr: number;
  /** Questions averaged. */
  queries: number;
}

/**
 * Scores one ranking (`hits`, best first) against a question's relevant items, looking at the top
 * `k` hits only. Repeated relevant items count once; a relevant document found through several of
 * its chunks counts once. A question without relevant items has nothing to find: it scores 0.
 */
export function scoreQuery(hits: readonly HitKeys[], relevant: readonly string[], k: number): QueryScore {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const wanted = new Set(relevant);
  const found = new Set<string>();
  let firstRelevantRank: number | null = null;
  const top = hits.slice(0, k);
  for (let i = 0; i < top.length; i++) {
    let relevantHit = false;
    for (const key of top[i]) {
      if (!wanted.has(key)) continue;
      found.add(key);
      relevantHit = true;
    }
    if (relevantHit && firstRelevantRank === null) firstRelevantRank = i + 1;
  }
  return {
    recall: wanted.size === 0 ? 0 : found.size / wanted.size,
    reciprocalRank: firstRelevantRank === null ? 0 : 1 / firstRelevantRank,
    firstRelevantRank,
    found: found.size,
    relevant: wanted.size,
  };
}

/** Mean recall and MRR over questions; both 0 when there are none. */
export function summarise(scores: readonly QueryScore[]): MetricSummary {
  if (scores.length === 0) return { recall: 0, mrr: 0, queries: 0 };
  let recall = 0;
  let rr = 0;
  for (const s of scores) {
    recall += s.recall;
    rr += s.reciprocalRank;
  }
  return { recall: recall / scores.length, mrr: rr / scores.length, queries: scores.length };
}
