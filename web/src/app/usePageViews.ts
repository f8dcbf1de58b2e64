import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { trackPageView } from '../api/page-views.ts';
import { workspaceKeys, type Workspace } from '../api/workspaces.ts';
import { DEFAULT_WORKSPACE_ID, storedWorkspaceId } from './workspaces.ts';

/** `/apps/{appId}/…`: the app a console page shows (its studio). */
const APP_PAGE = /^\/apps\/([^/]+)\/[^/]+/;

/**
 * The workspace a page view belongs to: the one the user works in as stored now, when it is still
 * theirs (the cached workspace list says so; nothing is fetched or subscribed to here), else the default
 * one or their first; undefined (the server's default) when nothing is known yet; null when the user
 * has no workspace at all (nothing to report for).
 */
function workspaceNow(listed: Workspace[] | undefined): string | undefined | null {
  const stored = storedWorkspaceId();
  if (!listed) return stored ?? undefined;
  if (listed.length === 0) return null;
  if (stored && listed.some((w) => w.id === stored)) return stored;
  return listed.some((w) => w.id === DEFAULT_WORKSPACE_ID) ? DEFAULT_WORKSPACE_ID : listed[0]?.id;
}

/**
 * Reports a page view per navigation of the console (usage analytics): the route, the workspace the
 * user works in, and the app of an app's page. Sent batched; renders nothing and re-renders nothing.
 */
export function usePageViews(): void {
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => {
    const app = APP_PAGE.exec(pathname)?.[1];
    const workspaceId = workspaceNow(queryClient.getQueryData<Workspace[]>(workspaceKeys.list()));
    if (workspaceId === null) return;
    trackPageView(pathname, {
      workspaceId,
      ...(app ? { app: decodeURIComponent(app) } : {}),
    });
  }, [pathname, queryClient]);
}
