import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AuditRow, AuditRows } from '../../store/audit-repository.js';

/**
 * One JSON line of an exported entry: every stored field (so the chain can be re-verified from the
 * export), detail parsed, plus `time`, the ISO form of created_at.
 */
export function auditJsonLine(r: AuditRow): string {
  let detail: unknown = null;
  if (r.detail) {
    try {
      detail = JSON.parse(r.detail);
    } catch {
      detail = r.detail;
    }
  }
  return JSON.stringify({
    seq: r.seq,
    id: r.id,
    created_at: r.created_at,
    time: new Date(r.created_at).toISOString(),
    actor_type: r.actor_type,
    actor_id: r.actor_id,
    workspace_id: r.workspace_id,
    action: r.action,
    target_type: r.target_type,
    target_id: r.target_id,
    detail,
    prev_hash: r.prev_hash,
    hash: r.hash,
  });
}

/** Lines of JSONL (each ending in a newline), in the order given (seq order from AuditLog.iterate). */
export function* auditJsonl(rows: Iterable<AuditRow>): Generator<string> {
  for (const r of rows) yield `${auditJsonLine(r)}\n`;
}

/**
 * Writes the entries as JSONL to a stream, honouring back-pressure; resolves with the count. Rows
 * may come synchronously (SQLite) or a page at a time (PostgreSQL).
 */
export async function writeAuditJsonl(rows: AuditRows, out: Writable): Promise<number> {
  let n = 0;
  if (Symbol.asyncIterator in rows) {
    for await (const r of rows) {
      n++;
      if (!out.write(`${auditJsonLine(r)}\n`)) await once(out, 'drain');
    }
    return n;
  }
  for (const line of auditJsonl(rows)) {
    n++;
    if (!out.write(line)) await once(out, 'drain');
  }
  return n;
}

/** Writes the entries as JSONL to a file (created or replaced, mode 0600); resolves with the count. */
export async function exportAuditFile(rows: AuditRows, path: string): Promise<number> {
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    const n = await writeAuditJsonl(rows, out);
    out.end();
    await once(out, 'finish');
    return n;
  } catch (err) {
    out.destroy();
    throw err;
  }
}
