import type { BaimoConfig } from '../config/schema.js';
import { AuditLog } from '../compliance/audit/audit-log.js';
import type { AuditVerification } from '../compliance/audit/audit-verify.js';
import { RetentionJob } from '../compliance/audit/retention-job.js';
import { LabelSigner } from '../compliance/labels/aigc-label.js';
import { loadLibraryFiles } from '../compliance/policy/load-library-files.js';
import { ModerationLibraryRepository } from '../store/moderation-library-repository.js';
import { PolicyRepository } from '../store/policy-repository.js';
import { PolicyService } from '../compliance/policy/policy-service.js';
import { deriveKey, KEY_PURPOSES } from '../security/derive-key.js';
import { AuditRepository } from '../store/audit-repository.js';
import type { OpenedDatabase } from '../store/open-database.js';
import { RetentionRepository } from '../store/retention-repository.js';
import type { SettingsRepository } from '../store/settings-repository.js';

/** The data security and compliance parts one process runs on. */
export interface ComplianceServices {
  /** Stored policies and keyword libraries, compiled for the request path. */
  policies: PolicyService;
  /** The hash-chained audit log (its key is derived from the master key on first use). */
  readonly audit: AuditLog;
  /** The audit log's stored rows, read directly (the export); flush `audit` first to include what it holds. */
  readonly auditRows: AuditRepository;
  /** Signs implicit AIGC labels; null when `security.labels.enabled` is false. */
  readonly labels: LabelSigner | null;
  /** Purges expired request logs and bodies; only the server starts it. */
  readonly retention: RetentionJob;
  /** Checks the whole audit chain (and its head record) with the audit key. */
  verifyAudit(): Promise<AuditVerification>;
  /** Stops the retention job and policy polling, and writes what the audit log still holds. */
  close(): Promise<void>;
}

export interface ComplianceOptions {
  config: BaimoConfig;
  database: OpenedDatabase;
  settings: SettingsRepository;
  /** The raw master key (loaded on first call); kept in memory only, used to derive subkeys. */
  masterKey: () => Buffer;
  warn?: (message: string) => void;
  /** Follow other processes' policy changes (default true). */
  poll?: boolean;
  /** How often other processes' policy changes are polled for (ms, default 2,000). */
  pollMs?: number;
  /** Directory `security.moderation.library_files` are relative to (default: the working directory). */
  cwd?: string;
}

/**
 * Builds the compliance services. Keyword library files are read here, so a bad one fails the
 * start with its name and line. The audit log, label signer and retention job are made on first
 * use: commands that never touch them never load the master key.
 */
export async function createComplianceServices(o: ComplianceOptions): Promise<ComplianceServices> {
  const warn = o.warn ?? (() => undefined);
  const security = o.config.security;
  const fileLibraries = loadLibraryFiles(security.moderation.library_files, o.cwd);
  const policies = await PolicyService.create({
    security,
    policies: new PolicyRepository(o.database.db),
    libraries: new ModerationLibraryRepository(o.database, warn),
    settings: o.settings,
    fileLibraries,
    warn,
    poll: o.poll,
    pollMs: o.pollMs,
  });

  const auditRows = new AuditRepository(o.database);
  let audit: AuditLog | undefined;
  let auditKey: Buffer | undefined;
  let labels: LabelSigner | null | undefined;
  let retention: RetentionJob | undefined;
  const getAuditKey = (): Buffer => (auditKey ??= deriveKey(o.masterKey(), KEY_PURPOSES.auditChain));
  const getAudit = (): AuditLog =>
    (audit ??= new AuditLog(auditRows, getAuditKey(), {
      onError: (err) => warn(`baimo: could not write the audit log: ${(err as Error).message}`),
    }));
  const getRetention = (): RetentionJob =>
    (retention ??= new RetentionJob(new RetentionRepository(o.database), o.config.retention, getAudit(), {
      onError: (err) => warn(`baimo: retention purge failed: ${(err as Error).message}`),
    }));

  return {
    policies,
    get audit() {
      return getAudit();
    },
    auditRows,
    get labels() {
      if (labels !== undefined) return labels;
      const l = security.labels;
      return (labels = l.enabled
        ? new LabelSigner(deriveKey(o.masterKey(), KEY_PURPOSES.aigcLabel), {
            providerCode: l.provider_code,
            providerName: l.provider_name,
            timezone: o.config.timezone,
          })
        : null);
    },
    get retention() {
      return getRetention();
    },
    verifyAudit() {
      return getAudit().verify();
    },
    async close() {
      retention?.stop();
      policies.close();
      await audit?.close();
    },
  };
}
