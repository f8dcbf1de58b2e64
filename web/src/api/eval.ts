/**
 * Evaluation runs (src/server/api/eval-run-routes.ts): the runs of a workspace (polled while one is
 * queued or running), starting one from a suite (the form's fields or a pasted suite.yaml), a run's
 * 含金量 report (RunReport: per-model results) and its finished items, cancel / resume / delete, and
 * the export URLs of the report (HTML, CSV, JSON).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, authHeaders, getToken, qs, route, toApiError } from './client.ts';
import { saveBlob } from './save-blob.ts';
import type { Body, Item, Query, Res } from './types.ts';

export type RunReport = Res<'getApiEvalRunsId'>;
export type RunView = RunReport['run'];
export type RunStatus = RunView['status'];
export type SuiteType = RunView['type'];
export type ModelResult = RunReport['results'][number];
export type GroupScore = NonNullable<ModelResult['subjects']>[number];
export type SafetyResult = NonNullable<ModelResult['safety']>;
export type RunList = Res<'getApiEvalRuns'>;
export type RunItemList = Res<'getApiEvalRunsIdItems'>;
export type RunItemView = Item<'getApiEvalRunsIdItems'>;

export const SUITE_TYPES: readonly SuiteType[] = ['mcq', 'qa', 'judge', 'safety'];
export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'completed', 'failed', 'cancelled'];
export type ReportFormat = NonNullable<Query<'getApiEvalRunsIdReport'>['format']>;
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'csv', 'json'];

/** `POST /api/eval/runs`: `{suite}` (the keys of suite.yaml, `dataset` a stored dataset `name[@version]`) or `{yaml}`, and the key the calls are made with (default: the workspace's `baimo-eval`). */
export type StartRunInput = Body<'postApiEvalRuns'>;
/** A suite as the form sends it. */
export type SuiteInput = NonNullable<StartRunInput['suite']>;

/** The items browser's filters. */
export type RunItemFilters = Pick<Query<'getApiEvalRunsIdItems'>, 'model' | 'status' | 'after'> & { limit: number };

export const evalKeys = {
  all: ['eval'] as const,
  runs: (workspaceId: string) => [...evalKeys.all, workspaceId, 'runs'] as const,
  run: (workspaceId: string, id: string) => [...evalKeys.runs(workspaceId), id] as const,
  items: (workspaceId: string, id: string, f: RunItemFilters) => [...evalKeys.run(workspaceId, id), 'items', f] as const,
  leaderboard: (workspaceId: string) => [...evalKeys.all, workspaceId, 'leaderboard'] as const,
};

/** How often runs are polled while one of them is queued or running. */
export const RUN_POLL_MS = 1_000;

export const isLive = (r: Pick<RunView, 'status'>): boolean => r.status === 'queued' || r.status === 'running';

const ws = (workspaceId: string) => qs({ workspace_id: workspaceId });

/** The newest runs of the workspace; polled every RUN_POLL_MS while any is queued or running. */
export const useRuns = (workspaceId: string, limit = 100) =>
  useQuery({
    queryKey: [...evalKeys.runs(workspaceId), 'list', limit],
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) => api<RunList>('GET', route('/api/eval/runs') + qs({ workspace_id: workspaceId, limit }), undefined, { signal }),
    refetchInterval: (q) => (q.state.data?.data.some(isLive) ? RUN_POLL_MS : false),
  });

export const fetchReport = (workspaceId: string, id: string, signal?: AbortSignal) =>
  api<RunReport>('GET', route('/api/eval/runs/{id}', { id }) + ws(workspaceId), undefined, { signal });

/** A run's report (live results while it runs: polled until it ends). */
export const useRunReport = (workspaceId: string, id: string) =>
  useQuery({
    queryKey: [...evalKeys.run(workspaceId, id), 'report'],
    enabled: Boolean(workspaceId && id),
    queryFn: ({ signal }) => fetchReport(workspaceId, id, signal),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.run) ? RUN_POLL_MS : false),
  });

/** A page of a run's finished items, in (model, seq) order. */
export const useRunItems = (workspaceId: string, id: string, f: RunItemFilters, live: boolean) =>
  useQuery({
    queryKey: evalKeys.items(workspaceId, id, f),
    enabled: Boolean(workspaceId && id),
    queryFn: ({ signal }) =>
      api<RunItemList>('GET', route('/api/eval/runs/{id}/items', { id }) + qs({ workspace_id: workspaceId, ...f }), undefined, { signal }),
    placeholderData: (prev) => prev,
    refetchInterval: live ? RUN_POLL_MS * 2 : false,
  });

function useRunsChanged(workspaceId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: evalKeys.runs(workspaceId) }),
      qc.invalidateQueries({ queryKey: evalKeys.leaderboard(workspaceId) }),
    ]);
}

export function useStartRun(workspaceId: string) {
  const changed = useRunsChanged(workspaceId);
  return useMutation({
    mutationFn: (body: StartRunInput) => api<Res<'postApiEvalRuns'>>('POST', route('/api/eval/runs') + ws(workspaceId), body),
    onSuccess: () => changed(),
  });
}

/** Cancels a queued or running run, or queues a failed / cancelled one again (finished items are kept, never paid twice). */
export function useRunAction(workspaceId: string, action: 'cancel' | 'resume') {
  const changed = useRunsChanged(workspaceId);
  return useMutation({
    mutationFn: (id: string) =>
      api<RunView>(
        'POST',
        (action === 'cancel' ? route('/api/eval/runs/{id}/cancel', { id }) : route('/api/eval/runs/{id}/resume', { id })) + ws(workspaceId),
        {},
      ),
    onSuccess: () => changed(),
  });
}

export function useDeleteRun(workspaceId: string) {
  const changed = useRunsChanged(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api<Res<'deleteApiEvalRunsId'>>('DELETE', route('/api/eval/runs/{id}', { id }) + ws(workspaceId)),
    onSuccess: () => changed(),
  });
}

/** Where a run's report is exported: a standalone HTML file, CSV (UTF-8 with BOM) or JSON. */
export const reportUrl = (workspaceId: string, id: string, format: ReportFormat, lang: 'zh' | 'en') =>
  route('/api/eval/runs/{id}/report', { id }) + qs({ format, lang, workspace_id: workspaceId } satisfies Query<'getApiEvalRunsIdReport'>);

/**
 * Downloads an export with the console's credentials (a plain link would not carry the admin token):
 * the body becomes a file named after the run.
 */
export async function downloadReport(url: string, filename: string): Promise<void> {
  const res = await fetch(url, { headers: authHeaders(getToken()), credentials: 'same-origin' });
  if (!res.ok) throw await toApiError(res);
  saveBlob(await res.blob(), filename);
}
