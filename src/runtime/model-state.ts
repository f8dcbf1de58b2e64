import { createHash } from 'node:crypto';
import { SECRET_MAPS, type ProviderSecrets } from '../config/provider-secrets.js';
import {
  modelAliasSchema,
  priceSchema,
  providerSchema,
  type BaimoConfig,
  type PriceConfig,
  type ProviderConfig,
} from '../config/schema.js';
import type { Provider } from '../core/provider.js';
import { RouteTable } from '../gateway/route-table.js';
import type { Route } from '../gateway/target.js';
import { PriceBook } from '../governance/price-book.js';
import { createProvider } from '../providers/registry.js';
import type { SecretBox } from '../security/secret-box.js';
import { openSecrets, updateSecrets } from './provider-secrets.js';
import type { ModelConfigRepository, ProviderRow } from '../store/model-config-repository.js';

/**
 * The live model configuration: `baimo.yaml` merged with the providers, aliases and prices managed
 * through the admin API. `reload()` rebuilds routes and prices without a restart; providers whose
 * settings did not change keep their instance (and connection pool). Names from the file always
 * win: the API refuses to shadow them.
 */
export class ModelState {
  config: BaimoConfig;
  providers = new Map<string, Provider>();
  routes: RouteTable;
  prices: PriceBook;
  /** Problems with database rows, by name (a bad row is skipped, the rest still load). */
  problems = new Map<string, string>();
  private readonly fingerprints = new Map<string, string>();

  constructor(
    readonly file: BaimoConfig,
    private readonly repo: ModelConfigRepository,
    private readonly secrets: () => SecretBox,
  ) {
    const connect = file.router.timeouts.connect_ms ?? 5_000;
    for (const [name, p] of Object.entries(file.providers)) this.providers.set(name, createProvider(name, p, connect));
    this.config = file;
    this.routes = new RouteTable(file, this.providers);
    this.prices = new PriceBook(file.prices, file.currency.usd_cny);
  }

  lookup = (name: string): Route | undefined => this.routes.lookup(name);

  /** Re-reads the database rows and swaps in new routes and prices. */
  async reload(): Promise<void> {
    const [providerRows, aliasRows, priceRows] = await Promise.all([this.repo.providers(), this.repo.aliases(), this.repo.prices()]);
    const problems = new Map<string, string>();
    const providers: Record<string, ProviderConfig> = { ...this.file.providers };
    const live = new Map<string, Provider>();
    for (const [name] of Object.entries(this.file.providers)) live.set(name, this.providers.get(name)!);
    const connect = this.file.router.timeouts.connect_ms ?? 5_000;
    for (const row of providerRows) {
      if (this.file.providers[row.name]) continue;
      try {
        const raw = JSON.parse(row.config) as Record<string, unknown>;
        const cfg = providerSchema.parse(raw);
        const opened = openSecrets(this.secrets(), row.name, row.secret);
        Object.assign(cfg, opened);
        if (SECRET_MAPS.some((f) => raw[f] !== undefined)) await this.sealLegacyMaps(row, raw, opened);
        const fp = createHash('sha256').update(JSON.stringify(cfg)).digest('hex');
        const existing = this.providers.get(row.name);
        live.set(row.name, existing && this.fingerprints.get(row.name) === fp ? existing : createProvider(row.name, cfg, connect));
        this.fingerprints.set(row.name, fp);
        providers[row.name] = cfg;
      } catch (err) {
        problems.set(`provider:${row.name}`, (err as Error).message);
      }
    }
    const fileAliases = new Set(this.file.models.map((m) => m.name));
    const models = [...this.file.models];
    for (const row of aliasRows) {
      if (fileAliases.has(row.name)) continue;
      try {
        const alias = modelAliasSchema.parse({ ...JSON.parse(row.config), name: row.name });
        const missing = alias.targets.find((t) => !providers[t.provider]);
        if (missing) throw new Error(`unknown provider "${missing.provider}"`);
        models.push(alias);
      } catch (err) {
        problems.set(`model:${row.name}`, (err as Error).message);
      }
    }
    const names = new Set(models.map((m) => m.name));
    for (const m of models) m.fallbacks = m.fallbacks.filter((f) => names.has(f));
    const prices: PriceConfig[] = [...this.file.prices];
    for (const row of priceRows) {
      prices.push(
        priceSchema.parse({
          model: row.model,
          input: row.input,
          output: row.output,
          cached: row.cached ?? undefined,
          currency: row.currency,
          free: row.free === 1,
        }),
      );
    }
    const config: BaimoConfig = { ...this.file, providers, models, prices };
    const routes = new RouteTable(config, live);
    const old = this.providers;
    this.config = config;
    this.providers = live;
    this.routes = routes;
    this.prices = new PriceBook(prices, this.file.currency.usd_cny);
    this.problems = problems;
    for (const [name, p] of old) if (live.get(name) !== p) void p.close?.();
  }

  /**
   * A row written before provider headers and query were sealed keeps them in plaintext in its
   * config: move them into the sealed secret (a value already sealed wins). Best effort: the row
   * works either way, and a failure (a read-only database) is retried at the next reload.
   */
  private async sealLegacyMaps(row: ProviderRow, raw: Record<string, unknown>, opened: ProviderSecrets): Promise<void> {
    try {
      const { headers, query, ...rest } = raw as Record<string, unknown> & ProviderSecrets;
      const sealed = updateSecrets(this.secrets(), row.name, row.secret, {
        headers: opened.headers ?? headers,
        query: opened.query ?? query,
      });
      await this.repo.replaceProviderIf(row.name, row.config, JSON.stringify(rest), sealed);
    } catch {
      // Still served from the plaintext form; sealed at the next reload.
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.providers.values()].map((p) => p.close?.()));
  }
}
