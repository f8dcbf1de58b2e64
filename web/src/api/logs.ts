/** The request logs: pages of rows for the filters, and one request's detail. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Item, Query, Res } from './types.ts';

export type LogPage = Res<'getApiLogs'>;
export type LogRow = Item<'getApiLogs'>;
export type LogDetail = Res<'getApiLogsId'>;
/** One failed upstream try of a request (`attempts_detail`), in order. */
export type LogAttempt = NonNullable<LogDetail['attempts_detail']>[number];

export type StatusFilter = 'all' | 'ok' | 'error' | 'code';

/** The filters of the logs page. */
export interface LogFilters {
  /** Epoch milliseconds; `to` is exclusive. */
  from?: number;
  to?: number;
  workspaceId?: string;
  keyId?: string;
  appId?: string;
  model?: string;
  /** A scenario app's slug, or `direct_api` for requests no scenario app made. */
  scenario?: string;
  status: StatusFilter;
  /** Exact HTTP status when status is `code`. */
  code?: string;
}

export const logKeys = {
  all: ['logs'] as const,
  list: (filters: LogFilters) => [...logKeys.all, 'list', filters] as const,
  detail: (id: string | null) => [...logKeys.all, 'detail', id] as const,
};

const PAGE = 100;

function logQuery(f: LogFilters, cursor: string | undefined): Query<'getApiLogs'> {
  return {
    workspace_id: f.workspaceId,
    from: f.from === undefined ? undefined : String(f.from),
    to: f.to === undefined ? undefined : String(f.to),
    key_id: f.keyId,
    app_id: f.appId,
    model: f.model,
    scenario: f.scenario,
    status: f.status === 'all' ? undefined : f.status === 'code' ? f.code : f.status,
    limit: PAGE,
    cursor,
  };
}

/** Pages of PAGE rows, newest first, following `next_cursor`. */
export const useLogs = (filters: LogFilters) =>
  useInfiniteQuery({
    queryKey: logKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api<LogPage>('GET', route('/api/logs') + qs(logQuery(filters, pageParam)), undefined, { signal }),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

export const fetchLog = (id: string) => api<LogDetail>('GET', route('/api/logs/{id}', { id }));

export const useLog = (id: string | null) =>
  useQuery({
    queryKey: logKeys.detail(id),
    queryFn: () => fetchLog(id!),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
