import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A stored report file (analytics-report-migration.ts). */
export interface AnalyticsReportFileRow {
  /** The job's id. */
  id: string;
  workspace_id: string | null;
  format: string;
  filename: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: number;
}

/** A report file without its bytes. */
export type AnalyticsReportFileMeta = Omit<AnalyticsReportFileRow, 'bytes'>;

type ReportFileDatabase = Database & { analytics_report_files: AnalyticsReportFileRow };

/**
 * The report files of `analytics.report` jobs, keyed by job id: written once by the job (a retry
 * replaces its own), read by the file route, purged by age.
 */
export class AnalyticsReportFileRepository {
  private readonly db: Kysely<ReportFileDatabase>;

  constructor(db: Kysely<Database>) {
    this.db = db as unknown as Kysely<ReportFileDatabase>;
  }

  /** Stores (or replaces) a job's file. */
  async put(row: Omit<AnalyticsReportFileRow, 'size'>): Promise<void> {
    const bytes = Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
    const values = { ...row, bytes, size: bytes.byteLength };
    const { id: _id, ...update } = values;
    await this.db
      .insertInto('analytics_report_files')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(update))
      .execute();
  }

  /** The file of a job, bytes included. */
  async get(id: string): Promise<AnalyticsReportFileRow | undefined> {
    const row = await this.db.selectFrom('analytics_report_files').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...row, size: Number(row.size), created_at: Number(row.created_at) } : undefined;
  }

  /** The file of a job without its bytes. */
  async meta(id: string): Promise<AnalyticsReportFileMeta | undefined> {
    const row = await this.db
      .selectFrom('analytics_report_files')
      .select(['id', 'workspace_id', 'format', 'filename', 'content_type', 'size', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { ...row, size: Number(row.size), created_at: Number(row.created_at) } : undefined;
  }

  /** Deletes the files made before `before` (epoch ms); returns how many. */
  async purgeBefore(before: number): Promise<number> {
    const r = await this.db.deleteFrom('analytics_report_files').where('created_at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
