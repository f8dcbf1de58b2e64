/**
 * baimo.yaml's `security:` rules are a floor: workspace, app and key policies may make them stricter,
 * never looser. Each setting has an order of strictness (see docs/compliance.md):
 *
 * - `pii.action`: allow < pseudonymize < redact < block.
 * - `pii.types`: more types are stricter; when baimo.yaml scans (an action other than allow, or
 *   `routing.pii`), a policy must keep every type it scans for (all built-in types when it names none).
 * - `pii.min_confidence`: lower is stricter (more findings).
 * - `pii.custom`, `pii.terms`, `moderation.rules`: baimo.yaml's entries are always kept; policies add.
 * - `routing.allow`, `routing.pii`: fewer trust levels are stricter; a policy may only pick from
 *   baimo.yaml's list.
 * - `moderation.input`: off < flag < block; `moderation.output`: off < flag < cut (baimo.yaml's
 *   value, or the default it implies: block / cut when it has library files or rules).
 * - `moderation.libraries`: baimo.yaml's libraries (its list, else every library file) are always in.
 * - `moderation.model`: the model baimo.yaml names stays; `on_error` allow < block; `timeout_ms`
 *   may only grow (a shorter one fails open sooner under `on_error: allow`).
 * - `labels.explicit`: a notice baimo.yaml sets cannot be turned off (its text and position may change).
 *
 * `violations` is what the admin API refuses when a policy is saved (400 naming the field);
 * `clamp` raises a merged document to the floor when it is read (defence in depth: a row stored
 * before this check, or written by other means, still cannot loosen anything).
 */
import { BUILTIN_PII_TYPES, type PiiAction, type PolicyDocument, type TrustLevel } from '../contracts.js';
import { MODEL_MODERATION_TIMEOUT_MS } from './effective-policy.js';

/** One setting of a policy that is looser than baimo.yaml's. */
export interface FloorViolation {
  /** The field, as the admin API names it (`policy.pii.action`). */
  param: string;
  message: string;
}

const PII_ACTION_RANK: Record<PiiAction, number> = { allow: 0, pseudonymize: 1, redact: 2, block: 3 };
const INPUT_RANK = { off: 0, flag: 1, block: 2 } as const;
const OUTPUT_RANK = { off: 0, flag: 1, cut: 2 } as const;
const ON_ERROR_RANK = { allow: 0, block: 1 } as const;
/** The scanner's default minimum confidence (PiiScanner). */
const DEFAULT_MIN_CONFIDENCE = 0.5;

type Input = keyof typeof INPUT_RANK;
type Output = keyof typeof OUTPUT_RANK;

const FROM_YAML = 'baimo.yaml (security:) is a floor that workspace, app and key policies may only tighten';

/** Entries of `floor` missing from `list` (by `key`), then `list`: floor entries always stay. */
function unionFirst<T>(floor: readonly T[] | undefined, list: readonly T[] | undefined, key: (t: T) => string): T[] | undefined {
  if (!floor?.length) return list ? [...list] : undefined;
  const seen = new Set<string>();
  const out: T[] = [];
  for (const t of [...floor, ...(list ?? [])]) {
    const k = key(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  }
  return out;
}

/** The floor of one deployment, computed once from baimo.yaml. */
export class PolicyFloor {
  private readonly action: PiiAction;
  /** Types a policy must keep scanning for; null when baimo.yaml does not scan. */
  private readonly types: ReadonlySet<string> | null;
  private readonly typesAreAll: boolean;
  private readonly minConfidence: number | null;
  private readonly allow: ReadonlySet<TrustLevel> | null;
  private readonly piiRouting: ReadonlySet<TrustLevel> | null;
  private readonly input: Input;
  private readonly output: Output;
  private readonly libraries: readonly string[];

  /**
   * @param floor baimo.yaml's policy part (`policyFromConfig`).
   * @param fileLibraryIds the ids of the libraries of `security.moderation.library_files`.
   */
  constructor(
    private readonly floor: PolicyDocument,
    fileLibraryIds: readonly string[] = [],
  ) {
    this.action = floor.pii?.action ?? 'allow';
    const scans = this.action !== 'allow' || floor.routing?.pii !== undefined;
    this.typesAreAll = scans && floor.pii?.types === undefined;
    this.types = scans ? new Set(floor.pii?.types ?? BUILTIN_PII_TYPES) : null;
    this.minConfidence = scans ? (floor.pii?.min_confidence ?? DEFAULT_MIN_CONFIDENCE) : null;
    this.allow = floor.routing?.allow ? new Set(floor.routing.allow) : null;
    this.piiRouting = floor.routing?.pii ? new Set(floor.routing.pii) : null;
    const m = floor.moderation;
    const matches = fileLibraryIds.length > 0 || (m?.rules?.length ?? 0) > 0;
    this.input = m?.input ?? (matches || m?.model ? 'block' : 'off');
    this.output = m?.output ?? (matches ? 'cut' : 'off');
    this.libraries = m?.libraries ?? fileLibraryIds;
  }

  /** The settings of a stored policy (any level) that are looser than baimo.yaml's; empty when none. */
  violations(doc: PolicyDocument): FloorViolation[] {
    const out: FloorViolation[] = [];
    const v = (param: string, message: string) => out.push({ param: `policy.${param}`, message: `${message} (${FROM_YAML}).` });
    const pii = doc.pii;
    if (pii?.action !== undefined && PII_ACTION_RANK[pii.action] < PII_ACTION_RANK[this.action])
      v(
        'pii.action',
        `pii.action "${pii.action}" is looser than "${this.action}"; allowed: allow < pseudonymize < redact < block, from "${this.action}" up`,
      );
    if (pii?.types !== undefined && this.types) {
      const kept = new Set<string>(pii.types);
      const missing = [...this.types].filter((t) => !kept.has(t));
      if (missing.length) v('pii.types', `pii.types must keep every type baimo.yaml scans for; missing: ${missing.join(', ')}`);
    }
    if (pii?.min_confidence !== undefined && this.minConfidence !== null && pii.min_confidence > this.minConfidence)
      v('pii.min_confidence', `pii.min_confidence ${pii.min_confidence} is above ${this.minConfidence} (higher finds less)`);
    for (const [field, floorSet] of [
      ['allow', this.allow],
      ['pii', this.piiRouting],
    ] as const) {
      const list = doc.routing?.[field];
      if (!list || !floorSet) continue;
      list.forEach((level, i) => {
        if (!floorSet.has(level))
          v(
            `routing.${field}[${i}]`,
            `routing.${field} may not add trust level "${level}"; baimo.yaml allows only ${[...floorSet].join(', ') || 'none'}`,
          );
      });
    }
    const m = doc.moderation;
    if (m?.input !== undefined && INPUT_RANK[m.input] < INPUT_RANK[this.input])
      v('moderation.input', `moderation.input "${m.input}" is looser than "${this.input}" (off < flag < block)`);
    if (m?.output !== undefined && OUTPUT_RANK[m.output] < OUTPUT_RANK[this.output])
      v('moderation.output', `moderation.output "${m.output}" is looser than "${this.output}" (off < flag < cut)`);
    const fm = this.floor.moderation?.model;
    if (m?.model && fm) {
      if (m.model.name !== fm.name) v('moderation.model.name', `moderation.model.name must stay "${fm.name}"`);
      const onError = m.model.on_error ?? 'allow';
      if (m.model.on_error !== undefined && ON_ERROR_RANK[onError] < ON_ERROR_RANK[fm.on_error ?? 'allow'])
        v('moderation.model.on_error', `moderation.model.on_error "${onError}" is looser than "${fm.on_error}"`);
      const floorTimeout = fm.timeout_ms ?? MODEL_MODERATION_TIMEOUT_MS;
      if (m.model.timeout_ms !== undefined && m.model.timeout_ms < floorTimeout)
        v('moderation.model.timeout_ms', `moderation.model.timeout_ms ${m.model.timeout_ms} is below ${floorTimeout}`);
    }
    if (doc.labels?.explicit === null && this.floor.labels?.explicit)
      v('labels.explicit', 'labels.explicit cannot turn off the notice baimo.yaml sets (its text and position may change)');
    return out;
  }

  /** Raises a merged document (owned by the caller, modified in place) to the floor and returns it. */
  clamp(doc: PolicyDocument): PolicyDocument {
    const f = this.floor;
    const pii = doc.pii;
    if (pii) {
      if (pii.action !== undefined && PII_ACTION_RANK[pii.action] < PII_ACTION_RANK[this.action]) pii.action = this.action;
      if (pii.types !== undefined && this.types) {
        if (this.typesAreAll) delete pii.types;
        else pii.types = unionFirst([...this.types] as typeof pii.types, pii.types, String);
      }
      if (pii.min_confidence !== undefined && this.minConfidence !== null && pii.min_confidence > this.minConfidence)
        pii.min_confidence = this.minConfidence;
      if (f.pii?.custom) pii.custom = unionFirst(f.pii.custom, pii.custom, (c) => JSON.stringify([c.name, c.pattern, c.flags ?? '']));
      if (f.pii?.terms) pii.terms = unionFirst(f.pii.terms, pii.terms, (t) => JSON.stringify([t.term, t.type ?? '']));
    } else if (f.pii) doc.pii = structuredClone(f.pii);
    if (this.allow || this.piiRouting) {
      const routing = (doc.routing ??= {});
      if (this.allow) routing.allow = routing.allow ? routing.allow.filter((l) => this.allow!.has(l)) : [...this.allow];
      if (this.piiRouting) routing.pii = routing.pii ? routing.pii.filter((l) => this.piiRouting!.has(l)) : [...this.piiRouting];
    }
    const m = doc.moderation;
    if (m) {
      if (m.input !== undefined && INPUT_RANK[m.input] < INPUT_RANK[this.input]) m.input = this.input;
      if (m.output !== undefined && OUTPUT_RANK[m.output] < OUTPUT_RANK[this.output]) m.output = this.output;
      if (m.libraries !== undefined) m.libraries = unionFirst(this.libraries, m.libraries, String);
      if (f.moderation?.rules) m.rules = unionFirst(f.moderation.rules, m.rules, (r) => JSON.stringify([r.pattern, r.flags ?? '', r.risk]));
      const fm = f.moderation?.model;
      if (fm) {
        const model = m.model ?? { ...fm };
        model.name = fm.name;
        if (ON_ERROR_RANK[model.on_error ?? 'allow'] < ON_ERROR_RANK[fm.on_error ?? 'allow']) model.on_error = fm.on_error;
        const floorTimeout = fm.timeout_ms ?? MODEL_MODERATION_TIMEOUT_MS;
        if ((model.timeout_ms ?? MODEL_MODERATION_TIMEOUT_MS) < floorTimeout) model.timeout_ms = floorTimeout;
        m.model = model;
      }
    } else if (f.moderation) doc.moderation = structuredClone(f.moderation);
    if (f.labels?.explicit && !doc.labels?.explicit) doc.labels = { ...doc.labels, explicit: { ...f.labels.explicit } };
    return doc;
  }
}
