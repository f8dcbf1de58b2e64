/**
 * The security policy document: what deployment defaults (baimo.yaml `security:`), workspaces, apps
 * and keys each may set, with the trust levels and built-in PII types it names. Shared vocabulary:
 * config validates it (config/security-schema.ts mirrors it), the store keeps it as JSON, the
 * compliance layer enforces it.
 */

/** Where a provider runs, for data-routing policies. */
export type TrustLevel = 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
export const TRUST_LEVELS: readonly TrustLevel[] = ['self_hosted', 'domestic_cloud', 'foreign_cloud'];

/** Built-in PII types; custom recognizers and dictionary terms use their own names. */
export type BuiltinPiiType = 'id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6';
export const BUILTIN_PII_TYPES: readonly BuiltinPiiType[] = ['id_card', 'mobile', 'bank_card', 'uscc', 'passport', 'email', 'ipv4', 'ipv6'];

export type PiiAction = 'allow' | 'redact' | 'pseudonymize' | 'block';

/**
 * A security policy as stored per workspace, app or key (JSON) and as `security:` in baimo.yaml.
 * Every field is optional: the effective policy is deployment defaults ← workspace ← app ← key, a
 * more specific level replacing the fields it sets (objects merge field by field, arrays replace).
 */
export interface PolicyDocument {
  pii?: {
    action?: PiiAction;
    /** Built-in types to look for; all by default. */
    types?: BuiltinPiiType[];
    /** Findings below this confidence are ignored (default 0.5). */
    min_confidence?: number;
    /** Workspace-specific recognizers: `pattern` is a JavaScript regular expression (flags `flags`). */
    custom?: Array<{ name: string; pattern: string; flags?: string; label?: string }>;
    /** Dictionary terms (project code names, customer names…), matched case- and width-insensitively. */
    terms?: Array<{ term: string; type?: string; label?: string }>;
  };
  routing?: {
    /** Trust levels any request may go to (default: all). */
    allow?: TrustLevel[];
    /** Trust levels a request in which PII was found may go to (default: all). */
    pii?: TrustLevel[];
  };
  moderation?: {
    /** `block`: refuse the request (400 content_policy_violation); `flag`: log only; `off`. */
    input?: 'block' | 'flag' | 'off';
    /** `cut`: stop the answer with finish_reason content_filter; `flag`: log only; `off`. */
    output?: 'cut' | 'flag' | 'off';
    /** Library ids (the workspace's libraries) to apply; all enabled ones when absent. */
    libraries?: string[];
    /** Regex rules. */
    rules?: Array<{ pattern: string; flags?: string; risk: string }>;
    /** Model-based moderation of the input through a configured model (alias or provider/model). */
    model?: { name: string; on_error?: 'allow' | 'block'; timeout_ms?: number };
  };
  labels?: {
    explicit?: { text: string; position: 'start' | 'end' } | null;
  };
}
