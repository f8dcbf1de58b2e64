import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/compliance/audit/audit-chain.js';
import { AUDIT_HEAD_SETTING, type AuditRow } from '../../src/store/audit-repository.js';
import { isSecretName } from '../../src/compliance/audit/audit-detail.js';
import { AuditLog } from '../../src/compliance/audit/audit-log.js';
import { verifyAudit } from '../../src/compliance/audit/audit-verify.js';
import type { AuditRows } from '../../src/store/audit-repository.js';
import { deriveKey, KEY_PURPOSES } from '../../src/security/derive-key.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { runCli } from '../helpers/run-cli.js';

const MASTER = randomBytes(32);
const AUDIT_KEY = deriveKey(MASTER, KEY_PURPOSES.auditChain);
const ENTRIES = 30;

/** A directory with baimo.yaml, master.key (0600) and, when given, a copy of a database. */
function deployment(from?: string): { dir: string; config: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-audit-'));
  const db = join(dir, 'baimo.db');
  const config = join(dir, 'baimo.yaml');
  writeFileSync(config, `database: ${JSON.stringify(db)}\ndiscover_env: false\n`);
  writeFileSync(join(dir, 'master.key'), `${MASTER.toString('hex')}\n`, { mode: 0o600 });
  if (from) copyFileSync(from, db);
  return { dir, config, db };
}

const verify = (config: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runCli(['audit', 'verify', '--config', config, ...extra], { env });

/** Opens the raw file for tampering. */
function tamper(db: string, fn: (s: SQLite.Database) => void): void {
  const s = new SQLite(db);
  try {
    fn(s);
  } finally {
    s.close();
  }
}

/** Every row an iteration gives (synchronous on SQLite, paged on PostgreSQL). */
async function rowsOf(rows: AuditRows): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

const rowAt = (db: string, seq: number): AuditRow => {
  const s = new SQLite(db, { readonly: true });
  try {
    return s.prepare('select * from audit_log where seq = ?').get(seq) as AuditRow;
  } finally {
    s.close();
  }
};

let seeded: { dir: string; config: string; db: string };

beforeAll(async () => {
  // Two connections (as two processes would have) append interleaved batches to one file.
  seeded = deployment();
  const a = await openDatabase(seeded.db);
  const b = await openDatabase(seeded.db);
  const logA = new AuditLog(a, AUDIT_KEY, { batchSize: 4 });
  const logB = new AuditLog(b, AUDIT_KEY, { batchSize: 1000, flushMs: 1 });
  for (let i = 0; i < ENTRIES / 2; i++) {
    logA.record({
      actorType: 'admin_token',
      action: 'key.create',
      targetType: 'key',
      targetId: `key_${i}`,
      detail: { name: `k${i}`, rpm: i },
    });
    logB.record({
      actorType: 'user',
      actorId: 'usr_1',
      workspaceId: 'ws_default',
      action: 'policy.update',
      detail: { i, note: '中文说明' },
    });
    if (i % 3 === 0) await logB.flush();
    if (i % 5 === 0) await logA.flush();
  }
  await logA.close();
  await logB.close();
  await a.close();
  await b.close();
});

describe('audit log', () => {
  it('two writers on one file keep a single chain; the CLI says it is intact', async () => {
    const db = await openDatabase(seeded.db);
    try {
      const log = new AuditLog(db, AUDIT_KEY);
      const rows = await rowsOf(log.iterate());
      expect(rows).toHaveLength(ENTRIES);
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
      expect(rows[0].prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
      expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['key.create', 'policy.update']));
      expect(await log.head()).toMatchObject({ seq: ENTRIES, id: rows[ENTRIES - 1].id, hash: rows[ENTRIES - 1].hash });
      expect(await log.verify()).toEqual({ ok: true, checked: ENTRIES });
    } finally {
      await db.close();
    }
    const r = await verify(seeded.config);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`audit chain intact: ${ENTRIES} entries`);
    const zh = await verify(seeded.config, [], { LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain(`审计链完整：共 ${ENTRIES} 条记录`);
    const json = await verify(seeded.config, ['--json']);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, checked: ENTRIES, first_bad: null });
  });

  it('an edited detail is named by seq and id', async () => {
    const d = deployment(seeded.db);
    const victim = rowAt(d.db, 5);
    tamper(d.db, (s) => s.prepare('update audit_log set detail = ? where seq = 5').run('{"name":"k-forged","rpm":9999}'));
    const r = await verify(d.config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`seq 5 (id ${victim.id})`);
    expect(r.stderr).toContain('the entry was edited');
    const json = JSON.parse((await verify(d.config, ['--json'])).stdout);
    expect(json.first_bad).toMatchObject({ seq: 5, id: victim.id, reason: 'edited' });
  });

  it('an edited action is named by seq and id', async () => {
    const d = deployment(seeded.db);
    const victim = rowAt(d.db, 7);
    tamper(d.db, (s) => s.prepare(`update audit_log set action = 'key.read' where seq = 7`).run());
    const r = await verify(d.config, ['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).first_bad).toMatchObject({ seq: 7, id: victim.id, reason: 'edited' });
  });

  it('a deleted middle row: the next entry is named and the gap reported', async () => {
    const d = deployment(seeded.db);
    const next = rowAt(d.db, 11);
    tamper(d.db, (s) => s.prepare('delete from audit_log where seq = 10').run());
    const r = await verify(d.config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`seq 11 (id ${next.id})`);
    expect(r.stderr).toContain('an entry before it was deleted');
    expect(r.stderr).toContain('seq 10 was deleted');
  });

  it('two rows with exchanged content are caught at the first of them', async () => {
    const d = deployment(seeded.db);
    const first = rowAt(d.db, 3);
    const second = rowAt(d.db, 4);
    tamper(d.db, (s) => {
      const cols = [
        'id',
        'created_at',
        'actor_type',
        'actor_id',
        'workspace_id',
        'action',
        'target_type',
        'target_id',
        'detail',
        'prev_hash',
        'hash',
      ];
      const set = s.prepare(`update audit_log set ${cols.map((c) => `${c} = @${c}`).join(', ')} where seq = @seq`);
      s.transaction(() => {
        set.run({ ...second, id: 'tmp', seq: 3 });
        set.run({ ...first, seq: 4 });
        set.run({ ...second, seq: 3 });
      })();
    });
    const r = await verify(d.config, ['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).first_bad).toMatchObject({ seq: 3, id: second.id, reason: 'reordered' });
    const text = await verify(d.config);
    expect(text.stderr).toContain('entries were swapped or reordered');
  });

  it('two rows with exchanged seq values are caught at the first of them', async () => {
    const d = deployment(seeded.db);
    const moved = rowAt(d.db, 9);
    tamper(d.db, (s) =>
      s.transaction(() => {
        s.prepare('update audit_log set seq = -1 where seq = 8').run();
        s.prepare('update audit_log set seq = 8 where seq = 9').run();
        s.prepare('update audit_log set seq = 9 where seq = -1').run();
      })(),
    );
    const r = await verify(d.config, ['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).first_bad).toMatchObject({ seq: 8, id: moved.id, reason: 'reordered' });
  });

  it('a deleted newest row shows against the chain head', async () => {
    const d = deployment(seeded.db);
    const newest = rowAt(d.db, ENTRIES);
    tamper(d.db, (s) => s.prepare('delete from audit_log where seq = ?').run(ENTRIES));
    const r = await verify(d.config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`seq ${ENTRIES} (id ${newest.id})`);
    expect(r.stderr).toContain('the newest entries were deleted');

    // Writing on after the deletion records the cut (a chain reset entry, never reusing seq
    // ENTRIES) instead of papering over it.
    const db = await openDatabase(d.db);
    const log = new AuditLog(db, AUDIT_KEY);
    log.record({ actorType: 'cli', action: 'key.revoke', targetId: 'key_1' });
    await log.close();
    expect((await log.head())?.seq).toBe(ENTRIES + 2);
    await db.close();
    const again = await verify(d.config, ['--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).first_bad).toMatchObject({ seq: ENTRIES + 1, reason: 'chain_reset' });
  });

  it('a head rolled back by hand, or deleted, is reported', async () => {
    const d = deployment(seeded.db);
    const earlier = rowAt(d.db, ENTRIES - 1);
    tamper(d.db, (s) => {
      s.prepare('delete from audit_log where seq = ?').run(ENTRIES);
      s.prepare('update settings set value = ? where key = ?').run(
        JSON.stringify({ seq: earlier.seq, id: earlier.id, hash: earlier.hash }),
        AUDIT_HEAD_SETTING,
      );
    });
    const r = await verify(d.config, ['--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).first_bad).toMatchObject({ reason: 'truncated' });
    tamper(d.db, (s) => s.prepare('delete from settings where key = ?').run(AUDIT_HEAD_SETTING));
    expect((await verify(d.config)).code).toBe(1);
  });

  it('another master key fails verification with a hint; no key at all is an error', async () => {
    const d = deployment(seeded.db);
    writeFileSync(join(d.dir, 'master.key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const r = await verify(d.config);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hint:');
    const env = await verify(d.config, [], { BAIMO_MASTER_KEY: MASTER.toString('hex') });
    expect(env.code).toBe(0);
    const none = deployment(seeded.db);
    unlinkSync(join(none.dir, 'master.key'));
    const missing = await verify(none.config);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no master key');
    // Verifying never creates a key.
    expect(existsSync(join(none.dir, 'master.key'))).toBe(false);
  });

  it('an empty log is intact', async () => {
    const d = deployment();
    const r = await verify(d.config);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('intact: 0 entries');
  });

  it('export prints every entry as JSONL in seq order, to stdout or a file', async () => {
    const r = await runCli(['audit', 'export', '--config', seeded.config]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(ENTRIES);
    const entries = lines.map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: ENTRIES }, (_, i) => i + 1));
    expect(entries[0]).toMatchObject({ prev_hash: GENESIS_HASH, actor_type: expect.any(String), action: expect.any(String) });
    expect(typeof entries[0].detail).toBe('object');
    expect(entries[1].time).toBe(new Date(entries[1].created_at).toISOString());
    // The export re-verifies with the key (detail back to its stored text).
    const rows = entries.map((e) => ({ ...e, detail: e.detail === null ? null : JSON.stringify(e.detail) }));
    expect(verifyAudit(rows, AUDIT_KEY).ok).toBe(true);

    const out = join(seeded.dir, 'audit.jsonl');
    const f = await runCli(['audit', 'export', '--config', seeded.config, '--out', out]);
    expect(f.code).toBe(0);
    expect(f.stderr).toContain(`exported ${ENTRIES} audit entries`);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });
});

describe('audit entries', () => {
  let db: OpenedDatabase;
  beforeAll(async () => {
    db = await openDatabase(':memory:');
  });
  afterAll(async () => {
    await db.close();
  });

  it('never store secrets from detail', async () => {
    const log = new AuditLog(db, AUDIT_KEY);
    const secret = 'sk-live-0123456789abcdefghijklmnop';
    log.record({
      actorType: 'admin_token',
      action: 'provider.update',
      targetType: 'provider',
      targetId: 'deepseek',
      detail: {
        api_key: secret,
        apiKey: secret,
        base_url: 'https://api.deepseek.com',
        key_id: 'key_abc',
        token_quota: 1000,
        nested: [{ password: 'hunter2-hunter2', 'secret-id': 'AKID123', authorization: `Bearer ${secret}`, ok: 1 }],
        error: `upstream said: invalid key ${secret}`,
        key: 'sk-bm-raw-key-material-123456',
      },
    });
    await log.flush();
    const stored = String((db.sqlite!.prepare('select detail from audit_log').get() as { detail: string }).detail);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('hunter2');
    expect(stored).not.toContain('AKID123');
    expect(stored).not.toContain('raw-key-material');
    const detail = JSON.parse(stored);
    expect(detail).toMatchObject({ api_key: '[redacted]', apiKey: '[redacted]', key_id: 'key_abc', token_quota: 1000, key: '[redacted]' });
    expect(detail.nested[0]).toEqual({ password: '[redacted]', 'secret-id': '[redacted]', authorization: '[redacted]', ok: 1 });
    for (const name of ['max_tokens', 'prompt_tokens', 'key_id', 'token_quota', 'secret_key_count_x'])
      expect(isSecretName(name), name).toBe(false);
    for (const name of ['SecretKey', 'secret_id', 'access_token', 'client_secret', 'Authorization', 'x_api_key'])
      expect(isSecretName(name), name).toBe(true);
  });

  it('a large detail is serialised on its own thread: secrets still stripped, entries still in record order', async () => {
    const own = await openDatabase(':memory:');
    try {
      const log = new AuditLog(own, AUDIT_KEY, { flushMs: 1 });
      const secret = 'sk-live-0123456789abcdefghijklmnop';
      const text = `token ${secret}\n${'违禁词\tA.1.1\n'.repeat(20_000)}`;
      log.record({ actorType: 'admin_token', action: 'library.create', detail: { body: { name: 'big', text, api_key: secret } } });
      log.record({ actorType: 'admin_token', action: 'key.create', detail: { name: 'small' } });
      await log.close();
      const rows = await rowsOf(log.iterate());
      expect(rows.map((r) => r.action)).toEqual(['library.create', 'key.create']);
      expect(rows[0].detail).not.toContain(secret);
      const big = JSON.parse(rows[0].detail!);
      expect(big).toMatchObject({ _oversized: true });
      expect(big.bytes).toBeGreaterThan(200_000);
      expect(big.prefix).toContain('token sk-liv');
      expect(JSON.parse(rows[1].detail!)).toEqual({ name: 'small' });
      expect(await log.verify()).toEqual({ ok: true, checked: 2 });
    } finally {
      await own.close();
    }
  });

  it('list filters and pages newest first', async () => {
    const log = new AuditLog(db, AUDIT_KEY, { batchSize: 3 });
    for (let i = 0; i < 12; i++)
      log.record({
        actorType: 'user',
        actorId: `usr_${i % 2}`,
        workspaceId: i % 3 === 0 ? 'ws_a' : 'ws_b',
        action: i % 2 ? 'key.create' : 'key.revoke',
      });
    log.record({ actorType: 'system', action: 'retention.purge' });
    await log.close();
    const all = await log.list({ limit: 5 });
    expect(all.data).toHaveLength(5);
    expect(all.data[0].action).toBe('retention.purge');
    const seqs = [...all.data.map((e) => e.seq)];
    let cursor = all.nextCursor;
    while (cursor) {
      const page = await log.list({ limit: 5, cursor });
      seqs.push(...page.data.map((e) => e.seq));
      cursor = page.nextCursor;
    }
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect((await log.list({ workspaceId: 'ws_a', limit: 100 })).data).toHaveLength(4);
    expect((await log.list({ action: 'key.*', limit: 100 })).data).toHaveLength(12);
    expect((await log.list({ action: 'key.create', actorId: 'usr_1', limit: 100 })).data).toHaveLength(6);
    expect((await log.list({ since: Date.now() + 60_000 })).data).toHaveLength(0);
    expect((await log.verify()).ok).toBe(true);
  });
});
