/** Usage analytics: the report of a period (JSON for the Analytics pages, CSV to download) and report files made by jobs. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authHeaders, getToken, qs, route, toApiError, api } from './client.ts';
import { saveBlob } from './save-blob.ts';
import type { Body, Query, Res } from './types.ts';

export type AnalyticsReport = Res<'getApiAnalyticsReport'>;
export type AnalyticsFigures = AnalyticsReport['totals'];
export type AnalyticsGroup = AnalyticsReport['by_model'][number];
export type SeriesPoint = AnalyticsReport['series']['points'][number];
export type ReportTopics = NonNullable<AnalyticsReport['topics']>;
export type ReportQuery = Query<'getApiAnalyticsReport'>;

export const analyticsKeys = {
  all: ['analytics'] as const,
  report: (query: ReportQuery) => [...analyticsKeys.all, 'report', query] as const,
};

/** The report of a query; the previous one stays on screen while the next loads. */
export const useAnalyticsReport = (query: ReportQuery, enabled = true) =>
  useQuery({
    queryKey: analyticsKeys.report(query),
    enabled,
    queryFn: ({ signal }) => api<AnalyticsReport>('GET', route('/api/analytics/report') + qs(query), undefined, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/**
 * Downloads the report's tables as CSV with the console's credentials (a plain link would not carry
 * the admin token), named as the server suggests.
 */
export async function downloadAnalyticsCsv(query: ReportQuery, lang: 'zh' | 'en', fallbackName: string): Promise<void> {
  const res = await fetch(route('/api/analytics/report.csv') + qs({ ...query, lang }), {
    headers: { accept: 'text/csv, application/json', ...authHeaders(getToken()) },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  saveBlob(await res.blob(), named ?? fallbackName);
}

export type ReportFileBody = Body<'postApiAnalyticsReports'>;
export type ReportFileFormat = ReportFileBody['format'];
export type ReportJob = Res<'getApiAnalyticsReportsId'>;

const POLL_MS = 1_000;
/** How long a report file may take before the console stops waiting (the job goes on; its file can be fetched later). */
const MAX_WAIT_MS = 10 * 60_000;

/**
 * Makes the report as a file (HTML, PDF, JSON, CSV) by a background job and downloads it: starts the
 * job, polls it (reporting its progress), then fetches its file with the console's credentials.
 */
export async function makeReportFile(body: ReportFileBody, onProgress: (job: ReportJob) => void): Promise<ReportJob> {
  let job = await api<ReportJob>('POST', route('/api/analytics/reports'), body);
  const deadline = Date.now() + MAX_WAIT_MS;
  while (job.status !== 'succeeded') {
    onProgress(job);
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(job.error ?? job.status);
    if (Date.now() > deadline) throw new Error(`the report job ${job.id} is still ${job.status}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
    job = await api<ReportJob>('GET', route('/api/analytics/reports/{id}', { id: job.id }));
  }
  const res = await fetch(route('/api/analytics/reports/{id}/file', { id: job.id }), {
    headers: authHeaders(getToken()),
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  saveBlob(await res.blob(), job.file?.filename ?? `report.${job.format}`);
  return job;
}

export type TaxonomyView = Res<'getApiAnalyticsTaxonomy'>;
export type TaxonomyLabel = TaxonomyView['taxonomy']['labels'][number];
export type TopicsStatus = Res<'getApiAnalyticsTopicsStatus'>;

const taxonomyKeys = {
  taxonomy: [...analyticsKeys.all, 'taxonomy'] as const,
  status: (workspaceId: string | undefined) => [...analyticsKeys.all, 'topics-status', workspaceId ?? ''] as const,
};

/** The topic taxonomy requests are classified against. */
export const useTaxonomy = () =>
  useQuery({
    queryKey: taxonomyKeys.taxonomy,
    queryFn: () => api<TaxonomyView>('GET', route('/api/analytics/taxonomy')),
  });

/** Replaces the taxonomy (instance administrators); the reports' topics are classified afresh. */
export function useSaveTaxonomy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Body<'putApiAnalyticsTaxonomy'>) => api<TaxonomyView>('PUT', route('/api/analytics/taxonomy'), body),
    onSuccess: (saved) => {
      qc.setQueryData(taxonomyKeys.taxonomy, saved);
      return qc.invalidateQueries({ queryKey: analyticsKeys.all });
    },
  });
}

/** Topic classification's settings and counters (a workspace's, or the instance's for administrators). */
export const useTopicsStatus = (workspaceId: string | undefined) =>
  useQuery({
    queryKey: taxonomyKeys.status(workspaceId),
    queryFn: () => api<TopicsStatus>('GET', route('/api/analytics/topics/status') + qs({ workspace_id: workspaceId })),
    refetchInterval: 15_000,
  });
