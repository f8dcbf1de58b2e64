/** Content moderation: the risk classes, keyword libraries (the workspace's and instance-wide) and their terms. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Body, Item, Res } from './types.ts';

export type Risk = Item<'getApiModerationRisks'>;
export type Library = Item<'getApiModerationLibraries'>;
export type NewLibrary = Body<'postApiModerationLibraries'>;
export type LibraryPatch = Body<'patchApiModerationLibrariesId'>;
export type LibraryTerm = Item<'getApiModerationLibrariesIdTerms'>;
export type TermsAdded = Res<'postApiModerationLibrariesIdTerms'>;

export const moderationKeys = {
  all: ['moderation'] as const,
  risks: () => [...moderationKeys.all, 'risks'] as const,
  libraries: (workspaceId: string) => [...moderationKeys.all, 'libraries', workspaceId] as const,
  terms: (libraryId: string | null, q: string) => [...moderationKeys.all, 'terms', libraryId, q] as const,
};

export const useRisks = () =>
  useQuery({
    queryKey: moderationKeys.risks(),
    queryFn: () => api<Res<'getApiModerationRisks'>>('GET', route('/api/moderation/risks')).then((r) => r.data),
    staleTime: Infinity,
  });

export const useLibraries = (workspaceId: string) =>
  useQuery({
    queryKey: moderationKeys.libraries(workspaceId),
    queryFn: () =>
      api<Res<'getApiModerationLibraries'>>('GET', route('/api/moderation/libraries') + qs({ workspace_id: workspaceId })).then(
        (r) => r.data,
      ),
  });

export function useLibraryTerms(libraryId: string | null, q: string) {
  return useInfiniteQuery({
    queryKey: moderationKeys.terms(libraryId, q),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<Res<'getApiModerationLibrariesIdTerms'>>(
        'GET',
        route('/api/moderation/libraries/{id}/terms', { id: libraryId! }) + qs({ q, cursor: pageParam, limit: 50 }),
        undefined,
        { signal },
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: Boolean(libraryId),
  });
}

/** Libraries (their term counts) and term lists, after any change to them. */
function useInvalidateModeration() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: moderationKeys.all, predicate: (q) => q.queryKey[1] !== 'risks' });
}

export function useCreateLibrary() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (body: NewLibrary) => api<Res<'postApiModerationLibraries'>>('POST', route('/api/moderation/libraries'), body),
    onSuccess: () => invalidate(),
  });
}

export function usePatchLibrary() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: LibraryPatch }) =>
      api<Res<'patchApiModerationLibrariesId'>>('PATCH', route('/api/moderation/libraries/{id}', { id }), body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteLibrary() {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (id: string) => api<Res<'deleteApiModerationLibrariesId'>>('DELETE', route('/api/moderation/libraries/{id}', { id })),
    onSuccess: () => invalidate(),
  });
}

/** Adds pasted terms (`term<TAB>risk` per line) to a library. */
export function useAddTerms(libraryId: string | null) {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (body: Body<'postApiModerationLibrariesIdTerms'>) =>
      api<TermsAdded>('POST', route('/api/moderation/libraries/{id}/terms', { id: libraryId ?? '' }), body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteTerms(libraryId: string | null) {
  const invalidate = useInvalidateModeration();
  return useMutation({
    mutationFn: (terms: string[]) =>
      api<Res<'deleteApiModerationLibrariesIdTerms'>>('DELETE', route('/api/moderation/libraries/{id}/terms', { id: libraryId ?? '' }), {
        terms,
      } satisfies Body<'deleteApiModerationLibrariesIdTerms'>),
    onSuccess: () => invalidate(),
  });
}
