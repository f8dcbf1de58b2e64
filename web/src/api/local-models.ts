/** Local GGUF models (src/server/api/local-model-routes.ts): listing, pulls and llama.cpp load / unload. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, route } from './client.ts';
import type { Item, Res } from './types.ts';

export type LocalModelList = Res<'getApiLocalModels'>;
export type LocalModel = Item<'getApiLocalModels'>;
export type PullJob = Res<'getApiLocalModelsPullsJobId'>;
export type PullStatus = PullJob['status'];

export const localModelKeys = {
  all: ['local-models'] as const,
  list: () => [...localModelKeys.all, 'list'] as const,
  pull: (jobId: string | null) => [...localModelKeys.all, 'pull', jobId] as const,
};

/** How often a running pull is polled. */
export const PULL_POLL_MS = 500;

export const useLocalModels = () =>
  useQuery({ queryKey: localModelKeys.list(), queryFn: () => api<LocalModelList>('GET', route('/api/local-models')) });

/** Starts downloading a GGUF file into models_dir; poll the job with usePullJob (the list refreshes when it is done). */
export const useStartPull = () =>
  useMutation({ mutationFn: (source: string) => api<Res<'postApiLocalModelsPull'>>('POST', route('/api/local-models/pull'), { source }) });

/** Polls a pull every PULL_POLL_MS until it is done or failed. */
export const usePullJob = (jobId: string | null) =>
  useQuery({
    queryKey: localModelKeys.pull(jobId),
    queryFn: () => api<PullJob>('GET', route('/api/local-models/pulls/{jobId}', { jobId: jobId! })),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : PULL_POLL_MS),
    refetchIntervalInBackground: true,
    gcTime: 0,
  });

export function useLoadToggle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, load }: { provider: string; load: boolean }) =>
      load
        ? api<Res<'postApiLocalModelsProviderLoad'>>('POST', route('/api/local-models/{provider}/load', { provider }), {})
        : api<Res<'postApiLocalModelsProviderUnload'>>('POST', route('/api/local-models/{provider}/unload', { provider }), {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: localModelKeys.list() }),
  });
}

/** After a pull finished: the list shows the new file. */
export const useRefreshLocalModels = () => {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: localModelKeys.list() });
};
