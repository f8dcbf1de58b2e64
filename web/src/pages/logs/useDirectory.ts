/** Workspaces, and the keys / apps of one workspace, for the filter pickers and id → name display. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../../api/client';

interface Named {
  id: string;
  name: string;
}

const list = <T>(path: string) => api<{ data: T[] }>('GET', path).then((r) => r.data);

export function useDirectory(workspaceId: string | undefined) {
  const workspaces = useQuery({ queryKey: ['logs', 'workspaces'], queryFn: () => list<Named>('/api/workspaces'), staleTime: 60_000 });
  const ws = workspaceId ? encodeURIComponent(workspaceId) : '';
  const keys = useQuery({
    queryKey: ['logs', 'keys', workspaceId],
    queryFn: () => list<Named & { prefix: string }>(`/api/workspaces/${ws}/keys`),
    enabled: Boolean(workspaceId),
    staleTime: 60_000,
  });
  const apps = useQuery({
    queryKey: ['logs', 'apps', workspaceId],
    queryFn: () => list<Named>(`/api/workspaces/${ws}/apps`),
    enabled: Boolean(workspaceId),
    staleTime: 60_000,
  });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of [...(workspaces.data ?? []), ...(keys.data ?? []), ...(apps.data ?? [])]) m.set(x.id, x.name);
    return m;
  }, [workspaces.data, keys.data, apps.data]);
  return { workspaces: workspaces.data ?? [], keys: keys.data ?? [], apps: apps.data ?? [], names };
}
