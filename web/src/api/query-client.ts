import { MutationCache, QueryClient } from '@tanstack/react-query';
import { auditKeys } from './audit.ts';
import { ApiError } from './client.ts';

declare module '@tanstack/react-query' {
  interface Register {
    /** `audited: false`: a POST that only reads (a scan, a check), which the audit log does not record. */
    mutationMeta: { audited?: boolean };
  }
}

/**
 * The console's one query cache. Every write the admin API accepts lands in the audit log, so every
 * successful mutation also marks the audit queries stale (each mutation hook invalidates its own data).
 */
export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (401/403/404) do not get better by retrying.
      retry: (n, e) => n < 2 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      refetchOnWindowFocus: false,
    },
  },
  mutationCache: new MutationCache({
    onSuccess: (_data, _vars, _ctx, mutation) =>
      mutation.meta?.audited === false ? undefined : queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  }),
});
