import { z } from 'zod';
import type { ChatMessage, ChatRequest } from '../core/chat-types.js';
import { badRequest } from '../core/errors.js';
import { KB_LIMITS, kbNameSchema, RETRIEVAL_MODES, type RetrievalMode } from './knowledge-types.js';

/** The chat request extension: `knowledge: ["hr-handbook"]` or `knowledge: {bases: [...], top_k, …}`. */
const extensionSchema = z.union([
  z.array(kbNameSchema).min(1).max(KB_LIMITS.basesPerRequest),
  z
    .object({
      bases: z.array(kbNameSchema).min(1).max(KB_LIMITS.basesPerRequest),
      top_k: z.number().int().min(1).max(KB_LIMITS.k).optional(),
      mode: z.enum(RETRIEVAL_MODES).optional(),
      score_threshold: z.number().min(0).max(1).optional(),
      metadata: z
        .record(
          z.string().min(1).max(KB_LIMITS.metadataKey),
          z.union([z.string().max(KB_LIMITS.metadataValue), z.array(z.string().max(KB_LIMITS.metadataValue)).min(1).max(50)]),
        )
        .refine((m) => Object.keys(m).length <= KB_LIMITS.metadataKeys, `at most ${KB_LIMITS.metadataKeys} metadata keys`)
        .optional(),
    })
    .strict(),
]);

/** What a grounded request asks of retrieval. */
export interface KnowledgeAsk {
  /** Knowledge base names, the alias's first, then the request's (distinct). */
  bases: string[];
  topK?: number;
  mode?: RetrievalMode;
  scoreThreshold?: number;
  metadata?: Record<string, string | string[]>;
}

/**
 * The knowledge bases a chat request is grounded in: its alias's `knowledge` list and the request's
 * own `knowledge` extension (validated: a 400 names what is wrong). Undefined when neither names one.
 */
export function knowledgeAsk(aliasBases: readonly string[] | undefined, request: ChatRequest): KnowledgeAsk | undefined {
  const raw = request.knowledge;
  if (raw === undefined || raw === null) return aliasBases?.length ? { bases: [...aliasBases] } : undefined;
  const parsed = extensionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['knowledge', ...issue.path].join('.');
    throw badRequest(
      `${where}: ${issue.message}. Use "knowledge": ["<knowledge base name>", …] or {"bases": [...], "top_k": n, "mode": "hybrid"|"keyword"|"vector"}.`,
      'knowledge',
    );
  }
  const ext = Array.isArray(parsed.data) ? { bases: parsed.data } : parsed.data;
  const bases = [...new Set([...(aliasBases ?? []), ...ext.bases])];
  if (bases.length > KB_LIMITS.basesPerRequest)
    throw badRequest(`A request may be grounded in at most ${KB_LIMITS.basesPerRequest} knowledge bases.`, 'knowledge');
  const ask: KnowledgeAsk = { bases };
  if ('top_k' in ext && ext.top_k !== undefined) ask.topK = ext.top_k;
  if ('mode' in ext && ext.mode !== undefined) ask.mode = ext.mode;
  if ('score_threshold' in ext && ext.score_threshold !== undefined) ask.scoreThreshold = ext.score_threshold;
  if ('metadata' in ext && ext.metadata !== undefined) ask.metadata = ext.metadata;
  return ask;
}

/** The request without the `knowledge` extension (providers must not see it). */
export function withoutExtension(request: ChatRequest): ChatRequest {
  if (!('knowledge' in request)) return request;
  const { knowledge: _omit, ...rest } = request;
  return rest as ChatRequest;
}

/** The text of a message: its string content, or its text parts joined. */
export function messageText(m: ChatMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return '';
  let out = '';
  for (const part of c) if (part.type === 'text' && typeof part.text === 'string') out += (out ? '\n' : '') + part.text;
  return out;
}

/** What to search for: the last user message, cut to the search query bound. */
export function retrievalQuery(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== 'user') continue;
    const text = messageText(messages[i]).trim();
    if (text) return text.length > KB_LIMITS.query ? text.slice(0, KB_LIMITS.query) : text;
  }
  return '';
}
