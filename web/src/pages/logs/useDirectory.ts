/** Workspaces, and the keys / apps of one workspace, for the filter pickers and id → name display. */
import { useMemo } from 'react';
import { useApps, useKeys } from '../../api/keys.ts';
import { useWorkspaces } from '../../api/workspaces.ts';

export function useDirectory(workspaceId: string | undefined) {
  const workspaces = useWorkspaces();
  const keys = useKeys(workspaceId ?? '', Boolean(workspaceId));
  const apps = useApps(workspaceId ?? '', Boolean(workspaceId));
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of [...(workspaces.data ?? []), ...(keys.data ?? []), ...(apps.data ?? [])]) m.set(x.id, x.name);
    return m;
  }, [workspaces.data, keys.data, apps.data]);
  return { workspaces: workspaces.data ?? [], keys: keys.data ?? [], apps: apps.data ?? [], names };
}
