import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../../src/compliance/audit/retention-job.js';
import { Calendar } from '../../src/core/calendar.js';
import { ensureLogPartitions, listLogPartitions } from '../../src/store/log-partitions.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { RetentionRepository } from '../../src/store/retention-repository.js';
import { logRow } from '../helpers/log-row.js';
import { openTestDatabase, postgresAvailable } from '../helpers/test-database.js';

const DAY = 86_400_000;
const ok = await postgresAvailable();

describe.runIf(ok)('PostgreSQL request-log partitions', () => {
  let db: OpenedDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-partitions-')), 'postgres');
  });
  afterAll(() => db?.close());

  const rowsIn = async (table: string): Promise<number> =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.id(table)}`.execute(db.db)).rows[0].n);

  it('opening the database makes the day partitions from yesterday to three days ahead', async () => {
    const today = Date.now() - (Date.now() % DAY);
    const days = (await listLogPartitions(db.db)).map((p) => p.start);
    for (let d = -1; d <= 3; d++) expect(days).toContain(today + d * DAY);
    // Idempotent, also when replicas race.
    await Promise.all([ensureLogPartitions(db.db), ensureLogPartitions(db.db), ensureLogPartitions(db.db)]);
    expect((await listLogPartitions(db.db)).length).toBe(days.length);
  });

  it('rows land in their day; a day without a partition lands in the default one; retention drops whole days', async () => {
    const now = Date.now();
    // Partitions for the last 12 days, as an install running for two weeks has.
    await ensureLogPartitions(db.db, now, 0, 12);
    const repo = new RequestLogRepository(db, { calendar: new Calendar('Asia/Shanghai'), usdToCny: 7.2 });
    const rows = [];
    for (let d = 0; d <= 11; d++)
      for (let i = 0; i < 50; i++) rows.push(logRow({ id: `d${d}_${i}`, created_at: now - d * DAY - i, request_body: '{"q":1}' }));
    // 40 days back: no partition (the default partition takes it), and one far in the future.
    for (let i = 0; i < 20; i++) rows.push(logRow({ id: `old_${i}`, created_at: now - 40 * DAY + i }));
    rows.push(logRow({ id: 'future', created_at: now + 400 * DAY }));
    await repo.insertMany(rows);
    expect(await rowsIn('request_logs')).toBe(12 * 50 + 21);
    expect(await rowsIn('request_logs_default')).toBe(21);
    const tenDaysAgo = `request_logs_p${new Date(now - 10 * DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;
    expect(await rowsIn(tenDaysAgo)).toBeGreaterThan(0);

    const result = await purgeExpired(new RetentionRepository(db), { requestLogsDays: 5 }, now);
    const cutoff = now - 5 * DAY;
    const left = (await sql<{ n: number }>`select count(*) as n from request_logs where created_at < ${cutoff}`.execute(db.db)).rows[0];
    expect(Number(left.n)).toBe(0);
    // Every expired row counted once: 6 full old days (d6..d11: 300), the boundary day's older rows, and the 20 in the default partition.
    const kept = await rowsIn('request_logs');
    expect(result.deletedLogs).toBe(12 * 50 + 21 - kept);
    expect(await rowsIn('request_logs_default')).toBe(1); // the future row
    const names = (await listLogPartitions(db.db)).map((p) => p.name);
    expect(names).not.toContain(tenDaysAgo);
    expect((await listLogPartitions(db.db)).every((p) => p.end > cutoff)).toBe(true);
    // Newer rows and their bodies are untouched.
    expect(await rowsIn('request_logs')).toBeGreaterThanOrEqual(5 * 50);
  });

  it('the logs query pages through day partitions newest first without gaps or repeats', async () => {
    const repo = new RequestLogRepository(db);
    const seen: string[] = [];
    let cursor;
    for (;;) {
      const page = await repo.query({ limit: 37, cursor });
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      cursor = page.next;
    }
    const all = (await sql<{ id: string }>`select id from request_logs order by created_at desc, id desc`.execute(db.db)).rows.map(
      (r) => r.id,
    );
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
