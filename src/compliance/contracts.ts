/**
 * The shapes the compliance layer's parts agree on: PII findings, moderation hits, trust levels and
 * the policy document that deployment defaults (baimo.yaml `security:`), workspaces, apps and keys
 * each may set. Each part (pii/, moderation/, labels/, audit/, policy/) implements one side. The
 * policy document and the names it uses live in core/policy-document.ts (config and the store use
 * them too) and are re-exported here.
 */

export {
  BUILTIN_PII_TYPES,
  TRUST_LEVELS,
  type BuiltinPiiType,
  type PiiAction,
  type PolicyDocument,
  type TrustLevel,
} from '../core/policy-document.js';

/** One piece of personal information found in a text: `text.slice(start, end) === value`. */
export interface PiiFinding {
  type: string;
  start: number;
  end: number;
  value: string;
  /** 0..1: checksum-verified identifiers score high, bare patterns lower. */
  confidence: number;
}

/** A moderation library term or rule that matched. */
export interface ModerationHit {
  /** The library term (or the rule's pattern) that matched. */
  term: string;
  /** Risk id from GB/T 45654-2025 appendix A (e.g. `A.1.6`), or a user category. */
  risk: string;
  start: number;
  end: number;
  source: 'keyword' | 'regex' | 'model';
  library?: string;
}
