/** The built-in provider catalog (GET /api/catalog): static per server version, fetched once. */
import { useQuery } from '@tanstack/react-query';
import { api, route } from './client.ts';
import type { Item, Res } from './types.ts';

export type CatalogEntry = Item<'getApiCatalog'>;
export type CatalogModel = CatalogEntry['models'][number];
export type CatalogPrice = CatalogModel['prices'][number];
export type CredentialFieldView = CatalogEntry['credentials'][number];
export type CredentialKey = CredentialFieldView['key'];
export type Localized = CatalogEntry['names'];

export const catalogKeys = {
  all: ['catalog'] as const,
};

export const useCatalog = () =>
  useQuery({
    queryKey: catalogKeys.all,
    queryFn: () => api<Res<'getApiCatalog'>>('GET', route('/api/catalog')).then((r) => r.data),
    staleTime: Infinity,
  });
