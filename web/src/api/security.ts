/** Data-security policies (workspace, app and key scopes), the effective policy, and the PII / moderation test boxes. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Body, Query, Res } from './types.ts';

export type PolicyView = Res<'getApiSecurityPoliciesScopeTypeScopeId'>;
export type ScopeType = PolicyView['scope_type'];
/** A policy as stored per workspace, app or key; every field optional (unset = inherited). */
export type PolicyDocument = PolicyView['policy'];
type Pii = NonNullable<PolicyDocument['pii']>;
export type PiiAction = NonNullable<Pii['action']>;
export type PiiType = NonNullable<Pii['types']>[number];
export type CustomRecognizer = NonNullable<Pii['custom']>[number];
export type DictionaryTerm = NonNullable<Pii['terms']>[number];
export type TrustLevel = NonNullable<NonNullable<PolicyDocument['routing']>['allow']>[number];
export type PiiScanResult = Res<'postApiSecurityPiiScan'>;
export type PiiFinding = PiiScanResult['findings'][number];
export type ModerationHit = Res<'postApiSecurityModerationCheck'>['hits'][number];
export type EffectiveQuery = Query<'getApiSecurityEffective'>;

export const TRUST_LEVELS: readonly TrustLevel[] = ['self_hosted', 'domestic_cloud', 'foreign_cloud'];
export const PII_TYPES: readonly PiiType[] = ['id_card', 'mobile', 'bank_card', 'uscc', 'passport', 'email', 'ipv4', 'ipv6'];
export const PII_ACTIONS: readonly PiiAction[] = ['allow', 'redact', 'pseudonymize', 'block'];

export const securityKeys = {
  all: ['security'] as const,
  policies: (workspaceId: string) => [...securityKeys.all, 'policies', workspaceId] as const,
  policy: (scopeType: ScopeType, scopeId: string | undefined) => [...securityKeys.all, 'policy', scopeType, scopeId] as const,
  effective: (query: EffectiveQuery) => [...securityKeys.all, 'effective', query] as const,
};

export const usePolicies = (workspaceId: string) =>
  useQuery({
    queryKey: securityKeys.policies(workspaceId),
    queryFn: () =>
      api<Res<'getApiSecurityPolicies'>>('GET', route('/api/security/policies') + qs({ workspace_id: workspaceId })).then((r) => r.data),
  });

export const usePolicy = (scopeType: ScopeType, scopeId: string | undefined) =>
  useQuery({
    queryKey: securityKeys.policy(scopeType, scopeId),
    queryFn: () => api<PolicyView>('GET', route('/api/security/policies/{scopeType}/{scopeId}', { scopeType, scopeId: scopeId! })),
    enabled: Boolean(scopeId),
  });

/** The policy a request of this workspace, app or key gets: the scopes merged over the instance defaults. */
export const useEffectivePolicy = (query: EffectiveQuery) =>
  useQuery({
    queryKey: securityKeys.effective(query),
    queryFn: () => api<Res<'getApiSecurityEffective'>>('GET', route('/api/security/effective') + qs(query)).then((r) => r.policy),
  });

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ scopeType, scopeId, policy }: { scopeType: ScopeType; scopeId: string; policy: PolicyDocument }) =>
      api<Res<'putApiSecurityPoliciesScopeTypeScopeId'>>(
        'PUT',
        route('/api/security/policies/{scopeType}/{scopeId}', { scopeType, scopeId }),
        {
          policy,
        } satisfies Body<'putApiSecurityPoliciesScopeTypeScopeId'>,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.all }),
  });
}

export function useDeletePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ scopeType, scopeId }: { scopeType: ScopeType; scopeId: string }) =>
      api<Res<'deleteApiSecurityPoliciesScopeTypeScopeId'>>(
        'DELETE',
        route('/api/security/policies/{scopeType}/{scopeId}', { scopeType, scopeId }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.all }),
  });
}

/** Finds PII in a text under a workspace's policy (reads only: nothing cached changes). */
export const usePiiScan = () =>
  useMutation({
    mutationFn: (body: Body<'postApiSecurityPiiScan'>) => api<PiiScanResult>('POST', route('/api/security/pii/scan'), body),
    meta: { audited: false },
  });

/** Runs the moderation libraries and rules over a text (reads only). */
export const useModerationCheck = () =>
  useMutation({
    mutationFn: (body: Body<'postApiSecurityModerationCheck'>) =>
      api<Res<'postApiSecurityModerationCheck'>>('POST', route('/api/security/moderation/check'), body),
    meta: { audited: false },
  });
