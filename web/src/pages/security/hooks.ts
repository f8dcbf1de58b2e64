/** Queries and mutations of the security page. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import type { AuditEntry, AuditFilters, Library, LibraryTerm, Page, PolicyDocument, PolicyView, Risk, ScopeType } from './types';

const enc = encodeURIComponent;

interface Named {
  id: string;
  name: string;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The apps and keys of a workspace (the scopes a policy may be set on below the workspace). */
export function useScopes(workspaceId: string) {
  const ws = enc(workspaceId);
  const apps = useQuery({
    queryKey: ['apps', workspaceId],
    queryFn: () => api<{ data: Named[] }>('GET', `/api/workspaces/${ws}/apps`).then((r) => r.data),
  });
  const keys = useQuery({
    queryKey: ['keys', workspaceId],
    queryFn: () =>
      api<{ data: (Named & { prefix: string; app_id: string | null; status: string })[] }>('GET', `/api/workspaces/${ws}/keys`).then(
        (r) => r.data,
      ),
  });
  return { apps: apps.data ?? [], keys: keys.data ?? [] };
}

export const usePolicies = (workspaceId: string) =>
  useQuery({
    queryKey: ['security', 'policies', workspaceId],
    queryFn: () => api<{ data: PolicyView[] }>('GET', `/api/security/policies${qs({ workspace_id: workspaceId })}`).then((r) => r.data),
  });

export const usePolicy = (scopeType: ScopeType, scopeId: string | undefined) =>
  useQuery({
    queryKey: ['security', 'policy', scopeType, scopeId],
    queryFn: () => api<PolicyView>('GET', `/api/security/policies/${scopeType}/${enc(scopeId!)}`),
    enabled: Boolean(scopeId),
  });

export const useEffectivePolicy = (params: { workspace_id: string; app_id?: string; key_id?: string }) =>
  useQuery({
    queryKey: ['security', 'effective', params],
    queryFn: () => api<{ policy: PolicyDocument }>('GET', `/api/security/effective${qs(params)}`).then((r) => r.policy),
  });

function useInvalidateSecurity() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['security'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);
}

export function useSavePolicy() {
  const invalidate = useInvalidateSecurity();
  return useMutation({
    mutationFn: ({ scopeType, scopeId, policy }: { scopeType: ScopeType; scopeId: string; policy: PolicyDocument }) =>
      api<PolicyView>('PUT', `/api/security/policies/${scopeType}/${enc(scopeId)}`, { policy }),
    onSuccess: () => invalidate(),
  });
}

export function useDeletePolicy() {
  const invalidate = useInvalidateSecurity();
  return useMutation({
    mutationFn: ({ scopeType, scopeId }: { scopeType: ScopeType; scopeId: string }) =>
      api('DELETE', `/api/security/policies/${scopeType}/${enc(scopeId)}`),
    onSuccess: () => invalidate(),
  });
}

export const useRisks = () =>
  useQuery({
    queryKey: ['moderation', 'risks'],
    queryFn: () => api<{ data: Risk[] }>('GET', '/api/moderation/risks').then((r) => r.data),
    staleTime: Infinity,
  });

export const useLibraries = (workspaceId: string) =>
  useQuery({
    queryKey: ['moderation', 'libraries', workspaceId],
    queryFn: () => api<{ data: Library[] }>('GET', `/api/moderation/libraries${qs({ workspace_id: workspaceId })}`).then((r) => r.data),
  });

export function useLibraryTerms(libraryId: string | null, q: string) {
  return useInfiniteQuery({
    queryKey: ['moderation', 'terms', libraryId, q],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<Page<LibraryTerm>>(
        'GET',
        `/api/moderation/libraries/${enc(libraryId!)}/terms${qs({ q, cursor: pageParam, limit: 50 })}`,
        undefined,
        {
          signal,
        },
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: Boolean(libraryId),
  });
}

/** Refreshes libraries (term counts) and term lists after a change. */
export function useInvalidateModeration() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['moderation', 'libraries'] }),
      qc.invalidateQueries({ queryKey: ['moderation', 'terms'] }),
    ]);
}

export function useAudit(filters: AuditFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<Page<AuditEntry>>(
        'GET',
        `/api/audit${qs({
          workspace_id: filters.workspaceId,
          action: filters.action,
          actor_id: filters.actorId,
          since: filters.since,
          until: filters.until,
          cursor: pageParam,
          limit,
        })}`,
        undefined,
        { signal },
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
