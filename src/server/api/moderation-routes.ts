import { z } from 'zod';
import { MAX_RISK_LENGTH, MAX_TERM_LENGTH, parseKeywordLibraryAsync } from '../../compliance/moderation/keyword-library.js';
import { RISKS } from '../../compliance/moderation/risk-ids.js';
import type { LoadedLibrary } from '../../compliance/policy/effective-policy.js';
import { FILE_LIBRARY_PREFIX } from '../../compliance/policy/load-library-files.js';
import type { LibraryRow, LibraryTerm, TermPage } from '../../store/moderation-library-repository.js';
import { gatewayError } from '../../core/error-codes.js';
import { badRequest, notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { newId } from '../../security/tokens.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireInstanceAdmin, requireUser, requireWorkspace, visibleWorkspaces, type Principal } from './principal.js';
import { deletedSchema, iso, listOf } from './views.js';

const id = z.string().min(1).max(LIMITS.id);
const libParams = z.object({ id });
const termInput = z
  .object({ term: z.string().trim().min(1).max(MAX_TERM_LENGTH), risk: z.string().trim().min(1).max(MAX_RISK_LENGTH) })
  .strict();
/** Parse messages returned with an upload; past this they are counted. */
const MAX_REPORTED_ERRORS = 100;
/** Terms as JSON and/or in the library text format (`term<TAB>risk` lines). */
const termsBody = {
  terms: z.array(termInput).max(LIMITS.libraryTerms).optional(),
  text: z
    .string()
    .max(20_000_000)
    .optional()
    .describe('Library text: one `term<TAB>risk` (or `term,risk`, or `term`) per line, # comments'),
};

const libraryView = z.object({
  id: z.string(),
  workspace_id: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  term_count: z.number(),
  /** `file`: from baimo.yaml `security.moderation.library_files` (read-only). */
  source: z.enum(['database', 'file']),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const termView = z.object({ term: z.string(), risk: z.string() });

const view = (r: LibraryRow) => ({
  id: r.id,
  workspace_id: r.workspace_id,
  name: r.name,
  description: r.description,
  enabled: r.enabled === 1,
  term_count: r.term_count,
  source: 'database' as const,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
});
const fileView = (l: LoadedLibrary) => ({
  id: l.id,
  workspace_id: null,
  name: l.name,
  description: 'baimo.yaml security.moderation.library_files',
  enabled: true,
  term_count: l.terms.length,
  source: 'file' as const,
  created_at: null,
  updated_at: null,
});

const fileOnly = () =>
  gatewayError('defined_in_file', 'This library comes from baimo.yaml (security.moderation.library_files); change the file instead.');

/** A page of a file library's terms, the way the database pages them (term order, cursor = last term). */
function pageOf(terms: readonly LibraryTerm[], q: string | undefined, after: string | undefined, limit: number): TermPage {
  const sorted = [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const from = after === undefined ? '' : Buffer.from(after, 'base64url').toString('utf8');
  const rows = sorted.filter((t) => (!q || t.term.includes(q)) && (after === undefined || t.term > from));
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? Buffer.from(data[data.length - 1].term, 'utf8').toString('base64url') : null };
}

/** GB/T 45654 risk ids and moderation keyword libraries (instance-wide and per workspace). */
export function registerModerationRoutes(c: ApiContext): void {
  const service = () => c.rt.compliance.policies;
  const repo = () => service().libraries;

  /** Instance-wide libraries: any user reads, instance administrators write; workspace ones: viewer reads, admin writes. */
  const access = (p: Principal, workspaceId: string | null, need: 'read' | 'write'): void => {
    if (workspaceId === null) {
      if (need === 'write') requireInstanceAdmin(p);
      else requireUser(p);
    } else requireWorkspace(p, workspaceId, need === 'write' ? 'admin' : 'read', 'moderation library');
  };
  const load = async (p: Principal, libId: string, need: 'read' | 'write'): Promise<LibraryRow> => {
    if (libId.startsWith(FILE_LIBRARY_PREFIX)) {
      requireUser(p);
      throw service().fileLibraries.some((l) => l.id === libId) ? fileOnly() : notFound('No moderation library with that id.');
    }
    const lib = await repo().get(libId);
    if (!lib) throw notFound('No moderation library with that id.');
    access(p, lib.workspace_id, need);
    return lib;
  };
  /**
   * The terms of an upload (text parsed in slices, so a 150k-term upload does not block the event
   * loop); more than `LIMITS.libraryTerms` in the upload, or in the library once added, is a 400.
   */
  const collect = async (
    body: { terms?: LibraryTerm[]; text?: string },
    existing = 0,
  ): Promise<{ terms: LibraryTerm[]; errors: string[] }> => {
    const max = LIMITS.libraryTerms;
    const parsed = body.text ? await parseKeywordLibraryAsync(body.text, { maxTerms: max + 1 }) : { terms: [], errors: [] };
    const terms = body.terms?.length ? parsed.terms.concat(body.terms) : parsed.terms;
    if (existing + terms.length > max) {
      throw badRequest(
        `A keyword library holds at most ${max} terms; this upload has ${terms.length > max ? `more than ${max}` : terms.length}` +
          (existing ? ` and the library already has ${existing}` : '') +
          '. Nothing was stored.',
        body.text ? 'text' : 'terms',
        'too_many_terms',
      );
    }
    const errors =
      parsed.errors.length > MAX_REPORTED_ERRORS
        ? [...parsed.errors.slice(0, MAX_REPORTED_ERRORS), `… and ${parsed.errors.length - MAX_REPORTED_ERRORS} more`]
        : parsed.errors;
    return { terms, errors };
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/moderation/risks',
    summary: 'The 31 risks of GB/T 45654-2025 appendix A (ids for library terms and rules)',
    tag: 'moderation',
    response: listOf(z.object({ id: z.string(), class: z.string(), zh: z.string(), en: z.string() })),
    handler: ({ principal }) => {
      requireUser(principal);
      return { object: 'list' as const, data: RISKS.map((r) => ({ id: r.id, class: r.classId, zh: r.zh, en: r.en })) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/moderation/libraries',
    summary: 'List keyword libraries: instance-wide ones and those of one workspace (or of every workspace the caller can see)',
    tag: 'moderation',
    query: z.object({ workspace_id: id.optional() }),
    response: listOf(libraryView),
    handler: async ({ principal, query }) => {
      requireUser(principal);
      if (query.workspace_id) requireWorkspace(principal, query.workspace_id, 'read');
      const rows = await repo().list(query.workspace_id ? [query.workspace_id] : visibleWorkspaces(principal));
      return { object: 'list' as const, data: [...service().fileLibraries.map(fileView), ...rows.map(view)] };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/moderation/libraries',
    upload: true,
    summary: 'Create a keyword library (workspace_id null: instance-wide, instance administrators); terms as JSON and/or text',
    tag: 'moderation',
    status: 201,
    body: z
      .object({
        workspace_id: id.nullable(),
        name: z.string().trim().min(1).max(LIMITS.name),
        description: z.string().max(LIMITS.shortText).nullable().optional(),
        enabled: z.boolean().optional(),
        ...termsBody,
      })
      .strict(),
    response: libraryView.extend({ added: z.number(), skipped: z.number(), errors: z.array(z.string()) }),
    handler: async ({ principal, body }) => {
      access(principal, body.workspace_id, 'write');
      if (body.workspace_id !== null && !(await c.rt.tenancy.workspace(body.workspace_id))) throw notFound('No workspace with that id.');
      const { terms, errors } = await collect(body);
      const libId = newId('lib');
      await repo().create({
        id: libId,
        workspace_id: body.workspace_id,
        name: body.name,
        description: body.description ?? null,
        enabled: body.enabled ?? true,
      });
      const counts = await repo().addTermsTimeSliced(libId, terms);
      await c.rt.announce('policies');
      return { ...view((await repo().get(libId))!), ...counts, errors };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PATCH',
    url: '/api/moderation/libraries/:id',
    summary: 'Rename, describe, enable or disable a keyword library',
    tag: 'moderation',
    params: libParams,
    body: z
      .object({
        name: z.string().trim().min(1).max(LIMITS.name).optional(),
        description: z.string().max(LIMITS.shortText).nullable().optional(),
        enabled: z.boolean().optional(),
      })
      .strict(),
    response: libraryView,
    handler: async ({ principal, params, body }) => {
      await load(principal, params.id, 'write');
      await repo().update(params.id, body);
      await c.rt.announce('policies');
      return view((await repo().get(params.id))!);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/moderation/libraries/:id',
    summary: 'Delete a keyword library and its terms',
    tag: 'moderation',
    params: libParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      await load(principal, params.id, 'write');
      await repo().delete(params.id);
      await c.rt.announce('policies');
      return { id: params.id, deleted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/moderation/libraries/:id/terms',
    summary: 'List the terms of a library in term order, optionally only those containing q',
    tag: 'moderation',
    params: libParams,
    query: z.object({
      q: z.string().max(MAX_TERM_LENGTH).optional(),
      cursor: z.string().max(LIMITS.cursor).optional().describe('next_cursor of the previous page'),
      limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(100),
    }),
    response: z.object({ object: z.literal('list'), data: z.array(termView), next_cursor: z.string().nullable() }),
    handler: async ({ principal, params, query }) => {
      const file = service().fileLibraries.find((l) => l.id === params.id);
      if (file) requireUser(principal);
      else await load(principal, params.id, 'read');
      const page = file ? pageOf(file.terms, query.q, query.cursor, query.limit) : await repo().terms(params.id, query);
      return { object: 'list' as const, data: page.data, next_cursor: page.nextCursor };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/moderation/libraries/:id/terms',
    upload: true,
    summary: 'Add terms (JSON and/or library text) in one transaction; terms already there are skipped',
    tag: 'moderation',
    params: libParams,
    body: z.object(termsBody).strict(),
    response: z.object({ added: z.number(), skipped: z.number(), errors: z.array(z.string()) }),
    handler: async ({ principal, params, body }) => {
      const lib = await load(principal, params.id, 'write');
      const { terms, errors } = await collect(body, lib.term_count);
      const counts = await repo().addTermsTimeSliced(params.id, terms);
      if (counts.added) await c.rt.announce('policies');
      return { ...counts, errors };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/moderation/libraries/:id/terms',
    upload: true,
    summary: 'Delete terms from a library',
    tag: 'moderation',
    params: libParams,
    body: z.object({ terms: z.array(z.string().min(1).max(MAX_TERM_LENGTH)).min(1).max(LIMITS.libraryTerms) }).strict(),
    response: z.object({ deleted: z.number() }),
    handler: async ({ principal, params, body }) => {
      await load(principal, params.id, 'write');
      const deleted = await repo().deleteTerms(params.id, body.terms);
      if (deleted) await c.rt.announce('policies');
      return { deleted };
    },
  });
}
