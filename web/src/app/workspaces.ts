import { useState } from 'react';
import { useWorkspaces, type Workspace } from '../api/workspaces.ts';

export const DEFAULT_WORKSPACE_ID = 'ws_default';
const STORAGE_KEY = 'baimo.workspace';

/** The remembered workspace as stored now (pages may have switched it since a component read it); null when none. */
export function storedWorkspaceId(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The workspace the user works in, remembered across pages; falls back to the first visible one. */
export function useCurrentWorkspace(): { workspaceId: string; setWorkspaceId: (id: string) => void; workspaces: Workspace[] } {
  const { data = [] } = useWorkspaces();
  const [stored, setState] = useState<string>(() => {
    try {
      return localStorage.getItem(STORAGE_KEY) ?? DEFAULT_WORKSPACE_ID;
    } catch {
      return DEFAULT_WORKSPACE_ID;
    }
  });
  // A remembered workspace the user no longer sees falls back to the default one, or the first.
  const current =
    data.length && !data.some((w) => w.id === stored)
      ? data.some((w) => w.id === DEFAULT_WORKSPACE_ID)
        ? DEFAULT_WORKSPACE_ID
        : data[0]!.id
      : stored;
  const setWorkspaceId = (id: string) => {
    setState(id);
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Not remembered.
    }
  };
  return { workspaceId: current, setWorkspaceId, workspaces: data };
}
