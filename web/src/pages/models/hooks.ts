/** Queries and mutations shared by the models page tabs. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../i18n';
import type { Alias, AliasInput, CatalogEntry, List, Localized, OpenAIModel, Price, Provider, ProviderInput, ProviderTestResult } from './types';

const enc = encodeURIComponent;

export const useProviders = () =>
  useQuery({ queryKey: ['providers'], queryFn: () => api<List<Provider>>('GET', '/api/providers').then((r) => r.data) });

export const useAliases = () =>
  useQuery({ queryKey: ['model-aliases'], queryFn: () => api<List<Alias>>('GET', '/api/models').then((r) => r.data) });

export const useOpenAIModels = () =>
  useQuery({ queryKey: ['v1-models'], queryFn: () => api<List<OpenAIModel>>('GET', '/v1/models').then((r) => r.data) });

/** The built-in provider catalog (static per server version: fetched once). */
export const useCatalog = () =>
  useQuery({ queryKey: ['catalog'], queryFn: () => api<List<CatalogEntry>>('GET', '/api/catalog').then((r) => r.data), staleTime: Infinity });

/** The type a provider form starts with, and what a type the catalog does not know behaves like. */
export const GENERIC_TYPE = 'openai-compatible';

/**
 * The catalog entry of a provider type in `catalog`. A type the catalog lacks behaves like the generic
 * one under its own name; until the catalog has loaded it has no fields.
 */
export function entryOf(catalog: CatalogEntry[] | undefined, type: string | undefined): CatalogEntry {
  const id = type ?? '';
  const known = catalog?.find((e) => e.id === id);
  if (known) return known;
  const generic = catalog?.find((e) => e.id === GENERIC_TYPE);
  return { ...(generic ?? PLACEHOLDER), id, names: { zh: id, en: id }, brand: null, models: [] };
}

/** `entryOf` the loaded catalog. */
export const useProviderType = (type: string | undefined): CatalogEntry => entryOf(useCatalog().data, type);

const PLACEHOLDER: CatalogEntry = {
  id: '',
  names: { zh: '', en: '' },
  protocol: 'openai',
  base_url: '',
  auth: 'bearer',
  credentials: [],
  jwt: null,
  env_keys: [],
  env_base_url: null,
  currency: 'USD',
  embeddings: false,
  key_optional: true,
  file_only: false,
  docs: null,
  brand: null,
  models: [],
};

/** A catalog text in the UI language. */
export function useLocalized(): (text: Localized) => string {
  const { lang } = useLang();
  return (text) => (lang === 'zh-CN' ? text.zh : text.en);
}

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
