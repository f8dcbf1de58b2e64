import { headMac, parseHead, type AuditHead } from '../compliance/audit/audit-chain.js';
import { exportAuditFile, writeAuditJsonl } from '../compliance/audit/audit-export.js';
import { verifyAudit, type AuditVerification } from '../compliance/audit/audit-verify.js';
import { loadConfig } from '../config/load-config.js';
import { deriveKey, KEY_PURPOSES } from '../security/derive-key.js';
import { AuditRepository } from '../store/audit-repository.js';
import { openDatabase } from '../store/open-database.js';
import { findMasterKey } from './compliance-key.js';
import { t } from './i18n.js';
import { CliError, noExtra, printJson, type Flags } from './open-store.js';

const SUBS = ['verify', 'export'];

/**
 * `baimo audit verify [--json]`: checks the hash chain of the audit log with the deployment's master
 * key; exit 0 when intact, 1 naming the first bad entry. `baimo audit export [--out FILE]`: every
 * entry as JSONL (stdout or a 0600 file), in seq order, with the hashes so it can be re-verified.
 */
export async function auditCommand(sub: string | undefined, args: string[], f: Flags): Promise<number> {
  if (!sub || !SUBS.includes(sub)) {
    process.stderr.write(`${t().unknownSub('audit', sub ?? '', SUBS.join(', '))}\n`);
    return 2;
  }
  try {
    noExtra(args, 0, sub === 'verify' ? 'baimo audit verify [--config F] [--json]' : 'baimo audit export [--config F] [--out FILE]');
    const { config } = loadConfig({ configPath: typeof f.config === 'string' ? f.config : undefined });
    const db = await openDatabase(config.database);
    try {
      const rows = new AuditRepository(db);
      if (sub === 'export') {
        // The chain key is not needed to read entries.
        if (typeof f.out === 'string') {
          const n = await exportAuditFile(rows.iterate(), f.out);
          process.stderr.write(`${t().auditExported(n, f.out)}\n`);
        } else await writeAuditJsonl(rows.iterate(), process.stdout);
        return 0;
      }
      const headValue = await rows.headValue();
      const count = await rows.count();
      if (count === 0 && headValue === undefined) return report({ ok: true, checked: 0 }, f.json === true, false);
      const mk = findMasterKey(config);
      if (!mk.key) throw new CliError(t().auditNoKey(mk.where), 1);
      const key = deriveKey(mk.key, KEY_PURPOSES.auditChain);
      // The head and the rows verified come from one snapshot (replicas may be appending meanwhile).
      let head = null as AuditHead | null;
      const result = await rows.withChain((value, it) => verifyAudit(it, key, (head = parseHead(value))));
      // Both the first entry and the head failing their MACs points at another master key.
      const wrongKey =
        result.firstBad?.reason === 'edited' &&
        result.firstBad.seq === (await rows.firstSeq()) &&
        head?.mac !== undefined &&
        head.mac !== headMac(key, head);
      return report(result, f.json === true, wrongKey);
    } finally {
      await db.close();
    }
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

function report(r: AuditVerification, json: boolean, wrongKeyHint: boolean): number {
  if (json) {
    printJson({
      ok: r.ok,
      checked: r.checked,
      first_bad: r.firstBad ?? null,
    });
    return r.ok ? 0 : 1;
  }
  if (r.ok) {
    process.stdout.write(`${t().auditIntact(r.checked)}\n`);
    return 0;
  }
  const b = r.firstBad!;
  process.stderr.write(`${t().auditBroken(b.seq, b.id, t().auditReasons[b.reason])}\n  ${b.message}\n`);
  if (wrongKeyHint) process.stderr.write(`${t().auditWrongKey}\n`);
  return 1;
}
