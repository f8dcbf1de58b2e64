import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/compliance/audit/audit-chain.js';
import { AuditLog } from '../../src/compliance/audit/audit-log.js';
import { verifyAudit } from '../../src/compliance/audit/audit-verify.js';
import { deriveKey, KEY_PURPOSES } from '../../src/security/derive-key.js';
import { AuditRepository, type AuditRow, type AuditRows } from '../../src/store/audit-repository.js';
import type { Dialect } from '../../src/store/dialect.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';

// The audit repository's contract on both databases: the writer chains batches on the stored head in
// one locked transaction, readers list, count, page and verify. On PostgreSQL several processes
// append to one chain (replicas): their appends must take turns (an advisory lock), never collide.

const KEY = deriveKey(randomBytes(32), KEY_PURPOSES.auditChain);
const pgUp = await postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'baimo-audit-dialects-'));

async function rowsOf(rows: AuditRows): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

/** Every seq from 1 to n once, in order, each row linked to the one before it. */
function expectGaplessChain(rows: AuditRow[], n: number): void {
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
  for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash, `seq ${rows[i].seq}`).toBe(rows[i - 1].hash);
}

describe.each<Dialect>(['sqlite', 'postgres'])('audit repository on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgUp;
  const opened: OpenedDatabase[] = [];
  const open = async (): Promise<OpenedDatabase & { location: string }> => {
    // A folder of its own: on SQLite the database is `baimo.db` in it.
    const db = await openTestDatabase(mkdtempSync(join(dir, 'db-')), dialect);
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    // Second connections first: the test database's close drops the PostgreSQL schema.
    for (const db of opened.splice(0).reverse()) await db.close();
  });

  it.skipIf(skip)('appends a chain that verifies; lists, pages and counts it; an edit and a cut are reported', async () => {
    const db = await open();
    const errors: unknown[] = [];
    const log = new AuditLog(db, KEY, { batchSize: 7, onError: (e) => errors.push(e) });
    for (let i = 0; i < 60; i++)
      log.record({
        actorType: i % 2 ? 'user' : 'admin_token',
        actorId: i % 2 ? 'usr_1' : null,
        workspaceId: i % 3 === 0 ? 'ws_a' : 'ws_b',
        action: i % 4 === 0 ? 'provider.update' : i % 2 ? 'key.create' : 'key_x.revoke',
        targetType: 'key',
        // NUL cannot be stored in PostgreSQL text: it is replaced before hashing, on both databases.
        targetId: i === 10 ? 'key_\0nul' : `key_${i}`,
        detail: { i, note: '中文' },
      });
    await log.close();
    expect(errors).toEqual([]);
    expect(log.dropped).toBe(0);

    const repo = new AuditRepository(db);
    const rows = await rowsOf(repo.iterate());
    expectGaplessChain(rows, 60);
    expect(rows.map((r) => JSON.parse(r.detail!).i)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(rows[10].target_id).toBe('key_\uFFFDnul');
    expect(await repo.count()).toBe(60);
    expect(await repo.firstSeq()).toBe(1);
    expect(await log.head()).toMatchObject({ seq: 60, id: rows[59].id, hash: rows[59].hash });
    expect(await log.verify()).toEqual({ ok: true, checked: 60 });
    // The rows as the store gives them verify with the plain (synchronous) walk too.
    expect(verifyAudit(rows, KEY, await log.head())).toEqual({ ok: true, checked: 60 });

    // `key.*` is a prefix: key_x.revoke is another action family.
    const keyCreate = (await log.list({ action: 'key.*', limit: 1000 })).data;
    expect(keyCreate.map((e) => e.action)).toEqual(Array(30).fill('key.create'));
    expect((await log.list({ action: 'key_x.revoke', limit: 1000 })).data).toHaveLength(15);
    expect((await log.list({ workspaceId: 'ws_a', actorId: 'usr_1', limit: 1000 })).data).toHaveLength(10);
    expect((await log.list({ since: rows[0].created_at, until: Date.now() + 1 })).data).toHaveLength(50);
    const seqs: number[] = [];
    for (let cursor: string | undefined, page = 0; page < 20; page++) {
      const p = await log.list({ limit: 7, cursor });
      seqs.push(...p.data.map((e) => e.seq));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
    expect((await repo.after(55, 100)).map((r) => r.seq)).toEqual([56, 57, 58, 59, 60]);

    // An edited row is named.
    await db.db.updateTable('audit_log').set({ detail: '{"i":999}' }).where('seq', '=', 5).execute();
    expect((await log.verify()).firstBad).toMatchObject({ seq: 5, reason: 'edited' });
    await db.db.updateTable('audit_log').set({ detail: rows[4].detail }).where('seq', '=', 5).execute();
    expect((await log.verify()).ok).toBe(true);

    // The newest row deleted: the next append records the cut and never reuses its seq.
    await db.db.deleteFrom('audit_log').where('seq', '=', 60).execute();
    expect((await log.verify()).firstBad).toMatchObject({ seq: 60, reason: 'truncated' });
    log.record({ actorType: 'cli', action: 'key.revoke' });
    await log.close();
    const after = await rowsOf(repo.iterate());
    expect(after.slice(-2).map((r) => [r.seq, r.action])).toEqual([
      [61, 'audit.chain_reset'],
      [62, 'key.revoke'],
    ]);
    expect((await log.verify()).firstBad).toMatchObject({ seq: 61, reason: 'chain_reset' });
  });

  it.skipIf(skip)('reads a chain longer than one page in order (verification, export pages)', async () => {
    const db = await open();
    const log = new AuditLog(db, KEY, { batchSize: 500 });
    for (let i = 0; i < 2_345; i++) log.record({ actorType: 'system', action: 'request.blocked', detail: { i } });
    await log.close();
    expect(log.dropped).toBe(0);
    const repo = new AuditRepository(db);
    expectGaplessChain(await rowsOf(repo.iterate()), 2_345);
    expect(await log.verify()).toEqual({ ok: true, checked: 2_345 });
    const paged: number[] = [];
    for (let after = -1; ;) {
      const page = await repo.after(after, 1_000);
      paged.push(...page.map((r) => r.seq));
      if (page.length < 1_000) break;
      after = page[page.length - 1].seq;
    }
    expect(paged).toEqual(Array.from({ length: 2_345 }, (_, i) => i + 1));
  });

  it.skipIf(skip)('writers on two connections to one database append concurrently into one gapless valid chain', async () => {
    const a = await open();
    // Another process's connection to the same database (the same PostgreSQL schema, or the same file).
    const b = await openDatabase(a.location);
    opened.push(b);
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    // Two writers per connection: on PostgreSQL each has its own pooled connection while it appends.
    const writers = [a, a, b, b].map((db) => new AuditLog(db, KEY, { batchSize: 5, flushMs: 1, onError }));
    const PER_WRITER = 150;
    for (let i = 0; i < PER_WRITER; i++) {
      writers.forEach((w, n) => {
        w.record({ actorType: 'system', action: 'key.create', targetId: `w${n}`, detail: { n, i } });
        // Flushes start without waiting for the others: every writer appends while the rest do.
        if (i % 3 === n % 3) void w.flush();
      });
      if (i % 10 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(writers.map((w) => w.close()));
    expect(errors).toEqual([]);
    expect(writers.map((w) => w.dropped)).toEqual([0, 0, 0, 0]);

    const total = PER_WRITER * writers.length;
    const rows = await rowsOf(new AuditRepository(b).iterate());
    expectGaplessChain(rows, total);
    // Each writer's entries are stored in the order it recorded them.
    for (let n = 0; n < writers.length; n++) {
      const mine = rows.filter((r) => r.target_id === `w${n}`).map((r) => JSON.parse(r.detail!).i);
      expect(mine).toEqual(Array.from({ length: PER_WRITER }, (_, i) => i));
    }
    // Both connections see the same valid chain and head.
    for (const w of [writers[0], writers[3]]) expect(await w.verify()).toEqual({ ok: true, checked: total });
  });

  it.skipIf(skip)('verifies against one snapshot while another connection keeps appending', async () => {
    const a = await open();
    const b = await openDatabase(a.location);
    opened.push(b);
    const reader = new AuditLog(a, KEY);
    const writer = new AuditLog(b, KEY, { batchSize: 500 });
    // A chain of several pages, so that each verification reads for a while.
    for (let i = 0; i < 3_000; i++) writer.record({ actorType: 'system', action: 'key.create', detail: { i } });
    await writer.flush();
    let stop = false;
    const appending = (async () => {
      for (let i = 0; !stop && i < 5_000; i++) {
        writer.record({ actorType: 'system', action: 'key.create', detail: { i } });
        if (i % 2 === 1) await writer.flush();
      }
    })();
    try {
      for (let round = 0; round < 8; round++) {
        const r = await reader.verify();
        expect(r, `round ${round}`).toMatchObject({ ok: true });
      }
    } finally {
      stop = true;
      await appending;
      await writer.close();
    }
    expect(await reader.verify()).toMatchObject({ ok: true });
  });
});
