import type { BaimoConfig, TimeoutsConfig } from '../config/schema.js';
import type { CallTimeouts, Provider } from '../core/provider.js';
import { trustOf } from '../providers/trust-level.js';
import { LIMITS } from '../core/limits.js';
import type { SecretRedactor } from '../core/redact-secrets.js';
import { catalogEntryFor } from '../providers/registry.js';
import { providerRedactor } from './provider-redactor.js';
import { Target, type Route, type RouteTarget } from './target.js';

/** Model names of scenario apps: `app:{slug}`. */
export const APP_MODEL_PREFIX = 'app:';
/** `app:` and a slug (the grammar of `APP_SLUG` in apps/app-types.ts, which sits above the gateway). */
const APP_MODEL = /^app:[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

const DEFAULT_TIMEOUTS: CallTimeouts = { connect: 5_000, firstByte: 60_000, idle: 60_000, total: 600_000 };

/** A model `/v1/models` lists. */
export interface ModelListing {
  id: string;
  ownedBy: string;
  created: number;
}

/**
 * All the names a client may send, resolved to routes: config aliases, `provider/model` for any
 * provider (catalog, configured or discovered models, built on first use), and bare catalog model
 * ids served by exactly one configured provider.
 *
 * Memory is bounded whatever clients send: routes and targets of names the config or catalog knows
 * are kept for good (there are as many as the config says), while a `provider/model` that nobody
 * configured gets a route of its own in a small map of at most `LIMITS.requestKeyedMap` entries,
 * oldest dropped first. Dropping one only forgets that route's breaker state; configured routes are
 * never in that map, so a client cannot push them out.
 */
export class RouteTable {
  /** Aliases and `provider/model` routes of known models (catalog, `models:`, alias targets). */
  private readonly routes = new Map<string, Route>();
  /** One Target per known deployment, shared by every route that uses it. */
  private readonly targets = new Map<string, Target>();
  /** Routes for `provider/model` names no config or catalog mentions, each with its own target; bounded. */
  private readonly adHoc = new Map<string, Route>();
  private readonly bareIds = new Map<string, string>();
  /** Model ids each provider is known to serve (catalog and config), by provider name. */
  private readonly knownIds = new Map<string, Set<string>>();
  /** One secret redactor per provider, built with the first of its targets. */
  private readonly redactors = new Map<string, SecretRedactor>();
  private readonly created = Math.floor(Date.now() / 1000);

  constructor(
    private readonly config: BaimoConfig,
    private readonly providers: Map<string, Provider>,
  ) {
    for (const alias of config.models) {
      this.routes.set(alias.name, {
        name: alias.name,
        targets: alias.targets.map((t) => this.target(t.provider, t.model, t.weight, t.max_concurrency, alias.timeouts)),
        fallbacks: alias.fallbacks,
        retries: alias.retries ?? config.router.retries,
        ...(alias.knowledge?.length ? { knowledge: alias.knowledge } : {}),
        ...(alias.context_tokens ? { contextTokens: alias.context_tokens } : {}),
      });
    }
    const owners = new Map<string, string[]>();
    for (const name of Object.keys(config.providers)) {
      const ids = this.modelIdsOf(name);
      this.knownIds.set(name, new Set(ids));
      for (const id of ids) owners.set(id, [...(owners.get(id) ?? []), name]);
    }
    for (const [id, names] of owners) if (names.length === 1) this.bareIds.set(id, `${names[0]}/${id}`);
  }

  /** Finds the route for a model name, building `provider/model` routes on demand. */
  lookup = (name: string): Route | undefined => {
    const known = this.routes.get(name) ?? this.adHoc.get(name);
    if (known) return known;
    if (name.startsWith(APP_MODEL_PREFIX)) return appPlaceholder(name);
    const direct = this.bareIds.get(name) ?? name;
    if (direct !== name) {
      const built = this.routes.get(direct);
      if (built) return built;
    }
    const slash = direct.indexOf('/');
    if (slash <= 0) return undefined;
    const providerName = direct.slice(0, slash);
    const model = direct.slice(slash + 1);
    if (!model || !this.providers.has(providerName)) return undefined;
    const configured = this.targets.has(direct) || this.knownIds.get(providerName)?.has(model) === true;
    // Names come from clients: an unknown one never gets a route beyond the request-name limit.
    if (!configured && direct.length > LIMITS.modelName) return undefined;
    const route: Route = {
      name: direct,
      targets: [this.target(providerName, model, 1, undefined, undefined, !configured)],
      fallbacks: [],
      retries: this.config.router.retries,
    };
    if (configured) this.routes.set(direct, route);
    else {
      if (this.adHoc.size >= LIMITS.requestKeyedMap) this.adHoc.delete(this.adHoc.keys().next().value as string);
      this.adHoc.set(direct, route);
    }
    return route;
  };

  /**
   * The route name `name` resolves to, without building anything: what a key's model allow-list is
   * checked against before any route exists (an alias, `provider/model`, or a bare id's provider/model).
   */
  routeName = (name: string): string => (this.routes.has(name) ? name : (this.bareIds.get(name) ?? name));

  /** Every deployment built so far (aliases' and `provider/model` routes used since the last reload), with live state. */
  liveTargets(): Target[] {
    const out = [...this.targets.values()];
    for (const r of this.adHoc.values()) for (const t of r.targets) out.push(t.target);
    return out;
  }

  /** What `/v1/models` shows: aliases first, then every provider's known models as provider/model. */
  listings(discovered: Map<string, string[]> = new Map()): ModelListing[] {
    const out: ModelListing[] = this.config.models.map((m) => ({ id: m.name, ownedBy: 'baimo', created: this.created }));
    for (const name of Object.keys(this.config.providers)) {
      const ids = new Set([...(this.knownIds.get(name) ?? []), ...(discovered.get(name) ?? [])]);
      for (const id of ids) out.push({ id: `${name}/${id}`, ownedBy: name, created: this.created });
    }
    return out;
  }

  private modelIdsOf(providerName: string): string[] {
    const cfg = this.config.providers[providerName];
    const entry = catalogEntryFor(cfg);
    return [...new Set([...(entry?.models.map((m) => m.id) ?? []), ...(cfg.models ?? [])])];
  }

  private target(
    providerName: string,
    model: string,
    weight: number,
    maxConcurrency?: number,
    aliasTimeouts?: TimeoutsConfig,
    adHoc = false,
  ): RouteTarget {
    const cfg = this.config.providers[providerName];
    const provider = this.providers.get(providerName);
    if (!cfg || !provider) throw new Error(`unknown provider ${providerName}`);
    const key = `${providerName}/${model}`;
    // One Target per deployment, shared by every route, so breakers and concurrency see all its traffic.
    let t = this.targets.get(key);
    if (!t) {
      let redactor = this.redactors.get(providerName);
      if (!redactor) this.redactors.set(providerName, (redactor = providerRedactor(cfg)));
      const entry = catalogEntryFor(cfg);
      t = new Target(
        providerName,
        provider,
        model,
        maxConcurrency ?? cfg.max_concurrency ?? Number.POSITIVE_INFINITY,
        entry,
        {
          failures: this.config.router.circuit_failures,
          cooldownMs: this.config.router.circuit_cooldown_ms,
        },
        trustOf(cfg, entry),
        redactor,
      );
      // An ad-hoc target lives in its (bounded) route only.
      if (!adHoc) this.targets.set(key, t);
    }
    return { target: t, weight, timeouts: mergeTimeouts(this.config.router.timeouts, cfg.timeouts, aliasTimeouts) };
  }
}

/**
 * The route of `app:{slug}` (a well-formed slug): no targets of its own. The app stage puts the app's
 * model in the request's place and the gateway resolves that one; the placeholder only lets the name
 * pass routing and the key's allow-list first. Made per lookup: nothing a client sends is kept.
 */
function appPlaceholder(name: string): Route | undefined {
  if (!APP_MODEL.test(name)) return undefined;
  return { name, targets: [], fallbacks: [], retries: 0, app: true };
}

function mergeTimeouts(...levels: Array<TimeoutsConfig | undefined>): CallTimeouts {
  const t = { ...DEFAULT_TIMEOUTS };
  for (const l of levels) {
    if (!l) continue;
    if (l.connect_ms) t.connect = l.connect_ms;
    if (l.first_byte_ms) t.firstByte = l.first_byte_ms;
    if (l.idle_ms) t.idle = l.idle_ms;
    if (l.total_ms) t.total = l.total_ms;
  }
  return t;
}

export { mergeTimeouts };
