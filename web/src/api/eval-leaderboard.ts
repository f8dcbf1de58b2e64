/**
 * The cross-run leaderboard (`GET /api/eval/leaderboard`, src/server/api/eval-report-routes.ts): per
 * suite and dataset version, every model's latest completed result (ranked, with the group's Pareto
 * front), and each model's mean across the groups.
 */
import { useQuery } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import { evalKeys } from './eval.ts';
import type { Query, Res } from './types.ts';

export type Leaderboard = Res<'getApiEvalLeaderboard'>;
export type LeaderboardGroup = Leaderboard['groups'][number];
export type LeaderboardRow = LeaderboardGroup['rows'][number];
export type LeaderboardOverallRow = Leaderboard['overall'][number];
export type LeaderboardFilters = Omit<Query<'getApiEvalLeaderboard'>, 'workspace_id'>;

export const useLeaderboard = (workspaceId: string, filters: LeaderboardFilters = {}) =>
  useQuery({
    queryKey: [...evalKeys.leaderboard(workspaceId), filters],
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) =>
      api<Leaderboard>('GET', route('/api/eval/leaderboard') + qs({ workspace_id: workspaceId, ...filters }), undefined, { signal }),
  });

/** A group's name as the page shows it: `suite · dataset@version`. */
export const groupKey = (g: Pick<LeaderboardGroup, 'suite' | 'dataset'>): string => `${g.suite} · ${g.dataset}`;
