import type { JobQueue, JobRecord } from '../jobs/job-types.js';
import type { ReportFile } from './report-file.js';
import {
  ANALYTICS_REPORT_JOB,
  buildReportFile,
  isReportJob,
  reportJobInput,
  registerReportJob,
  type ReportFileStore,
  type ReportJobDeps,
  type ReportJobInput,
} from './report-job.js';
import { PdfUnavailableError, pdfUnavailableMessage } from './report-pdf.js';

/** A stored report file, as the file route serves it. */
export interface StoredReportFile {
  id: string;
  workspace_id: string | null;
  format: string;
  filename: string;
  content_type: string;
  size: number;
  bytes: Buffer;
  created_at: number;
}

export interface ReportJobsDeps extends ReportJobDeps {
  jobs: JobQueue;
  files: ReportFileStore & { get(id: string): Promise<StoredReportFile | undefined> };
}

/**
 * Usage reports as files: `start` queues an `analytics.report` job (registered here) that reads the
 * report, renders it (HTML, CSV, JSON, PDF) and stores the file in the database, where any replica
 * finds it; `job` and `file` read them back; `build` renders one in this process without the queue
 * (the CLI).
 */
export class AnalyticsReportJobs {
  constructor(private readonly deps: ReportJobsDeps) {
    registerReportJob(deps.jobs, deps);
  }

  /** Whether this process can print PDFs (a browser found). */
  pdfAvailable(): boolean {
    return this.deps.chromium() !== null;
  }

  /**
   * Queues a report file. A PDF without a browser here is refused at once ({@link PdfUnavailableError});
   * a bad input is a JobInputError from the queue.
   */
  async start(input: ReportJobInput, opts: { workspaceId: string | null; createdBy: string }): Promise<JobRecord> {
    if (input.format === 'pdf' && !this.pdfAvailable()) throw new PdfUnavailableError(pdfUnavailableMessage(this.deps.chromiumConfigured));
    return this.deps.jobs.enqueue(ANALYTICS_REPORT_JOB, input, { workspaceId: opts.workspaceId, createdBy: opts.createdBy });
  }

  /** A report job by id (undefined for any other job). */
  async job(id: string): Promise<JobRecord | undefined> {
    const job = await this.deps.jobs.get(id);
    return isReportJob(job) ? job : undefined;
  }

  /** The file a report job made (undefined until it succeeded, and after it was purged). */
  file(id: string): Promise<StoredReportFile | undefined> {
    return this.deps.files.get(id);
  }

  /** Renders a report file here and now, without the queue or the table (what `baimo report` does). */
  async build(input: unknown, signal?: AbortSignal): Promise<{ file: ReportFile; rows: number }> {
    const parsed: ReportJobInput = reportJobInput.parse(input);
    if (parsed.format === 'pdf' && !this.pdfAvailable()) throw new PdfUnavailableError(pdfUnavailableMessage(this.deps.chromiumConfigured));
    return buildReportFile(this.deps, parsed, signal);
  }
}
