/** Shapes of the security & compliance admin API (src/server/api, contracts in src/compliance/contracts.ts). */
export type TrustLevel = 'self_hosted' | 'domestic_cloud' | 'foreign_cloud';
export const TRUST_LEVELS: readonly TrustLevel[] = ['self_hosted', 'domestic_cloud', 'foreign_cloud'];

export type PiiType = 'id_card' | 'mobile' | 'bank_card' | 'uscc' | 'passport' | 'email' | 'ipv4' | 'ipv6';
export const PII_TYPES: readonly PiiType[] = ['id_card', 'mobile', 'bank_card', 'uscc', 'passport', 'email', 'ipv4', 'ipv6'];

export type PiiAction = 'allow' | 'redact' | 'pseudonymize' | 'block';
export const PII_ACTIONS: readonly PiiAction[] = ['allow', 'redact', 'pseudonymize', 'block'];

export type ScopeType = 'workspace' | 'app' | 'key';

export interface CustomRecognizer {
  name: string;
  pattern: string;
  flags?: string;
  label?: string;
}

export interface DictionaryTerm {
  term: string;
  type?: string;
  label?: string;
}

/** A policy as stored per workspace, app or key; every field optional (unset = inherited). */
export interface PolicyDocument {
  pii?: {
    action?: PiiAction;
    types?: PiiType[];
    min_confidence?: number;
    custom?: CustomRecognizer[];
    terms?: DictionaryTerm[];
  };
  routing?: { allow?: TrustLevel[]; pii?: TrustLevel[] };
  moderation?: {
    input?: 'block' | 'flag' | 'off';
    output?: 'cut' | 'flag' | 'off';
    libraries?: string[];
    rules?: Array<{ pattern: string; flags?: string; risk: string }>;
    model?: { name: string; on_error?: 'allow' | 'block'; timeout_ms?: number };
  };
  labels?: { explicit?: { text: string; position: 'start' | 'end' } | null };
}

export interface PolicyView {
  scope_type: ScopeType;
  scope_id: string;
  workspace_id: string;
  policy: PolicyDocument;
  updated_at: string | null;
  updated_by: string | null;
}

export interface PiiFinding {
  type: string;
  label: string;
  start: number;
  end: number;
  confidence: number;
}

export interface PiiScanResult {
  findings: PiiFinding[];
  redacted: string;
  pseudonymized: string;
}

export interface ModerationHit {
  term: string;
  risk: string;
  start: number;
  end: number;
  source: 'keyword' | 'regex' | 'model';
  library?: string;
}

export interface Risk {
  id: string;
  class: string;
  zh: string;
  en: string;
}

export interface Library {
  id: string;
  workspace_id: string | null;
  name: string;
  description: string | null;
  enabled: boolean;
  term_count: number;
  /** `file`: from baimo.yaml `security.moderation.library_files` (read-only here). */
  source?: 'database' | 'file';
  created_at: string | null;
  updated_at: string | null;
}

export interface LibraryTerm {
  term: string;
  risk: string;
}

export interface TermsAdded {
  added: number;
  skipped: number;
  errors: Array<string | { line?: number; message?: string }>;
}

export interface AuditEntry {
  seq: number;
  id: string;
  created_at: string;
  actor_type: string;
  actor_id: string | null;
  workspace_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  detail: unknown;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  first_bad: { seq: number; id: string; reason: string; message: string } | null;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface AuditFilters {
  workspaceId?: string;
  action?: string;
  actorId?: string;
  /** ISO timestamps. */
  since?: string;
  until?: string;
}
