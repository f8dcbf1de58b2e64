/** Helpers of the security page (its data: api/security.ts, api/moderation.ts, api/audit.ts). */
import { useApps, useKeys } from '../../api/keys.ts';

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The apps and keys of a workspace (the scopes a policy may be set on below the workspace). */
export function useScopes(workspaceId: string) {
  const apps = useApps(workspaceId);
  const keys = useKeys(workspaceId);
  return { apps: apps.data ?? [], keys: keys.data ?? [] };
}
