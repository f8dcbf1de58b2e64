/** The overview's rollups: headline numbers, trends, top models and provider health for a range. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Res } from './types.ts';

export type OverviewStats = Res<'getApiStatsOverview'>;
export type Range = OverviewStats['range'];
export type StatPoint = OverviewStats['totals'];
export type SeriesPoint = OverviewStats['series'][number];
export type TopModel = OverviewStats['top_models'][number];
export type ProviderHealth = OverviewStats['providers'][number];
export type CircuitState = ProviderHealth['targets'][number]['circuit'];

export const statsKeys = {
  all: ['stats'] as const,
  overview: (range: Range, workspaceId: string | undefined) => [...statsKeys.all, 'overview', range, workspaceId ?? ''] as const,
};

/** The overview of `range` (in one workspace, or all the caller sees), refreshed every `refetchMs`. */
export const useOverview = (range: Range, workspaceId: string | undefined, refetchMs: number) =>
  useQuery({
    queryKey: statsKeys.overview(range, workspaceId),
    queryFn: () => api<OverviewStats>('GET', route('/api/stats/overview') + qs({ range, workspace_id: workspaceId })),
    refetchInterval: refetchMs,
    placeholderData: keepPreviousData,
  });
