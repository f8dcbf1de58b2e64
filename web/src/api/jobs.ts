/** Background jobs (src/server/api/job-routes.ts): the list, starting a job by hand, cancelling one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route } from './client.ts';
import type { Body, Item, Res } from './types.ts';

export type JobList = Res<'getApiJobs'>;
export type Job = Item<'getApiJobs'>;
export type JobStatus = Job['status'];
export type JobStart = Body<'postApiJobs'>;

/** The filters of the jobs page. */
export interface JobFilters {
  status?: JobStatus;
  name?: string;
}

export const jobKeys = {
  all: ['jobs'] as const,
  list: (filters: JobFilters, limit: number) => [...jobKeys.all, 'list', filters, limit] as const,
};

/** How often the list is polled while one of its jobs is queued or running. */
export const JOB_POLL_MS = 1_000;

export const isActive = (j: Pick<Job, 'status'>): boolean => j.status === 'queued' || j.status === 'running';

/** The newest jobs the caller may see (all for instance administrators, else their workspaces'); polled while any is active. */
export const useJobs = (filters: JobFilters, limit = 100) =>
  useQuery({
    queryKey: jobKeys.list(filters, limit),
    queryFn: ({ signal }) =>
      api<JobList>('GET', route('/api/jobs') + qs({ status: filters.status, name: filters.name, limit }), undefined, { signal }),
    refetchInterval: (q) => (q.state.data?.data.some(isActive) ? JOB_POLL_MS : false),
  });

/** Starts a job of a type that allows manual runs (`retention.purge`: instance administrators). */
export function useStartJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: JobStart) => api<Res<'postApiJobs'>>('POST', route('/api/jobs'), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Res<'postApiJobsIdCancel'>>('POST', route('/api/jobs/{id}/cancel', { id }), {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
