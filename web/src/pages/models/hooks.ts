/** Helpers shared by the models page tabs (their data comes from api/models.ts, api/catalog.ts, api/local-models.ts). */
import { useCatalog, type CatalogEntry, type Localized } from '../../api/catalog.ts';
import { useLang } from '../../i18n';

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

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
