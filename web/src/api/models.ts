/**
 * Providers, model aliases, prices and the models `/v1/models` lists. One key root: whatever changes
 * routing (a provider, an alias, a price) refreshes all of them, the aliases' problems included.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getToken, qs, route } from './client.ts';
import { localModelKeys } from './local-models.ts';
import type { Body, Item, Res } from './types.ts';

export type Provider = Item<'getApiProviders'>;
/** PUT /api/providers/{name}: secrets are write-only (omit = keep, null = remove). */
export type ProviderInput = Body<'putApiProvidersName'>;
export type ProviderTestResult = Res<'postApiProvidersNameTest'>;
export type SecretField = Provider['secrets_set'][number];
export type Source = Provider['source'];
export type Alias = Item<'getApiModels'>;
export type AliasInput = Body<'putApiModelsName'>;
export type Target = Alias['targets'][number];
export type Price = Item<'getApiPrices'>;
export type PriceInput = Body<'putApiPrices'>;
export type OpenAIModel = Item<'getV1Models'>;

export const modelKeys = {
  all: ['models'] as const,
  providers: () => [...modelKeys.all, 'providers'] as const,
  /** GET /api/models: the aliases (the one cache of that list). */
  aliases: () => [...modelKeys.all, 'aliases'] as const,
  prices: () => [...modelKeys.all, 'prices'] as const,
  /** GET /v1/models as the stored admin token or session (`undefined`), or as another token (the playground's key). */
  v1: (token?: string | null) => [...modelKeys.all, 'v1', ...(token === undefined ? [] : [token])] as const,
};

export const useProviders = () =>
  useQuery({
    queryKey: modelKeys.providers(),
    queryFn: () => api<Res<'getApiProviders'>>('GET', route('/api/providers')).then((r) => r.data),
  });

export const useAliases = () =>
  useQuery({ queryKey: modelKeys.aliases(), queryFn: () => api<Res<'getApiModels'>>('GET', route('/api/models')).then((r) => r.data) });

export const usePrices = () =>
  useQuery({ queryKey: modelKeys.prices(), queryFn: () => api<Res<'getApiPrices'>>('GET', route('/api/prices')).then((r) => r.data) });

/**
 * What `/v1/models` lists for the stored credentials, or for `token` when given. `/v1` takes bearer
 * tokens only, so a console session without the admin token does not ask (it would only get a 401).
 */
export const useOpenAIModels = (token?: string | null, enabled = true) =>
  useQuery({
    queryKey: modelKeys.v1(token),
    enabled: enabled && Boolean(token === undefined ? getToken() : token),
    queryFn: () => api<Res<'getV1Models'>>('GET', route('/v1/models'), undefined, token === undefined ? {} : { token }).then((r) => r.data),
  });

/** A change of routing: every list of this module, and the local models (llama.cpp providers point at their files). */
function useInvalidateRouting() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: modelKeys.all }), qc.invalidateQueries({ queryKey: localModelKeys.all })]);
}

export function useSaveProvider() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: ProviderInput }) =>
      api<Res<'putApiProvidersName'>>('PUT', route('/api/providers/{name}', { name }), body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteProvider() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (name: string) => api<Res<'deleteApiProvidersName'>>('DELETE', route('/api/providers/{name}', { name })),
    onSuccess: () => invalidate(),
  });
}

/** Asks a saved provider for its models (nothing cached changes; the audit log records the test). */
export const useTestProvider = () =>
  useMutation({ mutationFn: (name: string) => api<ProviderTestResult>('POST', route('/api/providers/{name}/test', { name }), {}) });

export function useSaveAlias() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: ({ name, body }: { name: string; body: AliasInput }) =>
      api<Res<'putApiModelsName'>>('PUT', route('/api/models/{name}', { name }), body),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteAlias() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (name: string) => api<Res<'deleteApiModelsName'>>('DELETE', route('/api/models/{name}', { name })),
    onSuccess: () => invalidate(),
  });
}

export function useSavePrice() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (body: PriceInput) => api<Res<'putApiPrices'>>('PUT', route('/api/prices'), body),
    onSuccess: () => invalidate(),
  });
}

export function useDeletePrice() {
  const invalidate = useInvalidateRouting();
  return useMutation({
    mutationFn: (model: string) => api<Res<'deleteApiPrices'>>('DELETE', route('/api/prices') + qs({ model })),
    onSuccess: () => invalidate(),
  });
}
