import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/compliance/audit/audit-log.js';
import { purgeExpired, RetentionJob } from '../../src/compliance/audit/retention-job.js';
import { deriveKey, KEY_PURPOSES } from '../../src/security/derive-key.js';
import { openDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { RetentionRepository } from '../../src/store/retention-repository.js';
import { logRow } from '../helpers/log-row.js';
import { runCli } from '../helpers/run-cli.js';

const MASTER = randomBytes(32);
const AUDIT_KEY = deriveKey(MASTER, KEY_PURPOSES.auditChain);

/** A directory with baimo.yaml and master.key (0600). */
function deployment(): { config: string; db: string } {
  const dir = mkdtempSync(join(tmpdir(), 'baimo-retention-'));
  const db = join(dir, 'baimo.db');
  const config = join(dir, 'baimo.yaml');
  writeFileSync(config, `database: ${JSON.stringify(db)}\ndiscover_env: false\n`);
  writeFileSync(join(dir, 'master.key'), `${MASTER.toString('hex')}\n`, { mode: 0o600 });
  return { config, db };
}

const verify = (config: string) => runCli(['audit', 'verify', '--config', config]);

describe('retention', () => {
  it('purges old rows and bodies in chunks, keeps new ones, and audits the run', async () => {
    const d = deployment();
    const db = await openDatabase(d.db);
    try {
      const now = Date.now();
      const day = 86_400_000;
      const repo = new RequestLogRepository(db);
      const rows = [];
      // 12,000 rows older than 90 days (three delete chunks), 7,000 at 40 days with bodies, 10 fresh.
      for (let i = 0; i < 12_000; i++) rows.push(logRow({ id: `old_${i}`, created_at: now - 100 * day + i, request_body: '{"q":1}' }));
      for (let i = 0; i < 7_000; i++)
        rows.push(logRow({ id: `mid_${i}`, created_at: now - 40 * day + i, request_body: '{"q":2}', response_body: '{"a":2}' }));
      for (let i = 0; i < 10; i++)
        rows.push(logRow({ id: `new_${i}`, created_at: now - i, request_body: '{"q":3}', response_body: '{"a":3}' }));
      await repo.insertMany(rows);

      const audit = new AuditLog(db, AUDIT_KEY);
      const job = new RetentionJob(
        new RetentionRepository(db),
        { request_logs_days: 90, bodies_days: 30, purge_interval_minutes: 60 },
        audit,
        {
          now: () => now,
        },
      );
      const result = await job.runOnce();
      expect(result).toMatchObject({ deletedLogs: 12_000, clearedBodies: 7_000 });
      const count = (sql: string) => (db.sqlite!.prepare(sql).get() as { n: number }).n;
      expect(count(`select count(*) as n from request_logs where id like 'old_%'`)).toBe(0);
      expect(count(`select count(*) as n from request_logs where id like 'mid_%'`)).toBe(7_000);
      expect(
        count(`select count(*) as n from request_logs where id like 'mid_%' and (request_body is not null or response_body is not null)`),
      ).toBe(0);
      expect(
        count(`select count(*) as n from request_logs where id like 'new_%' and request_body is not null and response_body is not null`),
      ).toBe(10);

      await audit.flush();
      const [entry] = (await audit.list({ action: 'retention.purge' })).data;
      expect(entry).toMatchObject({ actor_type: 'system', action: 'retention.purge' });
      expect(entry.detail).toMatchObject({
        manual: true,
        deleted_logs: 12_000,
        cleared_bodies: 7_000,
        request_logs_days: 90,
        bodies_days: 30,
      });
      expect(entry.detail?.logs_before).toBe(new Date(now - 90 * day).toISOString());

      // A second pass finds nothing; the watermark means it does not rescan cleared rows.
      expect(await purgeExpired(new RetentionRepository(db), { requestLogsDays: 90, bodiesDays: 30 }, now)).toMatchObject({
        deletedLogs: 0,
        clearedBodies: 0,
      });
      // A manual run is audited even when nothing changed.
      await job.runOnce();
      await audit.close();
      expect((await audit.list({ action: 'retention.purge' })).data).toHaveLength(2);
    } finally {
      await db.close();
    }
    const r = await verify(d.config);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('intact: 2 entries');
  });

  it('scheduled runs record only when something was purged', async () => {
    const db = await openDatabase(':memory:');
    try {
      const audit = new AuditLog(db, AUDIT_KEY);
      const job = new RetentionJob(new RetentionRepository(db), { bodies_days: 30, purge_interval_minutes: 60 }, audit, {
        firstRunDelayMs: 1,
      });
      job.start();
      await new Promise((r) => setTimeout(r, 50));
      job.stop();
      await audit.close();
      expect((await audit.list()).data).toHaveLength(0);
    } finally {
      await db.close();
    }
  });
});
