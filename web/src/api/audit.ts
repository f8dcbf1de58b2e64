/** The audit log: pages of entries for the filters, verifying the hash chain, exporting it whole. */
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, authHeaders, qs, route, toApiError } from './client.ts';
import { saveBlob } from './save-blob.ts';
import type { Res } from './types.ts';

export type AuditEntry = Res<'getApiAudit'>['data'][number];
export type AuditVerify = Res<'postApiAuditVerify'>;

/** The filters of the audit tab. */
export interface AuditFilters {
  workspaceId?: string;
  action?: string;
  actorId?: string;
  /** ISO timestamps. */
  since?: string;
  until?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters, limit: number) => [...auditKeys.all, 'list', filters, limit] as const,
};

export function useAudit(filters: AuditFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters, limit),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<Res<'getApiAudit'>>(
        'GET',
        route('/api/audit') +
          qs({
            workspace_id: filters.workspaceId,
            action: filters.action,
            actor_id: filters.actorId,
            since: filters.since,
            until: filters.until,
            cursor: pageParam,
            limit,
          }),
        undefined,
        { signal },
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Checks the whole hash chain (a POST that only reads: the audit log does not record it). */
export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => api<AuditVerify>('POST', route('/api/audit/verify'), {}), meta: { audited: false } });

/** The file name the server suggests (`content-disposition`), else one with the current time. */
function fileName(res: Response): string {
  const m = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? `baimo-audit-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.ndjson`;
}

/**
 * Downloads the whole audit log (JSON lines, with the hashes): fetched with the console's credentials,
 * saved through a Blob link. Returns the number of bytes saved.
 */
export async function exportAudit(): Promise<number> {
  const res = await fetch(route('/api/audit/export'), {
    headers: { accept: 'application/x-ndjson, application/json', ...authHeaders() },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  const blob = await res.blob();
  saveBlob(new Blob([blob], { type: 'application/x-ndjson' }), fileName(res));
  return blob.size;
}
