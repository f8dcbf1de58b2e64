/** Local GGUF models (src/server/api/local-model-routes.ts): listing, pulls and llama.cpp load / unload. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface LocalModel {
  /** File name in models_dir, else a provider's configured model_path. */
  file: string;
  /** Absolute path on the server. */
  path?: string;
  /** null when a configured model_path does not exist (yet). */
  size_bytes: number | null;
  /** The llama-cpp provider whose model_path is this file, if any. */
  provider: string | null;
  loaded: boolean;
}

export interface LocalModelList {
  models_dir: string;
  data: LocalModel[];
}

export type PullStatus = 'running' | 'done' | 'failed';

export interface PullJob {
  status: PullStatus;
  received_bytes: number;
  total_bytes: number | null;
  error?: string | { message: string; code?: string | null } | null;
}

const enc = encodeURIComponent;
const LIST_KEY = ['local-models'];
/** How often a running pull is polled. */
export const PULL_POLL_MS = 500;

export const useLocalModels = () => useQuery({ queryKey: LIST_KEY, queryFn: () => api<LocalModelList>('GET', '/api/local-models') });

export const startPull = (source: string) => api<{ job_id: string }>('POST', '/api/local-models/pull', { source });

/** Polls a pull every 500 ms until it is done or failed. */
export const usePullJob = (jobId: string | null) =>
  useQuery({
    queryKey: ['local-model-pull', jobId],
    queryFn: () => api<PullJob>('GET', `/api/local-models/pulls/${enc(jobId!)}`),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : PULL_POLL_MS),
    refetchIntervalInBackground: true,
    gcTime: 0,
  });

export function useLoadToggle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, load }: { provider: string; load: boolean }) =>
      api<{ provider: string; loaded: boolean }>('POST', `/api/local-models/${enc(provider)}/${load ? 'load' : 'unload'}`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export const useRefreshLocalModels = () => {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: LIST_KEY });
};

export function pullError(job: PullJob | undefined): string | null {
  if (!job?.error) return null;
  return typeof job.error === 'string' ? job.error : job.error.message;
}

/** 1536 → "1.5 KiB". */
export function fmtBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
