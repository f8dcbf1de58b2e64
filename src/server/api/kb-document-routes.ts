import multipart from '@fastify/multipart';
import { z } from 'zod';
import { LIMITS } from '../../core/limits.js';
import type { JobRecord } from '../../jobs/job-types.js';
import { DOCUMENT_STATUSES, KB_LIMITS, type KnowledgeDocument } from '../../knowledge/knowledge-types.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { actorOf, documentNotFound, kbParams, loadBase, workspaceQuery } from './kb-access.js';
import { documentMetadataSchema, MULTIPART_PARSER_LIMITS, nothingToAdd, readDocumentUpload, urlSchema } from './kb-upload.js';
import { chunkViewSchema, chunkView, documentView, documentViewSchema } from './kb-views.js';

const docParams = kbParams.extend({ id: z.string().min(1).max(LIMITS.id).describe('The document id (doc_…)') });

/** Page sizes of the document and chunk lists. */
const DOCUMENT_PAGE = 200;
const CHUNK_PAGE = 200;

/** The JSON form of an add (URLs only); files come as `multipart/form-data`. */
const addJsonSchema = z
  .object({
    urls: z.array(urlSchema).max(KB_LIMITS.documentsPerAdd).default([]).describe('http(s) URLs to fetch and ingest'),
    metadata: documentMetadataSchema.optional().describe('String metadata applied to each document (what search filters match)'),
  })
  .strict();

/**
 * A knowledge base's documents: add files (multipart) and URLs as ingestion jobs, list them with
 * their progress, read their chunks, delete them. The multipart parser is registered for the add
 * route only: every other `/api` route still takes JSON alone.
 */
export function registerKbDocumentRoutes(c: ApiContext): void {
  const knowledge = () => c.rt.knowledge;

  /** Views of documents; those still pending carry their job's progress. */
  const views = async (docs: KnowledgeDocument[]) => {
    const jobs = await Promise.all(
      docs.map((d): Promise<JobRecord | undefined> =>
        d.jobId && (d.status === 'queued' || d.status === 'processing') ? c.rt.jobs.get(d.jobId) : Promise.resolve(undefined),
      ),
    );
    return docs.map((d, i) => documentView(d, jobs[i]));
  };

  void c.app.register(async (scope) => {
    await scope.register(multipart, MULTIPART_PARSER_LIMITS);
    apiRoute(scope, c.routes, {
      method: 'POST',
      url: '/api/kb/:kb/documents',
      summary:
        'Add documents (member role): multipart/form-data with `file` parts, `url` fields and an optional `metadata` field (a JSON object of strings), or JSON {urls, metadata}; answers 202 and ingests in the background',
      tag: 'knowledge',
      status: 202,
      params: kbParams,
      query: workspaceQuery,
      body: addJsonSchema,
      response: z.object({ object: z.literal('list'), data: z.array(documentViewSchema) }),
      handler: async ({ principal, params, query, body, request }) => {
        const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'write');
        if (!request.isMultipart() && body.urls.length === 0) throw nothingToAdd();
        const sources = request.isMultipart()
          ? await readDocumentUpload(request, c.rt.config.knowledge.max_file_mb)
          : body.urls.map((url) => ({ kind: 'url' as const, url, metadata: body.metadata }));
        const added = await knowledge().addDocuments(workspaceId, base.id, sources, actorOf(principal));
        return { object: 'list' as const, data: added.map((a) => documentView(a.document, undefined, a.queued)) };
      },
    });
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/kb/:kb/documents',
    summary: 'List the documents of a knowledge base, newest first, with their status and ingestion progress',
    tag: 'knowledge',
    params: kbParams,
    query: workspaceQuery.extend({
      status: z.enum(DOCUMENT_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(DOCUMENT_PAGE).default(50),
      after: z.string().min(1).max(LIMITS.cursor).optional().describe('`next` of the previous page'),
    }),
    response: z.object({ object: z.literal('list'), data: z.array(documentViewSchema), next: z.string().nullable() }),
    handler: async ({ principal, params, query }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'read');
      const page = await knowledge().documents(workspaceId, base.id, { limit: query.limit, cursor: query.after, status: query.status });
      return { object: 'list' as const, data: await views(page.items), next: page.next ?? null };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/kb/:kb/documents/:id',
    summary: 'One document: status, ingestion progress, error reason, chunk count',
    tag: 'knowledge',
    params: docParams,
    query: workspaceQuery,
    response: documentViewSchema,
    handler: async ({ principal, params, query }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'read');
      const doc = await knowledge().document(workspaceId, base.id, params.id);
      if (!doc) throw documentNotFound();
      return (await views([doc]))[0]!;
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/kb/:kb/documents/:id/chunks',
    summary: 'The chunks of a document in order, with their title paths, kinds and token counts',
    tag: 'knowledge',
    params: docParams,
    query: workspaceQuery.extend({
      limit: z.coerce.number().int().min(1).max(CHUNK_PAGE).default(50),
      offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    }),
    response: z.object({ object: z.literal('list'), data: z.array(chunkViewSchema), total: z.number() }),
    handler: async ({ principal, params, query }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'read');
      if (!(await knowledge().document(workspaceId, base.id, params.id))) throw documentNotFound();
      const { items, total } = await knowledge().chunks(workspaceId, base.id, params.id, { limit: query.limit, offset: query.offset });
      return { object: 'list' as const, data: items.map(chunkView), total };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/kb/:kb/documents/:id',
    summary: 'Delete a document (member role) with its chunks, vectors and keyword entries',
    tag: 'knowledge',
    params: docParams,
    query: workspaceQuery,
    response: z.object({ id: z.string(), object: z.literal('knowledge_document'), deleted: z.literal(true) }),
    handler: async ({ principal, params, query }) => {
      const { workspaceId, base } = await loadBase(knowledge(), principal, query.workspace_id, params.kb, 'write');
      if (!(await knowledge().removeDocument(workspaceId, base.id, params.id))) throw documentNotFound();
      return { id: params.id, object: 'knowledge_document' as const, deleted: true as const };
    },
  });
}
