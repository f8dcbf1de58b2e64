/** Queries and mutations shared by the models page tabs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Alias, AliasInput, List, OpenAIModel, Price, Provider, ProviderInput, ProviderTestResult } from './types';

const enc = encodeURIComponent;

export const useProviders = () =>
  useQuery({ queryKey: ['providers'], queryFn: () => api<List<Provider>>('GET', '/api/providers').then((r) => r.data) });

export const useAliases = () =>
  useQuery({ queryKey: ['model-aliases'], queryFn: () => api<List<Alias>>('GET', '/api/models').then((r) => r.data) });

export const useOpenAIModels = () =>
  useQuery({ queryKey: ['v1-models'], queryFn: () => api<List<OpenAIModel>>('GET', '/v1/models').then((r) => r.data) });

export const usePrices = () => useQuery({ queryKey: ['prices'], queryFn: () => api<List<Price>>('GET', '/api/prices').then((r) => r.data) });

/** Anything that changes routing also changes /v1/models and the aliases' problems. */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all(['providers', 'model-aliases', 'v1-models', 'prices'].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

export function useSaveProvider() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: ProviderInput }) => api<Provider>('PUT', `/api/providers/${enc(name)}`, body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteProvider() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (name: string) => api('DELETE', `/api/providers/${enc(name)}`),
    onSuccess: () => invalidate(),
  });
}

export const testProvider = (name: string) => api<ProviderTestResult>('POST', `/api/providers/${enc(name)}/test`, {});

export function useSaveAlias() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: AliasInput }) => api<Alias>('PUT', `/api/models/${enc(name)}`, body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteAlias() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (name: string) => api('DELETE', `/api/models/${enc(name)}`),
    onSuccess: () => invalidate(),
  });
}

export function useSavePrice() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: Omit<Price, 'object' | 'source'>) => api<Price>('PUT', '/api/prices', body),
    onSuccess: () => invalidate(),
  });
}

export function useDeletePrice() {
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (model: string) => api('DELETE', `/api/prices?model=${enc(model)}`),
    onSuccess: () => invalidate(),
  });
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
