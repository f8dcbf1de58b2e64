/** Workspaces, their members, and console users (instance administrators manage them). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from './auth.ts';
import { api, route } from './client.ts';
import type { Body, Item, Res } from './types.ts';

export type Workspace = Item<'getApiWorkspaces'>;
export type Member = Item<'getApiWorkspacesWorkspaceIdMembers'>;
export type User = Item<'getApiUsers'>;
export type NewUser = Body<'postApiUsers'>;
export type UserPatch = Body<'patchApiUsersUserId'>;

export const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];

export const workspaceKeys = {
  all: ['workspaces'] as const,
  list: () => [...workspaceKeys.all, 'list'] as const,
  members: (workspaceId: string) => [...workspaceKeys.all, 'members', workspaceId] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

/** The workspaces the caller can see, with the caller's role in each. */
export const useWorkspaces = () =>
  useQuery({
    queryKey: workspaceKeys.list(),
    queryFn: () => api<Res<'getApiWorkspaces'>>('GET', route('/api/workspaces')).then((r) => r.data),
    staleTime: 30_000,
  });

export const useMembers = (workspaceId: string, enabled = true) =>
  useQuery({
    queryKey: workspaceKeys.members(workspaceId),
    enabled: enabled && Boolean(workspaceId),
    queryFn: () =>
      api<Res<'getApiWorkspacesWorkspaceIdMembers'>>('GET', route('/api/workspaces/{workspaceId}/members', { workspaceId })).then(
        (r) => r.data,
      ),
  });

export const useUsers = (enabled = true) =>
  useQuery({
    queryKey: userKeys.list(),
    enabled,
    queryFn: () => api<Res<'getApiUsers'>>('GET', route('/api/users')).then((r) => r.data),
  });

export function useCreateWorkspace() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'postApiWorkspaces'>) => api<Res<'postApiWorkspaces'>>('POST', route('/api/workspaces'), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKeys.all }),
  });
}

/** Adds a member or changes their role. */
export function useSetMemberRole(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api<Res<'putApiWorkspacesWorkspaceIdMembersUserId'>>(
        'PUT',
        route('/api/workspaces/{workspaceId}/members/{userId}', { workspaceId, userId }),
        {
          role,
        } satisfies Body<'putApiWorkspacesWorkspaceIdMembersUserId'>,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKeys.members(workspaceId) }),
  });
}

export function useRemoveMember(workspaceId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<Res<'deleteApiWorkspacesWorkspaceIdMembersUserId'>>(
        'DELETE',
        route('/api/workspaces/{workspaceId}/members/{userId}', { workspaceId, userId }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: workspaceKeys.members(workspaceId) }),
  });
}

/** A new user, optionally a member of workspaces: the users and those workspaces' members change. */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api<Res<'postApiUsers'>>('POST', route('/api/users'), body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: workspaceKeys.all })]),
  });
}

export function usePatchUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UserPatch }) =>
      api<Res<'patchApiUsersUserId'>>('PATCH', route('/api/users/{userId}', { userId }), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
