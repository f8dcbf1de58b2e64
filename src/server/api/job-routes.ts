import { z } from 'zod';
import { badRequest, notFound } from '../../core/errors.js';
import { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';
import { LIMITS } from '../../core/limits.js';
import { JOB_STATUSES, JobInputError, type JobRecord } from '../../jobs/job-types.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { isInstanceAdmin, requireInstanceAdmin, requireUser, requireWorkspace, visibleWorkspaces, type Principal } from './principal.js';
import { iso } from './views.js';

/** Page size of the job list. */
const JOB_PAGE = 100;

const jobView = z.object({
  id: z.string(),
  object: z.literal('job'),
  queue: z.string(),
  name: z.string(),
  /** null: an instance-wide job (retention), visible to instance administrators only. */
  workspace_id: z.string().nullable(),
  status: z.enum(JOB_STATUSES),
  /** 0..1. */
  progress: z.number(),
  progress_message: z.string().nullable(),
  input: z.unknown(),
  /** What the job returned, once succeeded. */
  result: z.unknown(),
  /** Why the last run failed (kept while a retry waits). */
  error: z.string().nullable(),
  attempts: z.number(),
  max_attempts: z.number(),
  /** `usr_…`, `admin` (the admin token) or `system` (a schedule). */
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  /** When a queued job is due (a retry waits out its backoff). */
  run_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

const view = (j: JobRecord): z.input<typeof jobView> => ({
  id: j.id,
  object: 'job',
  queue: j.queue,
  name: j.name,
  workspace_id: j.workspaceId,
  status: j.status,
  progress: j.progress,
  progress_message: j.progressMessage,
  input: j.input,
  result: j.result,
  error: j.error,
  attempts: j.attempts,
  max_attempts: j.maxAttempts,
  created_by: j.createdBy,
  created_at: iso(j.createdAt)!,
  updated_at: iso(j.updatedAt)!,
  run_at: iso(j.runAt)!,
  started_at: iso(j.startedAt),
  finished_at: iso(j.finishedAt),
});

const idParams = z.object({ id: z.string().min(1).max(LIMITS.id) });

/** Instance administrators see every job; members see their workspaces' jobs (instance-wide ones are admin only). */
function visible(p: Principal, job: JobRecord | undefined): job is JobRecord {
  if (!job) return false;
  if (isInstanceAdmin(p)) return true;
  return p.kind === 'user' && job.workspaceId !== null && p.roles.has(job.workspaceId);
}

const actorOf = (p: Principal): string => (p.kind === 'user' ? p.user.id : p.kind === 'admin' ? 'admin' : p.key.id);

/**
 * Background jobs (src/jobs/): their state and progress from the `jobs` table, which every replica
 * shares; starting the types that allow a manual run; cancelling. Users only: API keys get 403.
 */
export function registerJobRoutes(c: ApiContext): void {
  const { rt } = c;

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/jobs',
    summary: 'List background jobs, newest first, cursor-paged: a workspace’s, the caller’s workspaces’, or (instance administrators) all',
    tag: 'jobs',
    query: z.object({
      workspace_id: z.string().max(LIMITS.id).optional(),
      queue: z.string().max(64).optional(),
      name: z.string().max(100).optional(),
      status: z.enum(JOB_STATUSES).optional(),
      limit: z.coerce.number().int().min(1).max(JOB_PAGE).default(50),
      cursor: z.string().max(LIMITS.cursor).optional().describe('next_cursor of the previous page'),
    }),
    response: z.object({ object: z.literal('list'), data: z.array(jobView), next_cursor: z.string().nullable() }),
    handler: async ({ principal, query }) => {
      requireUser(principal);
      if (query.workspace_id) requireWorkspace(principal, query.workspace_id, 'read');
      const page = await rt.jobs.list({
        queue: query.queue,
        name: query.name,
        status: query.status,
        workspaceIds: query.workspace_id ? [query.workspace_id] : visibleWorkspaces(principal),
        limit: query.limit,
        cursor: query.cursor ? decodeTimeCursor(query.cursor) : undefined,
      });
      return { object: 'list' as const, data: page.jobs.map(view), next_cursor: page.next ? encodeTimeCursor(page.next) : null };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/jobs/:id',
    summary: 'One background job: status, progress (0..1 and a message), result or error, attempts and times',
    tag: 'jobs',
    params: idParams,
    response: jobView,
    handler: async ({ principal, params }) => {
      requireUser(principal);
      const job = await rt.jobs.get(params.id);
      if (!visible(principal, job)) throw notFound('No job with that id.');
      return view(job);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/jobs',
    summary:
      'Start a job of a type that allows manual runs, e.g. {"name":"retention.purge"} (instance administrators); answers 202 with the job to poll',
    tag: 'jobs',
    body: z.object({
      name: z.string().min(1).max(100).describe('The job type, e.g. retention.purge'),
      input: z.record(z.string().max(100), z.unknown()).optional().describe('The input the type takes (none for retention.purge)'),
      workspace_id: z.string().max(LIMITS.id).optional().describe('For types that work for one workspace'),
    }),
    response: jobView,
    status: 202,
    handler: async ({ principal, body }) => {
      requireUser(principal);
      const type = rt.jobs.type(body.name);
      if (!type?.manual) {
        const manual = rt.jobs
          .types()
          .filter((t) => t.manual)
          .map((t) => t.name);
        throw badRequest(
          `No job type "${body.name}" can be started by hand (these can: ${manual.join(', ') || 'none'}).`,
          'name',
          'invalid_value',
        );
      }
      let workspaceId: string | null = null;
      if (type.manual === 'instance') {
        requireInstanceAdmin(principal);
        if (body.workspace_id)
          throw badRequest(`"${type.name}" works for the whole instance: leave workspace_id out.`, 'workspace_id', 'invalid_value');
      } else {
        if (!body.workspace_id)
          throw badRequest(
            `"${type.name}" works for one workspace: name it in workspace_id.`,
            'workspace_id',
            'missing_required_parameter',
          );
        requireWorkspace(principal, body.workspace_id, 'write');
        if (!(await rt.tenancy.workspace(body.workspace_id))) throw notFound('No workspace with that id.');
        workspaceId = body.workspace_id;
      }
      try {
        return view(await rt.jobs.enqueue(type.name, body.input ?? {}, { workspaceId, createdBy: actorOf(principal) }));
      } catch (err) {
        if (err instanceof JobInputError) throw badRequest(err.message, err.param, 'invalid_value');
        throw err;
      }
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/jobs/:id/cancel',
    summary: 'Cancel a queued or running job (a running one stops at its next check); a finished job is returned unchanged',
    tag: 'jobs',
    params: idParams,
    response: jobView,
    handler: async ({ principal, params }) => {
      requireUser(principal);
      const job = await rt.jobs.get(params.id);
      if (!visible(principal, job)) throw notFound('No job with that id.');
      if (job.workspaceId === null) requireInstanceAdmin(principal);
      else requireWorkspace(principal, job.workspaceId, 'write');
      const after = await rt.jobs.cancel(job.id);
      if (!after) throw notFound('No job with that id.');
      return view(after);
    },
  });
}
