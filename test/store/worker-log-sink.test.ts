import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Calendar } from '../../src/core/calendar.js';
import { sql } from 'kysely';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { RequestLogRepository } from '../../src/store/request-log-repository.js';
import { LOG_COLUMNS, rowFromValues, rowValues } from '../../src/store/log-insert.js';
import type { RequestLogRow } from '../../src/store/schema.js';
import { WorkerLogSink } from '../../src/store/worker-log-sink.js';
import { logRow } from '../helpers/log-row.js';
import { openTestDatabase, TEST_DIALECT } from '../helpers/test-database.js';

const opened: OpenedDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

async function setup(): Promise<{ db: OpenedDatabase; path: string; repo: RequestLogRepository }> {
  // The file (SQLite) or the URL (PostgreSQL) the worker thread opens on its own.
  const db = await openTestDatabase(mkdtempSync(join(tmpdir(), 'baimo-log-worker-')));
  const path = db.location;
  opened.push(db);
  const repo = new RequestLogRepository(db, { calendar: new Calendar('Asia/Shanghai'), usdToCny: 7.2 });
  return { db, path, repo };
}

const one = async (db: OpenedDatabase, text: string): Promise<Record<string, unknown>> =>
  (await sql.raw<Record<string, unknown>>(text).execute(db.db)).rows[0];
const count = async (db: OpenedDatabase, text: string): Promise<number> => Number((await one(db, text)).n);
/** PostgreSQL text cannot hold NUL: the writer stores U+FFFD in its place. */
const NUL = TEST_DIALECT === 'postgres' ? '\uFFFD' : '\u0000';

describe('WorkerLogSink', () => {
  it('writes batches on the worker thread; rows and rollups are readable here once a batch resolves', async () => {
    const { db, path, repo } = await setup();
    const errors: unknown[] = [];
    const sink = new WorkerLogSink({ path, timezone: 'Asia/Shanghai', usdToCny: 7.2 }, repo, (e) => errors.push(e));
    const label = 'v=1; aigc=1; cid=chatcmpl-x; pc=测试-01; m=chat; t=2026-01-01T00:00:00+08:00; sig=abc';
    const rows = Array.from({ length: 1200 }, (_, i) =>
      logRow({
        id: `w_${i}`,
        workspace_id: 'ws_default',
        key_id: i % 2 ? 'key_a' : null,
        prompt_tokens: 3,
        completion_tokens: 5,
        cost_cny: 0.01,
        currency: 'CNY',
        cost: 0.01,
        status: i % 10 === 0 ? 502 : 200,
        error_message: i % 10 === 0 ? '上游错误 "quoted" \\ back\\slash {a,b}\ttab\nline\r\\N \u0000 nul' : null,
        aigc_label: label,
      }),
    );
    await Promise.all([sink.insertMany(rows.slice(0, 500)), sink.insertMany(rows.slice(500))]);
    expect(sink.thread).toBe('worker');
    expect(await count(db, `select count(*) as n from request_logs where id like 'w_%'`)).toBe(1200);
    // Values cross the thread boundary unchanged (text with quotes, NUL and CJK; nulls; numbers).
    const row = await one(db, `select * from request_logs where id = 'w_10'`);
    expect(row).toMatchObject({
      status: 502,
      error_message: `上游错误 "quoted" \\ back\\slash {a,b}\ttab\nline\r\\N ${NUL} nul`,
      aigc_label: label,
      app_id: null,
      cost_cny: 0.01,
    });
    // Rollups are written in the worker's transaction.
    const rollup = await one(db, `select sum(requests) as r, sum(errors) as e, sum(prompt_tokens) as p from usage_rollup`);
    expect(rollup).toEqual({ r: 1200, e: 120, p: 3600 });
    expect(await count(db, `select sum(requests) as n from stats_key_minute where key_id = 'key_a'`)).toBe(600);
    await sink.close();
    expect(errors).toEqual([]);
  });

  it('falls back to this thread when the worker cannot start, losing nothing and saying so once', async () => {
    const { db, repo } = await setup();
    const errors: unknown[] = [];
    // The worker opens an existing file only: a missing one makes it fail at start.
    const sink = new WorkerLogSink({ path: join(tmpdir(), 'baimo-no-such-dir', 'missing.db'), timezone: 'UTC', usdToCny: 7 }, repo, (e) =>
      errors.push(e),
    );
    const first = sink.insertMany([logRow({ id: 'f_1' })]);
    await expect(first).rejects.toThrow();
    expect(sink.thread).toBe('main');
    // What the LogWriter does next: retry the batch, which now goes to the fallback.
    await sink.insertMany([logRow({ id: 'f_1' }), logRow({ id: 'f_2' })]);
    expect(await count(db, `select count(*) as n from request_logs where id like 'f_%'`)).toBe(2);
    expect(errors).toHaveLength(1);
    expect(String((errors[0] as Error).message)).toMatch(/log writer thread stopped/);
    await sink.close();
  });

  it('a batch that fails in the worker rejects with the reason; the worker keeps serving', async () => {
    const { db, path, repo } = await setup();
    const sink = new WorkerLogSink({ path, timezone: 'UTC', usdToCny: 7 }, repo);
    await sink.insertMany([logRow({ id: 'dup', created_at: 1_700_000_000_000 })]);
    await expect(sink.insertMany([logRow({ id: 'ok_1' }), logRow({ id: 'dup', created_at: 1_700_000_000_000 })])).rejects.toThrow(
      /UNIQUE|duplicate key/,
    );
    // The failed batch was one transaction: nothing of it is kept.
    expect(await count(db, `select count(*) as n from request_logs where id = 'ok_1'`)).toBe(0);
    await sink.insertMany([logRow({ id: 'ok_2' })]);
    expect(sink.thread).toBe('worker');
    expect(await count(db, `select count(*) as n from request_logs`)).toBe(2);
    await sink.close();
    // After close, batches are still written (on this thread).
    await sink.insertMany([logRow({ id: 'late' })]);
    expect(await count(db, `select count(*) as n from request_logs where id = 'late'`)).toBe(1);
  });
});

describe('rowValues / rowFromValues', () => {
  it('copy every column in LOG_COLUMNS order, and back', () => {
    // A distinct value per column, so a swapped or missing column shows.
    const row = Object.fromEntries(LOG_COLUMNS.map((c, i) => [c, `${c}#${i}`])) as unknown as RequestLogRow;
    const out: unknown[] = new Array(LOG_COLUMNS.length + 3).fill('untouched');
    rowValues(row, out, 3);
    expect(out.slice(0, 3)).toEqual(['untouched', 'untouched', 'untouched']);
    expect(out.slice(3)).toEqual(LOG_COLUMNS.map((c, i) => `${c}#${i}`));
    const back = rowFromValues(out, 3);
    expect(Object.keys(back)).toEqual([...LOG_COLUMNS]);
    expect(back).toEqual(row);
  });

  it('write absent values as null', () => {
    const out: unknown[] = [];
    rowValues({ id: 'only-id' } as unknown as RequestLogRow, out, 0);
    expect(out).toHaveLength(LOG_COLUMNS.length);
    expect(out[0]).toBe('only-id');
    expect(out.slice(1).every((v) => v === null)).toBe(true);
  });
});
