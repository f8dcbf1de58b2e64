import { createHmac } from 'node:crypto';
import type { AuditContent, AuditRow, ChainLink } from '../../store/audit-repository.js';

/** Who did something: an admin token, a console user, an API key, baimo itself, or the CLI. */
export type ActorType = AuditRow['actor_type'];

/** prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Action of the entry the writer appends when the chain head does not match the newest row (the head
 * record is missing, fails its MAC, or names another entry): the cut is recorded, and verification
 * reports it for good, instead of the chain silently continuing from whatever row is left.
 */
export const CHAIN_RESET_ACTION = 'audit.chain_reset';

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

/** The detail of a chain reset entry: why the head did not match, what it named and what was found. */
export interface ChainResetDetail {
  /** `head_missing`: no head record; `head_invalid`: unreadable or failing its MAC; `head_mismatch`: it names another entry. */
  reason: 'head_missing' | 'head_invalid' | 'head_mismatch';
  /** The entry the head record names (as stored, even when its MAC fails), or null when it is missing or unreadable. */
  expected: ChainLink | null;
  /** The newest row found, or null when none is left. */
  found: ChainLink | null;
}

/** Largest seq a head may claim and still be counted (keeps seq arithmetic exact). */
const MAX_CLAIMED_SEQ = Number.MAX_SAFE_INTEGER - 2 ** 32;

/**
 * Checks the stored head record against the newest row before an append. Null when they agree, or
 * when both are absent (a new log). Otherwise the reset to record, and `afterSeq`: the largest seq
 * known to have been used (the head's claim or the newest row), so the next entry never reuses one.
 */
export function headProblem(
  key: Buffer,
  rawHead: string | undefined,
  last: ChainLink | undefined,
): { detail: ChainResetDetail; afterSeq: number } | null {
  const head = parseHead(rawHead);
  const found = last ? { seq: last.seq, id: last.id, hash: last.hash } : null;
  if (rawHead === undefined) return last ? { detail: { reason: 'head_missing', expected: null, found }, afterSeq: last.seq } : null;
  const expected = head ? { seq: head.seq, id: head.id, hash: head.hash } : null;
  const claimed = head && Number.isSafeInteger(head.seq) && head.seq > 0 && head.seq <= MAX_CLAIMED_SEQ ? head.seq : 0;
  const afterSeq = Math.max(claimed, last?.seq ?? 0);
  if (!head || head.mac !== headMac(key, head)) return { detail: { reason: 'head_invalid', expected, found }, afterSeq };
  if (!last || last.seq !== head.seq || last.id !== head.id || last.hash !== head.hash)
    return { detail: { reason: 'head_mismatch', expected, found }, afterSeq };
  return null;
}
