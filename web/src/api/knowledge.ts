/**
 * Knowledge bases (src/server/api/kb-routes.ts): the bases of a workspace, their documents (uploaded
 * with progress, or added by URL, ingested by background jobs), chunks, hit-testing searches, and
 * attaching a base to a model alias (`knowledge: [name]`).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route, upload, type UploadOptions } from './client.ts';
import { modelKeys, type Alias, type AliasInput } from './models.ts';
import type { Body, Item, Query, Res } from './types.ts';

export type KnowledgeBase = Res<'getApiKbKb'>;
export type KnowledgeBaseInput = Body<'postApiKb'>;
export type KnowledgeBasePatch = Body<'patchApiKbKb'>;
export type RetrievalSettings = KnowledgeBase['retrieval'];
export type RetrievalMode = RetrievalSettings['mode'];
export type KnowledgeDocument = Item<'getApiKbKbDocuments'>;
export type DocumentStatus = KnowledgeDocument['status'];
export type DocumentList = Res<'getApiKbKbDocuments'>;
export type ChunkList = Res<'getApiKbKbDocumentsIdChunks'>;
export type KnowledgeChunk = ChunkList['data'][number];
export type SearchInput = Body<'postApiKbKbSearch'>;
export type SearchResult = Res<'postApiKbKbSearch'>;
export type SearchHit = SearchResult['data'][number];
type DocumentQuery = Query<'getApiKbKbDocuments'>;

export const RETRIEVAL_MODES: readonly RetrievalMode[] = ['hybrid', 'keyword', 'vector'];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['queued', 'processing', 'ready', 'failed'];

export const kbKeys = {
  all: ['knowledge'] as const,
  list: (workspaceId: string) => [...kbKeys.all, workspaceId, 'list'] as const,
  /** Everything of one base: the base itself, its documents and chunks. */
  base: (workspaceId: string, kb: string) => [...kbKeys.all, workspaceId, 'base', kb] as const,
  documents: (workspaceId: string, kb: string, q: DocumentQuery) => [...kbKeys.base(workspaceId, kb), 'documents', q] as const,
  chunks: (workspaceId: string, kb: string, documentId: string, offset: number, limit: number) =>
    [...kbKeys.base(workspaceId, kb), 'chunks', documentId, offset, limit] as const,
};

/** How often the documents are polled while one of them is queued or being ingested. */
export const DOCUMENT_POLL_MS = 1_000;

export const isIngesting = (d: Pick<KnowledgeDocument, 'status'>): boolean => d.status === 'queued' || d.status === 'processing';

const ws = (workspaceId: string) => qs({ workspace_id: workspaceId });

export const useKnowledgeBases = (workspaceId: string) =>
  useQuery({
    queryKey: kbKeys.list(workspaceId),
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) => api<Res<'getApiKb'>>('GET', route('/api/kb') + ws(workspaceId), undefined, { signal }).then((r) => r.data),
  });

/** One base, by name or id. */
export const useKnowledgeBase = (workspaceId: string, kb: string) =>
  useQuery({
    queryKey: [...kbKeys.base(workspaceId, kb), 'view'],
    enabled: Boolean(workspaceId && kb),
    queryFn: ({ signal }) => api<KnowledgeBase>('GET', route('/api/kb/{kb}', { kb }) + ws(workspaceId), undefined, { signal }),
    // While the keyword index is rebuilt for a changed dictionary, the page shows it until it ends.
    refetchInterval: (query) => (query.state.data?.reindex_job_id ? DOCUMENT_POLL_MS * 2 : false),
  });

export function useCreateKnowledgeBase(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: KnowledgeBaseInput) =>
      api<Res<'postApiKb'>>('POST', route('/api/kb'), { ...body, workspace_id: workspaceId } satisfies KnowledgeBaseInput),
    onSuccess: () => qc.invalidateQueries({ queryKey: kbKeys.list(workspaceId) }),
  });
}

export function useUpdateKnowledgeBase(workspaceId: string, kb: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: KnowledgeBasePatch) => api<Res<'patchApiKbKb'>>('PATCH', route('/api/kb/{kb}', { kb }) + ws(workspaceId), body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: kbKeys.base(workspaceId, kb) }),
        qc.invalidateQueries({ queryKey: kbKeys.list(workspaceId) }),
      ]),
  });
}

export function useDeleteKnowledgeBase(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kb: string) => api<Res<'deleteApiKbKb'>>('DELETE', route('/api/kb/{kb}', { kb }) + ws(workspaceId)),
    onSuccess: () => qc.invalidateQueries({ queryKey: kbKeys.list(workspaceId) }),
  });
}

/** A page of a base's documents, newest first; polled every DOCUMENT_POLL_MS while any of them ingests. */
export const useDocuments = (workspaceId: string, kb: string, q: DocumentQuery) =>
  useQuery({
    queryKey: kbKeys.documents(workspaceId, kb, q),
    enabled: Boolean(workspaceId && kb),
    queryFn: ({ signal }) =>
      api<DocumentList>('GET', route('/api/kb/{kb}/documents', { kb }) + qs({ workspace_id: workspaceId, ...q }), undefined, { signal }),
    refetchInterval: (query) => (query.state.data?.data.some(isIngesting) ? DOCUMENT_POLL_MS : false),
  });

/** After documents were added or removed (an upload finished, say): the documents, and the base and list (their counts). */
export function useDocumentsChanged(workspaceId: string, kb: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: kbKeys.base(workspaceId, kb) }),
      qc.invalidateQueries({ queryKey: kbKeys.list(workspaceId) }),
    ]);
}

/** Uploads one file (multipart, with progress) as a document of the base; the server queues its ingestion. */
export function uploadDocument(workspaceId: string, kb: string, file: File, opts: UploadOptions = {}) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<Res<'postApiKbKbDocuments'>>(route('/api/kb/{kb}/documents', { kb }) + ws(workspaceId), form, opts);
}

export function useAddUrls(workspaceId: string, kb: string) {
  const invalidate = useDocumentsChanged(workspaceId, kb);
  return useMutation({
    mutationFn: (urls: string[]) =>
      api<Res<'postApiKbKbDocuments'>>('POST', route('/api/kb/{kb}/documents', { kb }) + ws(workspaceId), {
        urls,
      } satisfies Body<'postApiKbKbDocuments'>),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteDocument(workspaceId: string, kb: string) {
  const invalidate = useDocumentsChanged(workspaceId, kb);
  return useMutation({
    mutationFn: (id: string) =>
      api<Res<'deleteApiKbKbDocumentsId'>>('DELETE', route('/api/kb/{kb}/documents/{id}', { kb, id }) + ws(workspaceId)),
    onSuccess: () => invalidate(),
  });
}

export const useChunks = (workspaceId: string, kb: string, documentId: string | undefined, offset: number, limit: number) =>
  useQuery({
    queryKey: kbKeys.chunks(workspaceId, kb, documentId ?? '', offset, limit),
    enabled: Boolean(workspaceId && kb && documentId),
    queryFn: ({ signal }) =>
      api<ChunkList>(
        'GET',
        route('/api/kb/{kb}/documents/{id}/chunks', { kb, id: documentId! }) + qs({ workspace_id: workspaceId, limit, offset }),
        undefined,
        { signal },
      ),
    placeholderData: (prev) => prev,
  });

export const searchKnowledge = (workspaceId: string, kb: string, body: SearchInput, signal?: AbortSignal) =>
  api<SearchResult>('POST', route('/api/kb/{kb}/search', { kb }) + ws(workspaceId), body, { signal });

/** One ranking of a hit test: the answer, or why that mode failed (the others still show). */
export type Ranking = { result: SearchResult; error?: undefined } | { result?: undefined; error: Error };

/** The three rankings of one query side by side: BM25 and vector as they are, and the fused (hybrid) one. */
export type HitTest = Record<RetrievalMode, Ranking>;

/**
 * Hit testing: the same query in keyword, vector and hybrid mode at once. The keyword and vector
 * rankings are never reranked (they show what each method found); the hybrid one follows `rerank`.
 */
export function useHitTest(workspaceId: string, kb: string) {
  return useMutation({
    meta: { audited: false },
    mutationFn: async (input: Omit<SearchInput, 'mode'>): Promise<HitTest> => {
      const run = (mode: RetrievalMode): Promise<Ranking> =>
        searchKnowledge(workspaceId, kb, { ...input, mode, ...(mode === 'hybrid' ? {} : { rerank: false }) }).then(
          (result) => ({ result }),
          (error: Error) => ({ error }),
        );
      const [keyword, vector, hybrid] = await Promise.all([run('keyword'), run('vector'), run('hybrid')]);
      return { keyword, vector, hybrid };
    },
  });
}

/** A database alias's body as PUT takes it, from its view (file aliases cannot be changed here). */
function aliasBody(a: Alias): AliasInput {
  const { name: _name, object: _object, source: _source, problem: _problem, ...body } = a;
  return body;
}

/** Adds a base's name to an alias's `knowledge` list (the alias then answers grounded in it), or takes it out. */
export function useAliasKnowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ alias, kb, attach }: { alias: Alias; kb: string; attach: boolean }) => {
      const body = aliasBody(alias);
      const rest = (body.knowledge ?? []).filter((k) => k !== kb);
      const knowledge = attach ? [...rest, kb] : rest;
      return api<Res<'putApiModelsName'>>('PUT', route('/api/models/{name}', { name: alias.name }), { ...body, knowledge });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: modelKeys.all }),
  });
}
