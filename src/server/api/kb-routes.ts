import { z } from 'zod';
import { badRequest, notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import {
  createKnowledgeBaseSchema,
  KB_LIMITS,
  kbNameSchema,
  RETRIEVAL_MODES,
  updateKnowledgeBaseSchema,
  type SearchOptions,
} from '../../knowledge/knowledge-types.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { registerKbDocumentRoutes } from './kb-document-routes.js';
import { actorOf, kbNotFound, kbParams, loadBase, pickWorkspace, requireKbAccess, workspaceQuery } from './kb-access.js';
import { kbView, kbViewSchema, searchResultSchema, searchResultView } from './kb-views.js';
import { listOf } from './views.js';

const metadataValue = z.string().max(KB_LIMITS.metadataValue);

/** A search's metadata filter: each key must have the value (or one of the values listed). */
export const metadataFilterSchema = z
  .record(z.string().min(1).max(KB_LIMITS.metadataKey), z.union([metadataValue, z.array(metadataValue).min(1).max(KB_LIMITS.metadataKeys)]))
  .refine((m) => Object.keys(m).length <= KB_LIMITS.metadataKeys, `at most ${KB_LIMITS.metadataKeys} keys`);

/** `POST /api/kb/:kb/search`: a query and overrides of the base's retrieval settings. */
export const searchBodySchema = z
  .object({
    query: z.string().trim().min(1).max(KB_LIMITS.query),
    mode: z.enum(RETRIEVAL_MODES).optional(),
    top_k: z.number().int().min(1).max(KB_LIMITS.k).optional(),
    keyword_weight: z.number().min(0).max(10).optional(),
    vector_weight: z.number().min(0).max(10).optional(),
    rrf_k: z.number().int().min(1).max(1000).optional(),
    score_threshold: z.number().min(0).max(1).optional(),
    rerank: z
      .union([z.string().min(1).max(LIMITS.modelName), z.literal(false)])
      .optional()
      .describe("A rerank model (alias or provider/model), or false to skip the base's reranker"),
    document_ids: z.array(z.string().min(1).max(LIMITS.id)).max(KB_LIMITS.candidates).optional().describe('Only chunks of these documents'),
    metadata: metadataFilterSchema.optional().describe('Only documents whose metadata has these values (a list: any of them)'),
  })
  .strict();

/**
 * Knowledge bases (issue 17): create, list, change and delete bases, and search them (hybrid, keyword
 * or vector, with the ranks of each method). Members with read access and the workspace's API keys
 * read and search; write access changes. Documents: kb-document-routes.ts.
 */
export function registerKbRoutes(c: ApiContext): void {
  const knowledge = () => c.rt.knowledge;

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/kb',
    summary: 'List the knowledge bases of a workspace',
    tag: 'knowledge',
    query: workspaceQuery,
    response: listOf(kbViewSchema),
    handler: async ({ principal, query }) => {
      const workspaceId = pickWorkspace(principal, query.workspace_id);
      requireKbAccess(principal, workspaceId, 'read');
      return { object: 'list' as const, data: (await knowledge().list(workspaceId)).map(kbView) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/kb',
    summary: 'Create a knowledge base (member role): its embedding model, chunking, user dictionary and retrieval defaults',
    tag: 'knowledge',
    status: 201,
    query: workspaceQuery,
    // The name's pattern bounds it to 64 characters; the schema says so for the OpenAPI document too.
    body: createKnowledgeBaseSchema.extend({ name: kbNameSchema.max(64), ...workspaceQuery.shape }),
    response: kbViewSchema,
    handler: async ({ principal, query, body }) => {
      const { workspace_id, ...input } = body;
      if (workspace_id && query.workspace_id && workspace_id !== query.workspace_id)
        throw badRequest('workspace_id in the body and in the query differ.', 'workspace_id', 'invalid_value');
      const workspaceId = pickWorkspace(principal, workspace_id ?? query.workspace_id);
      requireKbAccess(principal, workspaceId, 'write');
      if (!(await c.rt.tenancy.workspace(workspaceId))) throw notFound('No workspace with that id.');
      return kbView(await knowledge().create(workspaceId, input, actorOf(principal)));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/kb/:kb',
    summary: 'One knowledge base, by id or name',
    tag: 'knowledge',
    params: kbParams,
    query: workspaceQuery,
    response: kbViewSchema,
    handler: async ({ principal, params, query }) =>
      kbView((await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'read')).base),
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/kb/:kb',
    summary:
      'Change a knowledge base (member role); the embedding model only while it has no chunks (409 embedding_model_locked). ' +
      'A change of user_words or stopwords re-segments the indexed chunks in a knowledge.reindex job (reindex_job_id)',
    tag: 'knowledge',
    params: kbParams,
    query: workspaceQuery,
    body: updateKnowledgeBaseSchema,
    response: kbViewSchema,
    handler: async ({ principal, params, query, body }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'write');
      return kbView(await knowledge().update(workspaceId, base.id, body));
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/kb/:kb',
    summary: 'Delete a knowledge base (member role) with its documents, chunks, vectors and keyword index',
    tag: 'knowledge',
    params: kbParams,
    query: workspaceQuery,
    response: z.object({ id: z.string(), object: z.literal('knowledge_base'), deleted: z.literal(true) }),
    handler: async ({ principal, params, query }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'write');
      if (!(await knowledge().remove(workspaceId, base.id))) throw kbNotFound();
      return { id: base.id, object: 'knowledge_base' as const, deleted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/kb/:kb/search',
    summary:
      'Search a knowledge base (hybrid, keyword or vector; optional rerank, threshold and filters); each hit carries its rank and score in every method',
    tag: 'knowledge',
    params: kbParams,
    query: workspaceQuery,
    body: searchBodySchema,
    response: searchResultSchema,
    handler: async ({ principal, params, query, body, reply }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'read');
      // A client gone before the answer cancels the query's embedding and rerank calls.
      const aborted = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) aborted.abort();
      };
      reply.raw.on('close', onClose);
      const opts: SearchOptions = {
        mode: body.mode,
        topK: body.top_k,
        keywordWeight: body.keyword_weight,
        vectorWeight: body.vector_weight,
        rrfK: body.rrf_k,
        scoreThreshold: body.score_threshold,
        rerank: body.rerank,
        documentIds: body.document_ids,
        metadata: body.metadata,
        signal: aborted.signal,
      };
      try {
        return searchResultView(await knowledge().search(workspaceId, base.id, body.query, opts));
      } finally {
        reply.raw.removeListener('close', onClose);
      }
    },
  });

  registerKbDocumentRoutes(c);
}
