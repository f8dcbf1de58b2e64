import { createHash } from 'node:crypto';
import type { PiiAction, PolicyDocument, TrustLevel } from '../contracts.js';
import { Moderator } from '../moderation/moderator.js';
import { PiiScanner } from '../pii/pii-scanner.js';
import type { LibraryTerm } from './moderation-library-repository.js';

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

/** Default time limit of model-based moderation. */
export const MODEL_MODERATION_TIMEOUT_MS = 3_000;

/** The fingerprint of a library's terms (order-insensitive). */
export function fingerprintTerms(terms: readonly LibraryTerm[]): string {
  const h = createHash('sha1');
  for (const t of [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))) h.update(`${t.term}\t${t.risk}\n`);
  return h.digest('base64url');
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
          new PiiScanner({ types: [], custom: [c] });
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
    const m = doc.moderation;
    const libs = m?.libraries
      ? m.libraries
          .map((id) => this.byId.get(id))
          .filter((l): l is LoadedLibrary => !!l && l.enabled && (l.workspaceId === null || l.workspaceId === workspaceId))
      : this.libraries.filter((l) => l.enabled && (l.workspaceId === null || l.workspaceId === workspaceId));
    const used = libs.filter((l) => l.terms.length > 0);
    const rules = m?.rules ?? [];
    if (used.length === 0 && rules.length === 0) return null;
    const key = JSON.stringify([used.map((l) => `${l.id}:${l.fingerprint}`), rules]);
    let mod = this.moderators.get(key) ?? this.previous?.moderators.get(key);
    if (mod === undefined) {
      const ok = rules.filter((r) => {
        try {
          new Moderator([], [r]);
          return true;
        } catch (err) {
          this.warn(`baimo: moderation rule /${r.pattern}/ is skipped: ${(err as Error).message}`);
          return false;
        }
      });
      mod = new Moderator(
        used.map((l) => ({ id: l.id, name: l.name, terms: l.terms })),
        ok,
      );
    }
    this.moderators.set(key, mod);
    return mod;
  }
}
