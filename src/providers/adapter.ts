/**
 * The shape of an adapter module: what one folder under `src/providers/` exports from its `index.ts`
 * (protocol id, factory, credential fields, doc row). `adapters.ts` lists them; the registry, the
 * catalog API, config checks and docs/providers.md all read them from there.
 */
import type { CatalogEntry, CredentialField, Localized } from '../catalog/types.js';
import type { ProviderConfig } from '../config/schema.js';
import type { Provider } from '../core/provider.js';

/** One config key a protocol reads credentials from, as the console's provider form asks for it. */
export interface CredentialSpec {
  key: CredentialField;
  label: Localized;
  placeholder: Localized;
  /** A provider of this protocol is refused without it (baimo.yaml and the admin API). */
  required: boolean;
}

/** What a factory builds a provider from: its config and the catalog entry it takes defaults from. */
export interface AdapterInput {
  /** The provider's name (errors and metrics carry it). */
  name: string;
  cfg: ProviderConfig;
  entry: CatalogEntry | undefined;
  /** `base_url` of the config, else the entry's default ('' when neither has one). */
  baseUrl: string;
  /** The entry's static headers with the config's on top. */
  headers: Record<string, string>;
  connectTimeoutMs: number;
}

/** The adapter's rows in docs/providers.md. */
export interface AdapterDoc {
  /** The API it speaks, e.g. `Anthropic Messages API`. */
  name: string;
  /** Endpoints and wire format. */
  speaks: string;
  /** The vendor's reference. */
  link?: string;
  /** How requests are authenticated (an entry may refine it: OpenAI-compatible auth styles). */
  auth: string | ((entry: CatalogEntry) => string);
  streaming: string;
  /** Where token usage comes from in streams. */
  usage: string;
  /** The tests that check the wire format. */
  verified: string;
}

export interface ProviderAdapter<P extends string = string> {
  /** The `protocol` of the catalog entries this adapter serves. */
  protocol: P;
  create(input: AdapterInput): Provider;
  /** The config keys its credentials come from, in form order (none for in-process engines). */
  credentials: readonly CredentialSpec[];
  /** Configured in baimo.yaml only (it loads files from this machine): the admin API refuses it. */
  fileOnly?: boolean;
  doc: AdapterDoc;
}
