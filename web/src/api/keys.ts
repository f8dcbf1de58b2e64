/** Virtual keys and apps of a workspace, and the usage set against each key's limits. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Body, Item, Query, Res } from './types.ts';

export type KeyView = Item<'getApiWorkspacesWorkspaceIdKeys'>;
/** A key just created: the only answer that holds the secret. */
export type CreatedKey = Res<'postApiWorkspacesWorkspaceIdKeys'>;
export type KeyInput = Body<'postApiWorkspacesWorkspaceIdKeys'>;
export type AppView = Item<'getApiWorkspacesWorkspaceIdApps'>;
export type Period = KeyView['token_quota_period'];
export type UsageRow = Item<'getApiUsage'>;
export type UsageByPeriod = Record<Period, Map<string, UsageRow>>;

export const keyKeys = {
  all: ['keys'] as const,
  list: (workspaceId: string) => [...keyKeys.all, 'list', workspaceId] as const,
  usage: (workspaceId: string) => [...keyKeys.all, 'usage', workspaceId] as const,
};

export const appKeys = {
  all: ['apps'] as const,
  list: (workspaceId: string) => [...appKeys.all, 'list', workspaceId] as const,
};

export const useKeys = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: keyKeys.list(workspaceId),
    enabled: enabled && Boolean(workspaceId),
    queryFn: () =>
      api<Res<'getApiWorkspacesWorkspaceIdKeys'>>('GET', route('/api/workspaces/{workspaceId}/keys', { workspaceId })).then((r) => r.data),
  });

export const useApps = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: appKeys.list(workspaceId),
    enabled: enabled && Boolean(workspaceId),
    queryFn: () =>
      api<Res<'getApiWorkspacesWorkspaceIdApps'>>('GET', route('/api/workspaces/{workspaceId}/apps', { workspaceId })).then((r) => r.data),
  });

/** Reloads a workspace's keys and their usage (the keys page's refresh button). */
export function useRefreshKeys(workspaceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: keyKeys.list(workspaceId) }),
      qc.invalidateQueries({ queryKey: keyKeys.usage(workspaceId) }),
    ]);
}

export function useCreateKey(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyInput) => api<CreatedKey>('POST', route('/api/workspaces/{workspaceId}/keys', { workspaceId }), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.list(workspaceId) }),
  });
}

export function useRevokeKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => api<Res<'postApiKeysKeyIdRevoke'>>('POST', route('/api/keys/{keyId}/revoke', { keyId })),
    onSuccess: (key) => qc.invalidateQueries({ queryKey: keyKeys.list(key.workspace_id) }),
  });
}

export const fetchUsage = (query: Query<'getApiUsage'>) => api<Res<'getApiUsage'>>('GET', route('/api/usage') + qs(query));

/** Today in the report time zone (the server's default is Asia/Shanghai). */
function today(tz = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const FROM: Record<Period, (d: string) => string> = {
  day: (d) => d,
  month: (d) => `${d.slice(0, 8)}01`,
  total: () => '2000-01-01',
};

/** Usage per key for the current day, month and all time, to set against each key's limits. */
export function useKeyUsage(workspaceId: string) {
  return useQuery({
    queryKey: keyKeys.usage(workspaceId),
    queryFn: async (): Promise<UsageByPeriod> => {
      const to = today();
      const periods: Period[] = ['day', 'month', 'total'];
      const results = await Promise.all(
        periods.map((p) => fetchUsage({ group_by: 'key', workspace_id: workspaceId, from: FROM[p](to), to })),
      );
      const out = {} as UsageByPeriod;
      periods.forEach((p, i) => (out[p] = new Map(results[i]!.data.map((r) => [r.group, r]))));
      return out;
    },
    refetchInterval: 60_000,
  });
}
