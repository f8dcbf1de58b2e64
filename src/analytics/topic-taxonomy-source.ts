import { DEFAULT_TAXONOMY } from './taxonomy-defaults.js';
import { parseTaxonomy, taxonomyHash, type Taxonomy } from './taxonomy.js';

/** Where the taxonomy in force comes from: built in, baimo.yaml, or edited through the API. */
export type TaxonomySourceKind = 'default' | 'config' | 'custom';

export interface CurrentTaxonomy {
  taxonomy: Taxonomy;
  /** {@link taxonomyHash}: cached classifications are keyed by it. */
  hash: string;
  source: TaxonomySourceKind;
}

/** The settings row the edited taxonomy lives in. */
export interface TaxonomySettings {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export const TAXONOMY_SETTING_KEY = 'analytics_topic_taxonomy';

/**
 * The taxonomy in force: the one edited through `PUT /api/analytics/taxonomy` (a settings row every
 * replica reads), else `analytics.topics.taxonomy` of baimo.yaml, else the built-in one. A stored one
 * that no longer parses (edited by hand) is ignored in favour of the next.
 */
export class TopicTaxonomySource {
  private readonly fallback: CurrentTaxonomy;

  constructor(
    private readonly settings: TaxonomySettings,
    /** `analytics.topics.taxonomy` as configured (validated here: an invalid one throws TaxonomyError). */
    configured?: unknown,
  ) {
    const taxonomy = configured === undefined ? DEFAULT_TAXONOMY : parseTaxonomy(configured);
    this.fallback = { taxonomy, hash: taxonomyHash(taxonomy), source: configured === undefined ? 'default' : 'config' };
  }

  async current(): Promise<CurrentTaxonomy> {
    const stored = await this.settings.get(TAXONOMY_SETTING_KEY);
    if (stored) {
      try {
        const taxonomy = parseTaxonomy(JSON.parse(stored));
        return { taxonomy, hash: taxonomyHash(taxonomy), source: 'custom' };
      } catch {
        // Not a taxonomy any more: the configured or built-in one serves.
      }
    }
    return this.fallback;
  }

  /** Validates (throws TaxonomyError) and stores a taxonomy for every replica. */
  async replace(input: unknown): Promise<CurrentTaxonomy> {
    const taxonomy = parseTaxonomy(input);
    await this.settings.set(TAXONOMY_SETTING_KEY, JSON.stringify(taxonomy));
    return { taxonomy, hash: taxonomyHash(taxonomy), source: 'custom' };
  }
}
