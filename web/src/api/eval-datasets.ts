/**
 * Evaluation datasets (src/server/api/eval-dataset-routes.ts): the datasets of a workspace, uploading
 * files as a new dataset or a new version of one (multipart, with progress), sampling one from the
 * request logs, a dataset's versions and a version's items.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, route, upload, type UploadOptions } from './client.ts';
import { evalKeys, type SuiteType } from './eval.ts';
import type { Body, Item, Res } from './types.ts';

export type DatasetView = Item<'getApiEvalDatasets'>;
export type DatasetVersionView = Item<'getApiEvalDatasetsIdVersions'>;
export type DatasetItemView = Item<'getApiEvalDatasetsIdVersionsVersionItems'>;
export type DatasetItemList = Res<'getApiEvalDatasetsIdVersionsVersionItems'>;
export type DatasetFormat = DatasetVersionView['format'];
/** What an upload or a sample answers: the dataset, the version holding the items, and whether it is new. */
export type ImportResult = Res<'postApiEvalDatasetsSample'>;
/** `POST /api/eval/datasets/sample`: QA or judge items from logged requests (their bodies must have been stored). */
export type SampleInput = Body<'postApiEvalDatasetsSample'>;

export const DATASET_FORMATS: readonly DatasetFormat[] = ['ceval', 'cmmlu', 'qa', 'judge', 'safety'];

/** The fields of an upload besides its files. */
export interface DatasetUploadFields {
  name: string;
  type?: SuiteType;
  format?: DatasetFormat;
  split?: 'dev' | 'val' | 'test';
  description?: string;
  note?: string;
}

export const datasetKeys = {
  all: (workspaceId: string) => [...evalKeys.all, workspaceId, 'datasets'] as const,
  one: (workspaceId: string, id: string) => [...datasetKeys.all(workspaceId), id] as const,
};

const ws = (workspaceId: string) => qs({ workspace_id: workspaceId });

export const useDatasets = (workspaceId: string) =>
  useQuery({
    queryKey: [...datasetKeys.all(workspaceId), 'list'],
    enabled: Boolean(workspaceId),
    queryFn: ({ signal }) =>
      api<Res<'getApiEvalDatasets'>>('GET', route('/api/eval/datasets') + ws(workspaceId), undefined, { signal }).then((r) => r.data),
  });

export const useDataset = (workspaceId: string, id: string) =>
  useQuery({
    queryKey: [...datasetKeys.one(workspaceId, id), 'view'],
    enabled: Boolean(workspaceId && id),
    queryFn: ({ signal }) =>
      api<Res<'getApiEvalDatasetsId'>>('GET', route('/api/eval/datasets/{id}', { id }) + ws(workspaceId), undefined, { signal }),
  });

export const useDatasetVersions = (workspaceId: string, id: string) =>
  useQuery({
    queryKey: [...datasetKeys.one(workspaceId, id), 'versions'],
    enabled: Boolean(workspaceId && id),
    queryFn: ({ signal }) =>
      api<Res<'getApiEvalDatasetsIdVersions'>>('GET', route('/api/eval/datasets/{id}/versions', { id }) + ws(workspaceId), undefined, {
        signal,
      }).then((r) => r.data),
  });

/** A page of a version's items (keyset: `after` is the last seq seen). */
export const useDatasetItems = (workspaceId: string, id: string, version: number | undefined, after: number | undefined, limit: number) =>
  useQuery({
    queryKey: [...datasetKeys.one(workspaceId, id), 'items', version, after, limit],
    enabled: Boolean(workspaceId && id && version),
    queryFn: ({ signal }) =>
      api<DatasetItemList>(
        'GET',
        route('/api/eval/datasets/{id}/versions/{version}/items', { id, version: String(version) }) +
          qs({ workspace_id: workspaceId, after, limit }),
        undefined,
        { signal },
      ),
    placeholderData: (prev) => prev,
  });

export function useDatasetsChanged(workspaceId: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: datasetKeys.all(workspaceId) });
}

/** Uploads CSV / JSONL files as a dataset (a new version when the name exists and the items differ). */
export function uploadDataset(workspaceId: string, fields: DatasetUploadFields, files: File[], opts: UploadOptions = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, String(v));
  for (const f of files) form.append('files', f, f.name);
  return upload<Res<'postApiEvalDatasets'>>(route('/api/eval/datasets') + ws(workspaceId), form, opts);
}

export function useSampleDataset(workspaceId: string) {
  const changed = useDatasetsChanged(workspaceId);
  return useMutation({
    mutationFn: (body: SampleInput) => api<ImportResult>('POST', route('/api/eval/datasets/sample') + ws(workspaceId), body),
    onSuccess: () => changed(),
  });
}

export function useUpdateDataset(workspaceId: string, id: string) {
  const changed = useDatasetsChanged(workspaceId);
  return useMutation({
    mutationFn: (body: Body<'patchApiEvalDatasetsId'>) =>
      api<Res<'patchApiEvalDatasetsId'>>('PATCH', route('/api/eval/datasets/{id}', { id }) + ws(workspaceId), body),
    onSuccess: () => changed(),
  });
}

export function useDeleteDataset(workspaceId: string) {
  const changed = useDatasetsChanged(workspaceId);
  return useMutation({
    mutationFn: (id: string) => api<Res<'deleteApiEvalDatasetsId'>>('DELETE', route('/api/eval/datasets/{id}', { id }) + ws(workspaceId)),
    onSuccess: () => changed(),
  });
}
