import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { KbBaseRow, KbChunkRow, KbDocumentRow } from '../store/knowledge-repository.js';
import { chunkingSettingsSchema } from './chunking/chunking-settings.js';
import { retrievalSettingsSchema, type KnowledgeBase, type KnowledgeChunk, type KnowledgeDocument } from './knowledge-types.js';

/** What `kb_bases.settings` holds (JSON): everything of a base but its name, model and counts. */
export const storedSettingsSchema = z.object({
  chunking: chunkingSettingsSchema.prefault({}),
  user_words: z.array(z.string()).default([]),
  stopwords: z.array(z.string()).default([]),
  retrieval: retrievalSettingsSchema.prefault({}),
  /**
   * The keyword reindex of the last change of `user_words` or `stopwords`: its round (the job ids count
   * up, `job_reindex_<base>_<round>`) and its job while it has not finished (null once it has).
   */
  reindex: z.object({ round: z.number().int().min(0), job_id: z.string().nullable() }).default({ round: 0, job_id: null }),
});
export type StoredSettings = z.output<typeof storedSettingsSchema>;

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix_` + 20 lower-case letters and digits (a base id is also a collection name: `[a-z][a-z0-9_]*`). */
export function newKnowledgeId(prefix: 'kb' | 'doc'): string {
  let s = `${prefix}_`;
  for (let i = 0; i < 20; i++) s += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return s;
}

function json<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function parseSettings(text: string): StoredSettings {
  const parsed = storedSettingsSchema.safeParse(json<unknown>(text, {}));
  return parsed.success ? parsed.data : storedSettingsSchema.parse({});
}

/** Whether two settings texts segment alike: the same user words and stopwords. */
export function sameDictionary(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseSettings(a);
  const y = parseSettings(b);
  return JSON.stringify([x.user_words, x.stopwords]) === JSON.stringify([y.user_words, y.stopwords]);
}

export function toBase(row: KbBaseRow): KnowledgeBase {
  const s = parseSettings(row.settings);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    embeddingModel: row.embedding_model,
    dimensions: row.dimensions,
    chunking: s.chunking,
    userWords: s.user_words,
    stopwords: s.stopwords,
    retrieval: s.retrieval,
    reindexJobId: s.reindex.job_id,
    documentCount: row.document_count,
    chunkCount: row.chunk_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDocument(row: KbDocumentRow): KnowledgeDocument {
  return {
    id: row.id,
    kbId: row.kb_id,
    name: row.name,
    source: row.source,
    format: row.format as KnowledgeDocument['format'],
    title: row.title,
    bytes: row.bytes,
    contentHash: row.content_hash,
    status: row.status,
    errorReason: row.error_reason as KnowledgeDocument['errorReason'],
    errorMessage: row.error_message,
    chunkCount: row.chunk_count,
    metadata: json<Record<string, string>>(row.metadata, {}),
    jobId: row.job_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toChunk(row: KbChunkRow): KnowledgeChunk {
  return {
    id: row.id,
    kbId: row.kb_id,
    documentId: row.document_id,
    index: row.idx,
    text: row.text,
    titlePath: json<string[]>(row.title_path, []),
    tokens: row.tokens,
    kind: row.kind,
  };
}

/** The cursor of a documents page as the API passes it: opaque, URL-safe. */
export function encodeCursor(c: { createdAt: number; id: string }): string {
  return Buffer.from(`${c.createdAt}:${c.id}`).toString('base64url');
}

export function decodeCursor(text: string): { createdAt: number; id: string } | undefined {
  if (text.length > 200) return undefined;
  const m = /^(\d{1,16}):([a-z]{2,4}_[a-z0-9]{1,40})$/.exec(Buffer.from(text, 'base64url').toString());
  return m ? { createdAt: Number(m[1]), id: m[2]! } : undefined;
}
