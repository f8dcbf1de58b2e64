import { createHmac } from 'node:crypto';
import type { AuditLogTable } from '../../store/schema.js';

/** One stored audit row, as read from `audit_log`. */
export type AuditRow = AuditLogTable;

/** Who did something: an admin token, a console user, an API key, baimo itself, or the CLI. */
export type ActorType = AuditLogTable['actor_type'];

/** The content an entry's hash covers: every column except the hashes. */
export type AuditContent = Omit<AuditRow, 'prev_hash' | 'hash'>;

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** `settings` key of the chain head (last seq, id and hash, with a MAC), updated with every append. */
export const AUDIT_HEAD_SETTING = 'audit_head';

/** The newest entry as the writer last left it; the MAC keeps a database writer from rolling it back. */
export interface AuditHead {
  seq: number;
  id: string;
  hash: string;
  mac?: string;
}

/**
 * The canonical text of an entry's content: a JSON array of the fields in fixed order (absent ones
 * as null, detail as its stored JSON text). A JSON array is unambiguous, so no two different
 * entries share a canonical form.
 */
export function canonicalEntry(e: AuditContent): string {
  return JSON.stringify([
    e.seq,
    e.id,
    e.created_at,
    e.actor_type,
    e.actor_id ?? null,
    e.workspace_id ?? null,
    e.action,
    e.target_type ?? null,
    e.target_id ?? null,
    e.detail ?? null,
  ]);
}

/**
 * An entry's hash: HMAC-SHA256(key, prevHash + '\n' + canonical), hex. Keyed (with a subkey of the
 * master key), so someone with only the database cannot recompute the chain after editing it.
 */
export function chainHash(key: Buffer, prevHash: string, entry: AuditContent): string {
  return createHmac('sha256', key)
    .update(`${prevHash}\n${canonicalEntry(entry)}`)
    .digest('hex');
}

/** The MAC of a chain head record. */
export function headMac(key: Buffer, head: Pick<AuditHead, 'seq' | 'id' | 'hash'>): string {
  return createHmac('sha256', key).update(`audit head\n${head.seq}\n${head.id}\n${head.hash}`).digest('hex');
}

/** Parses the stored head record; null when absent or unreadable. `mac` is always set ('' when missing). */
export function parseHead(value: string | undefined | null): AuditHead | null {
  if (!value) return null;
  try {
    const h = JSON.parse(value) as Partial<AuditHead>;
    if (typeof h.seq !== 'number' || typeof h.hash !== 'string') return null;
    // A missing MAC reads as '' (which never verifies): the writer always stores one.
    return { seq: h.seq, id: typeof h.id === 'string' ? h.id : '', hash: h.hash, mac: typeof h.mac === 'string' ? h.mac : '' };
  } catch {
    return null;
  }
}
