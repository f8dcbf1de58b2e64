import { createHash } from 'node:crypto';
import type { PiiAction, PolicyDocument, TrustLevel } from '../contracts.js';
import { compileRule, Moderator } from '../moderation/moderator.js';
import { compileCustom, PiiScanner } from '../pii/pii-scanner.js';
import { runTimeSliced, runToEnd } from '../../core/time-sliced.js';
import type { LibraryTerm } from '../../store/moderation-library-repository.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** What applies to one request: the merged policy and the matchers compiled from it. */
export interface EffectivePolicy {
  /** Merged: config.security defaults ← workspace ← app ← key. */
  doc: PolicyDocument;
  /** `allow` unless a policy says otherwise. */
  piiAction: PiiAction;
  /** Null when nothing needs PII detection (action `allow` and no `routing.pii`). */
  scanner: PiiScanner | null;
  /** Trust levels requests (`allow`) and requests with PII (`pii`) may go to; null = no restriction. */
  routing: { allow: ReadonlySet<TrustLevel> | null; pii: ReadonlySet<TrustLevel> | null };
  moderation: {
    input: 'block' | 'flag' | 'off';
    output: 'cut' | 'flag' | 'off';
    /** Null when there is nothing to match (no libraries, no rules) or both directions are off. */
    moderator: Moderator | null;
    /** Characters of recent answer text regex rules look at while a stream is checked. */
    windowChars: number;
    model?: { name: string; onError: 'allow' | 'block'; timeoutMs: number };
  };
  /** The notice added to answers, or null. */
  explicitLabel: { text: string; position: 'start' | 'end' } | null;
}

/** A keyword library as the policy service holds it (database rows and baimo.yaml files alike). */
export interface LoadedLibrary {
  id: string;
  /** Null: instance-wide. */
  workspaceId: string | null;
  name: string;
  enabled: boolean;
  terms: LibraryTerm[];
  /** Content hash of the terms: moderators over identical libraries are shared across reloads. */
  fingerprint: string;
}

type Rules = NonNullable<NonNullable<PolicyDocument['moderation']>['rules']>;

/** Default time limit of model-based moderation. */
export const MODEL_MODERATION_TIMEOUT_MS = 3_000;

/** Terms hashed between two yields of {@link fingerprintSteps}. */
const FINGERPRINT_STEP = 2_048;

function* fingerprintSteps(terms: readonly LibraryTerm[], sorted: boolean): Generator<void, string, void> {
  const list = sorted ? terms : [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const h = createHash('sha1');
  for (let from = 0; from < list.length; from += FINGERPRINT_STEP) {
    let chunk = '';
    for (let i = from; i < Math.min(list.length, from + FINGERPRINT_STEP); i++) chunk += `${list[i].term}\t${list[i].risk}\n`;
    h.update(chunk);
    yield;
  }
  return h.digest('base64url');
}

/** The fingerprint of a library's terms (order-insensitive). */
export function fingerprintTerms(terms: readonly LibraryTerm[]): string {
  return runToEnd(fingerprintSteps(terms, false));
}

/**
 * The fingerprint of terms already in a fixed order (the database's term order), computed in slices
 * of a few milliseconds so that loading a large library does not block the event loop.
 */
export function fingerprintOrderedTerms(terms: readonly LibraryTerm[]): Promise<string> {
  return runTimeSliced(fingerprintSteps(terms, true));
}

/** Freezes a plain JSON value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Compiles merged policy documents into `EffectivePolicy` objects, sharing PiiScanner and Moderator
 * instances between documents that need identical ones. One compiler serves one generation of
 * stored policies and libraries; the previous generation's matchers are reused when unchanged.
 */
export class PolicyCompiler {
  private readonly scanners = new Map<string, PiiScanner>();
  private readonly moderators = new Map<string, Moderator | null>();
  private readonly byId: Map<string, LoadedLibrary>;
  /** The generation before: its matchers are reused when identical (one generation back only). */
  private previous: PolicyCompiler | undefined;

  constructor(
    private readonly libraries: readonly LoadedLibrary[],
    private readonly windowChars: number,
    private readonly warn: (message: string) => void,
    previous?: PolicyCompiler,
  ) {
    this.byId = new Map(libraries.map((l) => [l.id, l]));
    this.previous = previous;
    if (previous) previous.previous = undefined;
  }

  /** The compiled policy of a merged document for a request of `workspaceId`. */
  compile(doc: PolicyDocument, workspaceId: string | null): EffectivePolicy {
    const frozen = deepFreeze(doc);
    const piiAction = frozen.pii?.action ?? 'allow';
    const routing = {
      allow: frozen.routing?.allow ? new Set(frozen.routing.allow) : null,
      pii: frozen.routing?.pii ? new Set(frozen.routing.pii) : null,
    };
    const needsScan = piiAction !== 'allow' || routing.pii !== null;
    const m = frozen.moderation;
    const model = m?.model
      ? Object.freeze({
          name: m.model.name,
          onError: m.model.on_error ?? 'allow',
          timeoutMs: m.model.timeout_ms ?? MODEL_MODERATION_TIMEOUT_MS,
        })
      : undefined;
    const matcher = this.moderator(workspaceId, frozen);
    const input = m?.input ?? (matcher || model ? 'block' : 'off');
    const output = m?.output ?? (matcher ? 'cut' : 'off');
    const explicit = frozen.labels?.explicit;
    const policy: EffectivePolicy = {
      doc: frozen,
      piiAction,
      scanner: needsScan ? this.scanner(frozen) : null,
      routing: Object.freeze(routing),
      moderation: Object.freeze({
        input,
        output,
        moderator: input === 'off' && output === 'off' ? null : matcher,
        windowChars: this.windowChars,
        ...(model ? { model } : {}),
      }),
      explicitLabel: explicit ? Object.freeze({ text: explicit.text, position: explicit.position ?? 'end' }) : null,
    };
    return Object.freeze(policy);
  }

  /** A scanner for the document's PII settings (every built-in type when it names none). */
  scanner(doc: PolicyDocument): PiiScanner {
    const pii = doc.pii ?? {};
    const key = JSON.stringify([pii.types ?? null, pii.min_confidence ?? null, pii.custom ?? null, pii.terms ?? null]);
    let s = this.scanners.get(key) ?? this.previous?.scanners.get(key);
    if (!s) {
      const custom = (pii.custom ?? []).filter((c) => {
        try {
          compileCustom(c);
          return true;
        } catch (err) {
          this.warn(`baimo: PII recognizer "${c.name}" is skipped: ${(err as Error).message}`);
          return false;
        }
      });
      s = new PiiScanner({
        ...(pii.types ? { types: pii.types } : {}),
        ...(pii.min_confidence !== undefined ? { minConfidence: pii.min_confidence } : {}),
        custom,
        terms: pii.terms ?? [],
      });
    }
    this.scanners.set(key, s);
    return s;
  }

  /**
   * The moderator for a workspace's requests: the libraries the document lists (instance-wide or the
   * workspace's own), else every enabled instance-wide library and the workspace's own; plus the
   * document's regex rules. Null when there is nothing to match.
   */
  moderator(workspaceId: string | null, doc: PolicyDocument): Moderator | null {
    const plan = this.moderatorPlan(workspaceId, doc);
    if (plan === null) return null;
    let mod = this.moderators.get(plan.key) ?? this.previous?.moderators.get(plan.key);
    if (mod === undefined) mod = new Moderator(plan.libraries, this.usableRules(plan.rules));
    this.moderators.set(plan.key, mod);
    return mod;
  }

  /**
   * Builds, without blocking the event loop for long, the matchers `compile` will need for these
   * documents (keyword automata of large libraries take hundreds of milliseconds to build at once),
   * so that requests find them ready.
   */
  async warm(docs: ReadonlyArray<{ workspaceId: string | null; doc: PolicyDocument }>): Promise<void> {
    for (const { workspaceId, doc } of docs) {
      const needsScan = (doc.pii?.action ?? 'allow') !== 'allow' || doc.routing?.pii !== undefined;
      if (needsScan) this.scanner(doc);
      const plan = this.moderatorPlan(workspaceId, doc);
      if (plan === null || this.moderators.has(plan.key)) continue;
      const previous = this.previous?.moderators.get(plan.key);
      this.moderators.set(plan.key, previous ?? (await Moderator.build(plan.libraries, this.usableRules(plan.rules))));
      await nextTurn();
    }
  }

  /** What a moderator for these ids and document is made of, and its cache key; null: nothing to match. */
  private moderatorPlan(
    workspaceId: string | null,
    doc: PolicyDocument,
  ): { key: string; libraries: Array<{ id: string; name: string; terms: LibraryTerm[] }>; rules: Rules } | null {
    const m = doc.moderation;
    const libs = m?.libraries
      ? m.libraries
          .map((id) => this.byId.get(id))
          .filter((l): l is LoadedLibrary => !!l && l.enabled && (l.workspaceId === null || l.workspaceId === workspaceId))
      : this.libraries.filter((l) => l.enabled && (l.workspaceId === null || l.workspaceId === workspaceId));
    const used = libs.filter((l) => l.terms.length > 0);
    const rules = m?.rules ?? [];
    if (used.length === 0 && rules.length === 0) return null;
    return {
      key: JSON.stringify([used.map((l) => `${l.id}:${l.fingerprint}`), rules]),
      libraries: used.map((l) => ({ id: l.id, name: l.name, terms: l.terms })),
      rules,
    };
  }

  /** The rules that compile; the others are reported and skipped. */
  private usableRules(rules: Rules): typeof rules {
    return rules.filter((r) => {
      try {
        compileRule(r);
        return true;
      } catch (err) {
        this.warn(`baimo: moderation rule /${r.pattern}/ is skipped: ${(err as Error).message}`);
        return false;
      }
    });
  }
}
