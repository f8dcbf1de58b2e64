import { timingSafeEqual } from 'node:crypto';
import type { AuditRow } from '../../store/audit-repository.js';
import { CHAIN_RESET_ACTION, chainHash, GENESIS_HASH, headMac, type AuditHead, type ChainResetDetail } from './audit-chain.js';

export type AuditFault = 'edited' | 'deleted_before' | 'reordered' | 'truncated' | 'broken_link' | 'chain_reset';

/** The first problem found: the entry it shows at, what it looks like, and an English explanation. */
export interface AuditBadEntry {
  seq: number;
  /** The entry's id; for `truncated`, the id the head names when it is the first missing entry, else ''. */
  id: string;
  reason: AuditFault;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries checked (up to and including the first bad one). */
  checked: number;
  firstBad?: AuditBadEntry;
}

/** How far past a bad entry verification looks for the entry that belongs in its place. */
const LOOKAHEAD = 10_000;

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Walks the chain in seq order and reports the first entry that breaks it:
 * - `edited`: the entry's content no longer matches its hash;
 * - `reordered`: the content that belongs at this seq sits at another one (rows swapped);
 * - `deleted_before`: the entry is intact but its prev_hash does not match the entry before it, and
 *   seq numbers are missing in between: an entry before it was deleted;
 * - `broken_link`: as above without a gap in the seq numbers (an entry before it was replaced);
 * - `truncated`: every entry is intact but the chain ends before the head record says it does (the
 *   newest entries were deleted), or the head record itself is missing or altered;
 * - `chain_reset`: an intact chain reset entry: a writer found the head missing, altered or naming
 *   another entry (newest entries deleted) and recorded the cut before writing on. It stays a fault
 *   for good: the cut cannot be hidden by later writes.
 *
 * `head`: the stored chain head; undefined skips the check, null means it should exist but is
 * missing (a problem only when entries exist). A head with a `mac` must carry the right one (the
 * stored record always has it, so parseHead gives '' when it is gone); without one it is trusted. Deleting every entry and the head together cannot be
 * told from an empty log: keep exports elsewhere to prove older history.
 */
export function verifyAudit(rows: Iterable<AuditRow>, key: Buffer, head?: AuditHead | null): AuditVerification;
/** The same over rows read asynchronously (PostgreSQL pages); synchronous rows still give the result at once. */
export function verifyAudit(
  rows: Iterable<AuditRow> | AsyncIterable<AuditRow>,
  key: Buffer,
  head?: AuditHead | null,
): AuditVerification | Promise<AuditVerification>;
export function verifyAudit(
  rows: Iterable<AuditRow> | AsyncIterable<AuditRow>,
  key: Buffer,
  head?: AuditHead | null,
): AuditVerification | Promise<AuditVerification> {
  if (Symbol.asyncIterator in rows) return verifyAsync(rows[Symbol.asyncIterator](), key, head);
  const it = rows[Symbol.iterator]();
  try {
    const w = walk(key, head);
    let step = w.next();
    while (!step.done) step = w.next(it.next());
    return step.value;
  } finally {
    // Releases a database cursor stopped early (better-sqlite3 keeps the connection busy until then).
    it.return?.();
  }
}

async function verifyAsync(it: AsyncIterator<AuditRow>, key: Buffer, head: AuditHead | null | undefined): Promise<AuditVerification> {
  try {
    const w = walk(key, head);
    let step = w.next();
    while (!step.done) step = w.next(await it.next());
    return step.value;
  } finally {
    await it.return?.();
  }
}

/**
 * The walk, written once for both kinds of rows: it yields whenever it needs the next row and is
 * resumed with that row's iterator result.
 */
type Walk<T> = Generator<void, T, IteratorResult<AuditRow>>;

function* walk(key: Buffer, head: AuditHead | null | undefined): Walk<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let last: AuditRow | undefined;
  let checked = 0;
  for (let r = yield; !r.done; r = yield) {
    const row = r.value;
    checked++;
    const contentOk = sameHex(chainHash(key, row.prev_hash, row), row.hash);
    if (!contentOk) {
      const home = yield* findReplacement(key, row.seq, prevHash);
      if (home)
        return bad(
          checked,
          row,
          'reordered',
          `entry seq ${row.seq} (id ${row.id}) is out of place: the entry that belongs here was found at seq ${home.seq} (id ${home.id}); rows were swapped or renumbered`,
        );
      return bad(checked, row, 'edited', `entry seq ${row.seq} (id ${row.id}) was altered: its content does not match its hash`);
    }
    if (!sameHex(row.prev_hash, prevHash)) {
      if (row.seq !== prevSeq + 1) {
        const missing = row.seq - prevSeq - 1;
        return bad(
          checked,
          row,
          'deleted_before',
          missing > 0
            ? `an entry before seq ${row.seq} (id ${row.id}) is missing: ${missing === 1 ? `seq ${prevSeq + 1} was` : `seq ${prevSeq + 1}-${row.seq - 1} were`} deleted`
            : `entry seq ${row.seq} (id ${row.id}) does not follow seq ${prevSeq}: the chain does not link`,
        );
      }
      return bad(
        checked,
        row,
        'broken_link',
        `entry seq ${row.seq} (id ${row.id}) does not link to the entry before it (seq ${prevSeq}): that entry was replaced`,
      );
    }
    if (row.action === CHAIN_RESET_ACTION) return bad(checked, row, 'chain_reset', resetMessage(row));
    prevHash = row.hash;
    prevSeq = row.seq;
    last = row;
  }
  if (head === undefined) return { ok: true, checked };
  if (head === null) {
    if (!last) return { ok: true, checked };
    return {
      ok: false,
      checked,
      firstBad: {
        seq: last.seq,
        id: last.id,
        reason: 'truncated',
        message: 'the chain head record (settings audit_head) is missing or unreadable',
      },
    };
  }
  if (head.mac !== undefined && !sameHex(head.mac, headMac(key, head)))
    return {
      ok: false,
      checked,
      firstBad: { seq: head.seq, id: head.id, reason: 'truncated', message: 'the chain head record (settings audit_head) was altered' },
    };
  const lastSeq = last?.seq ?? 0;
  if (lastSeq < head.seq) {
    const first = lastSeq + 1;
    const missing =
      head.seq === first
        ? `seq ${first} (id ${head.id}) is missing`
        : `seq ${first}-${head.seq} are missing (the newest had id ${head.id})`;
    return {
      ok: false,
      checked,
      firstBad: {
        seq: first,
        id: head.seq === first ? head.id : '',
        reason: 'truncated',
        message: `the newest entries were deleted: ${missing}`,
      },
    };
  }
  if (lastSeq > head.seq || !sameHex(last!.hash, head.hash)) {
    return {
      ok: false,
      checked,
      firstBad: {
        seq: last!.seq,
        id: last!.id,
        reason: 'truncated',
        message: `the chain ends at seq ${lastSeq} but its head record says seq ${head.seq} (id ${head.id})`,
      },
    };
  }
  return { ok: true, checked };
}

/** What a chain reset entry says happened, in English. */
function resetMessage(row: AuditRow): string {
  let d: Partial<ChainResetDetail> = {};
  try {
    d = JSON.parse(row.detail ?? '{}') as ChainResetDetail;
  } catch {
    // An unreadable detail would have failed the hash check; keep the generic message.
  }
  const link = (l: ChainResetDetail['found'] | undefined) => (l ? `seq ${l.seq} (id ${l.id})` : 'none');
  const why =
    d.reason === 'head_missing'
      ? 'the chain head record was missing'
      : d.reason === 'head_invalid'
        ? 'the chain head record was unreadable or altered'
        : 'the chain head record named another entry than the newest one';
  return `the chain was cut before seq ${row.seq} (id ${row.id}): ${why} (head: ${link(d.expected)}, newest entry found: ${link(d.found)}); entries were deleted or the head was tampered with, and writing resumed after this reset entry`;
}

function bad(checked: number, row: AuditRow, reason: AuditFault, message: string): AuditVerification {
  return { ok: false, checked, firstBad: { seq: row.seq, id: row.id, reason, message } };
}

/** A later row whose content verifies at `seq` after `prevHash`: the entry that belongs at `seq`. */
function* findReplacement(key: Buffer, seq: number, prevHash: string): Walk<AuditRow | undefined> {
  for (let i = 0; i < LOOKAHEAD; i++) {
    const r = yield;
    if (r.done) return undefined;
    const row = r.value;
    if (row.prev_hash === prevHash && sameHex(chainHash(key, prevHash, { ...row, seq }), row.hash)) return row;
  }
  return undefined;
}
