import type { KbBaseRow } from '../store/knowledge-repository.js';
import { KEYWORD_LIMITS } from '../store/keyword-index.js';
import type { KnowledgeContext } from './knowledge-context.js';
import { sameDictionary } from './knowledge-records.js';

/** A chunk whose keyword postings are written: its id, its document and its text. */
export interface PostingSource {
  id: string;
  documentId: string;
  text: string;
}

/** Rounds {@link settleKeywords} follows a dictionary that keeps changing before it leaves the rest to the reindex jobs. */
const SETTLE_ROUNDS = 5;

/** Writes the keyword postings of these chunks, segmented with the dictionary (user words, stopwords) of `base` as given. */
export async function writePostings(
  k: KnowledgeContext,
  base: Pick<KbBaseRow, 'id' | 'settings'>,
  items: readonly PostingSource[],
): Promise<void> {
  const segmenter = k.segmenter(base);
  for (let i = 0; i < items.length; i += KEYWORD_LIMITS.upsertItems)
    await k.keywords.upsert(
      base.id,
      items.slice(i, i + KEYWORD_LIMITS.upsertItems).map((c) => ({ id: c.id, documentId: c.documentId, tokens: segmenter.index(c.text) })),
    );
}

/**
 * Called once a batch's postings were written with the dictionary of `used` (and, by an ingestion, its
 * chunk rows after them): reads the base again and, while its dictionary is not the one written with,
 * writes the postings again with the one it has now. A change of user words or stopwords enqueues a
 * reindex that lists the chunks after the change: a chunk row written before this read is either seen
 * by that reindex (which writes after this batch did) or found here, so no chunk keeps the old
 * segmentation. Returns the base as read last; undefined when it is gone (the caller drops what it wrote).
 */
export async function settleKeywords(
  k: KnowledgeContext,
  used: KbBaseRow,
  items: readonly PostingSource[],
): Promise<KbBaseRow | undefined> {
  let written = used;
  for (let round = 0; ; round++) {
    const now = await k.repo.baseById(used.id);
    if (!now) return undefined;
    if (round >= SETTLE_ROUNDS || sameDictionary(now.settings, written.settings)) return now;
    await writePostings(k, now, items);
    written = now;
  }
}
