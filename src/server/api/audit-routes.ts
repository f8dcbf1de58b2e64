import { Readable } from 'node:stream';
import { z } from 'zod';
import { auditJsonLine } from '../../compliance/audit/audit-export.js';
import { badRequest, forbidden } from '../../core/errors.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { isInstanceAdmin, requireInstanceAdmin, requireUser, requireWorkspace } from './principal.js';
import { iso } from './views.js';
import { LIMITS } from '../../core/limits.js';
import type { AuditRepository } from '../../store/audit-repository.js';

const instant = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (Number.isNaN(n)) ctx.addIssue({ code: 'custom', message: 'use ISO 8601 (2026-11-28T08:00:00+08:00) or epoch milliseconds' });
    return n;
  });

const entryView = z.object({
  seq: z.number(),
  id: z.string(),
  created_at: z.string(),
  actor_type: z.enum(['admin_token', 'user', 'key', 'system', 'cli']),
  actor_id: z.string().nullable(),
  workspace_id: z.string().nullable(),
  action: z.string(),
  target_type: z.string().nullable(),
  target_id: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

const EXPORT_CHUNK = 1000;

/**
 * The export's lines, read 1,000 rows at a time: a statement iterator held open across awaits would
 * keep the shared connection busy for every other request.
 */
async function* exportLines(store: AuditRepository): AsyncGenerator<string> {
  let after = -1;
  for (;;) {
    const rows = await store.after(after, EXPORT_CHUNK);
    let chunk = '';
    for (const r of rows) chunk += `${auditJsonLine(r)}\n`;
    if (chunk) yield chunk;
    if (rows.length < EXPORT_CHUNK) return;
    after = rows[rows.length - 1].seq;
  }
}

/** The audit log: reading (instance administrators all, workspace admins their workspace's), verifying and exporting it. */
export function registerAuditRoutes(c: ApiContext): void {
  const audit = () => c.rt.compliance.audit;

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/audit',
    summary: "List audit entries, newest first (workspace admins: their workspace's entries only)",
    tag: 'audit',
    query: z.object({
      workspace_id: z.string().max(LIMITS.id).optional(),
      action: z.string().max(LIMITS.id).optional().describe('An action (key.create) or a prefix ending in .* (key.*)'),
      actor_id: z.string().max(LIMITS.id).optional(),
      since: instant.optional().describe('Inclusive start, ISO 8601 or epoch ms'),
      until: instant.optional().describe('Exclusive end, ISO 8601 or epoch ms'),
      cursor: z
        .string()
        .max(LIMITS.cursor)
        .regex(/^\d{1,15}$/, 'use next_cursor of the previous page')
        .optional(),
      limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
    }),
    response: z.object({ object: z.literal('list'), data: z.array(entryView), next_cursor: z.string().nullable() }),
    handler: async ({ principal, query }) => {
      requireUser(principal);
      let workspaceId = query.workspace_id;
      if (!isInstanceAdmin(principal)) {
        if (workspaceId === undefined) {
          // A workspace admin of exactly one workspace need not name it.
          const mine =
            principal.kind === 'user' ? [...principal.roles].filter(([, r]) => r === 'admin' || r === 'owner').map(([w]) => w) : [];
          if (mine.length === 0)
            throw forbidden('Only instance administrators and workspace admins may read the audit log.', 'role_insufficient');
          if (mine.length > 1)
            throw badRequest('Name the workspace whose audit entries to list.', 'workspace_id', 'missing_required_parameter');
          workspaceId = mine[0];
        }
        requireWorkspace(principal, workspaceId, 'admin');
      }
      await audit().flush();
      const page = await audit().list({
        workspaceId,
        action: query.action,
        actorId: query.actor_id,
        since: query.since,
        until: query.until,
        cursor: query.cursor,
        limit: query.limit,
      });
      return {
        object: 'list' as const,
        data: page.data.map((e) => ({ ...e, created_at: iso(e.created_at)! })),
        next_cursor: page.nextCursor,
      };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/audit/verify',
    summary: 'Check the hash chain of the whole audit log (instance administrators); names the first bad entry',
    tag: 'audit',
    response: z.object({
      ok: z.boolean(),
      checked: z.number(),
      first_bad: z.object({ seq: z.number(), id: z.string(), reason: z.string(), message: z.string() }).nullable(),
    }),
    handler: async ({ principal }) => {
      requireInstanceAdmin(principal);
      await audit().flush();
      const r = await c.rt.compliance.verifyAudit();
      return { ok: r.ok, checked: r.checked, first_bad: r.firstBad ?? null };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/audit/export',
    summary: 'Every audit entry in seq order as JSON lines, with the hashes (instance administrators)',
    tag: 'audit',
    response: z.custom<Readable>(() => true).describe('application/x-ndjson: one JSON object per entry and line'),
    handler: async ({ principal, reply }) => {
      requireInstanceAdmin(principal);
      await audit().flush();
      const stamp = new Date().toISOString().slice(0, 10);
      reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="baimo-audit-${stamp}.jsonl"`);
      return Readable.from(exportLines(c.rt.compliance.auditRows));
    },
  });
}
