import type { CatalogEntry } from '../catalog/types.js';
import type { TrustLevel } from '../core/policy-document.js';
import type { CallTimeouts, Provider } from '../core/provider.js';
import { PATTERNS_ONLY, type SecretRedactor } from '../core/redact-secrets.js';
import { CircuitBreaker } from './circuit-breaker.js';

/** One deployment a request can go to: a provider instance and its model id, with live state. */
export class Target {
  inFlight = 0;
  readonly breaker: CircuitBreaker;

  constructor(
    readonly providerName: string,
    readonly provider: Provider,
    readonly model: string,
    readonly maxConcurrency: number,
    readonly catalog: CatalogEntry | undefined,
    circuit: { failures: number; cooldownMs: number },
    /** Where the provider runs (data-routing policies). */
    readonly trust: TrustLevel = 'foreign_cloud',
    /** Masks the provider's own secrets in its error messages (shared by every target of the provider). */
    readonly redactor: SecretRedactor = PATTERNS_ONLY,
  ) {
    this.breaker = new CircuitBreaker(circuit.failures, circuit.cooldownMs);
  }

  get key(): string {
    return `${this.providerName}/${this.model}`;
  }
}

/** A target as one route uses it: with that route's weight and timeouts. */
export interface RouteTarget {
  target: Target;
  weight: number;
  timeouts: CallTimeouts;
}

/** A resolved model name: its targets, fallbacks (other route names) and retry budget. */
export interface Route {
  name: string;
  targets: RouteTarget[];
  fallbacks: string[];
  retries: number;
  /** Knowledge bases (names, resolved per request in the caller's workspace) grounding the alias's answers. */
  knowledge?: string[];
  /** The alias's `context_tokens`: the window assumed where the catalog does not know the model's. */
  contextTokens?: number;
  /** A scenario app's placeholder (`app:{slug}`): the app stage replaces the model before any call. */
  app?: true;
}
