import { createHash } from 'node:crypto';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createKey } from '../helpers/admin-api.js';
import { runCli } from '../helpers/run-cli.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// Finding 6: with the newest audit entries deleted together with the chain head (or the head made
// invalid), the next write used to chain on whatever row was left and reuse its seq numbers, so
// `baimo audit verify` said "intact". Now the writer records the cut in a chain reset entry that
// verification reports for good. And a detail over 64 KB is kept as the SHA-256 of the full detail.

let baimo: TestBaimo;

beforeAll(async () => {
  baimo = await startBaimo({});
});
afterAll(async () => {
  await baimo?.close();
});

/** Runs SQL on the server's database file from another connection, as someone with file access would. */
function tamper(fn: (s: SQLite.Database) => void): void {
  const s = new SQLite(join(baimo.dir, 'baimo.db'));
  try {
    fn(s);
  } finally {
    s.close();
  }
}

const verifyApi = async () => {
  const r = await api(baimo, 'POST', '/api/audit/verify');
  expect(r.status).toBe(200);
  return r.body as { ok: boolean; checked: number; first_bad: { seq: number; reason: string; message: string } | null };
};

const maxSeq = (): number => {
  let n = 0;
  tamper((s) => (n = (s.prepare('select max(seq) as n from audit_log').get() as { n: number }).n));
  return n;
};

describe('finding 6: cutting the newest audit entries cannot be hidden by the next write', () => {
  it('newest entries and the head deleted: the next write records a chain reset; the API and the CLI report it', async () => {
    for (let i = 0; i < 5; i++) await createKey(baimo, { name: `audited ${i}` });
    expect(await verifyApi()).toMatchObject({ ok: true }); // flushes the queued entries
    const before = maxSeq();
    expect(before).toBeGreaterThanOrEqual(5);

    tamper((s) => {
      s.prepare('delete from audit_log where seq > ?').run(before - 2);
      s.prepare("delete from settings where key = 'audit_head'").run();
    });
    await createKey(baimo, { name: 'after the cut' });

    const r = await verifyApi();
    expect(r.ok).toBe(false);
    expect(r.first_bad).toMatchObject({ seq: before - 1, reason: 'chain_reset' });
    expect(r.first_bad!.message).toContain('head record was missing');

    const resets = await api(baimo, 'GET', '/api/audit?action=audit.chain_reset');
    expect(resets.body.data).toHaveLength(1);
    expect(resets.body.data[0]).toMatchObject({
      actor_type: 'system',
      detail: { reason: 'head_missing', expected: null, found: { seq: before - 2 } },
    });

    const cli = await runCli(['audit', 'verify', '--config', baimo.configPath, '--json']);
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).first_bad).toMatchObject({ reason: 'chain_reset' });
  });

  it('the newest entry deleted and the head altered: the next write records a reset and never reuses a seq', async () => {
    const before = maxSeq();
    let kept = { seq: 0 };
    tamper((s) => {
      s.prepare('delete from audit_log where seq = ?').run(before);
      kept = s.prepare('select seq from audit_log order by seq desc limit 1').get() as typeof kept;
      // The head still names seq `before`; without the audit key its MAC cannot be made to match.
      const head = JSON.parse((s.prepare("select value from settings where key = 'audit_head'").get() as { value: string }).value);
      s.prepare("update settings set value = ? where key = 'audit_head'").run(JSON.stringify({ ...head, mac: '0'.repeat(64) }));
    });
    await createKey(baimo, { name: 'after the edit' });
    await verifyApi();
    const rows: Array<{ seq: number; action: string; detail: string }> = [];
    tamper((s) =>
      rows.push(...(s.prepare('select seq, action, detail from audit_log where seq > ? order by seq').all(kept.seq) as typeof rows)),
    );
    expect(rows[0].action).toBe('audit.chain_reset');
    expect(JSON.parse(rows[0].detail)).toMatchObject({ reason: 'head_invalid', found: { seq: kept.seq } });
    // The head named seq `before`: the deleted entry's seq is not used a second time.
    expect(rows[0].seq).toBe(before + 1);
  });

  it('a detail over 64 KB is kept as the SHA-256 of the full detail, its size and a prefix', async () => {
    const text = Array.from({ length: 8_000 }, (_, i) => `oversizedterm${String(i).padStart(6, '0')}\tA.1.1`).join('\n');
    const body = { workspace_id: null, name: 'oversized library', text };
    const r = await api(baimo, 'POST', '/api/moderation/libraries', body);
    expect(r.status).toBe(201);
    await api(baimo, 'POST', '/api/audit/verify');
    const entry = (await api(baimo, 'GET', '/api/audit?action=library.create')).body.data[0];
    const full = JSON.stringify({ body });
    expect(Buffer.byteLength(full)).toBeGreaterThan(64 * 1024);
    expect(entry.detail).toEqual({
      _oversized: true,
      bytes: Buffer.byteLength(full),
      sha256: createHash('sha256').update(full).digest('hex'),
      prefix: full.slice(0, 4096),
    });
  });
});
