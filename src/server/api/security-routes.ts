import { z } from 'zod';
import { POLICY_SCOPES, type PolicyScope, type StoredPolicy } from '../../store/policy-repository.js';
import { Moderator } from '../../compliance/moderation/moderator.js';
import { PiiScanner } from '../../compliance/pii/pii-scanner.js';
import type { PolicyDocument } from '../../compliance/contracts.js';
import { policyDocumentSchema } from '../../config/security-schema.js';
import { badRequest, notFound } from '../../core/errors.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireScope, resolvePolicyIds } from './compliance-scope.js';
import { scanTextView } from './mask-text.js';
import { isInstanceAdmin, requireUser, requireWorkspace, visibleWorkspaces, type Principal } from './principal.js';
import { deletedSchema, iso, listOf } from './views.js';
import { LIMITS } from '../../core/limits.js';

const id = z.string().min(1).max(LIMITS.id);
const scopeParams = z.object({
  scopeType: z.enum(POLICY_SCOPES as unknown as [PolicyScope, ...PolicyScope[]]),
  scopeId: id,
});
const idsQuery = z.object({ workspace_id: id.optional(), app_id: id.optional(), key_id: id.optional() });
/** Longest text the test endpoints take. */
const MAX_TEXT = 100_000;

const policyView = z.object({
  scope_type: z.enum(['workspace', 'app', 'key']),
  scope_id: z.string(),
  workspace_id: z.string(),
  policy: policyDocumentSchema,
  updated_at: z.string().nullable(),
  updated_by: z.string().nullable(),
});
const findingView = z.object({ type: z.string(), label: z.string(), start: z.number(), end: z.number(), confidence: z.number() });
const hitView = z.object({
  term: z.string(),
  risk: z.string(),
  start: z.number(),
  end: z.number(),
  source: z.enum(['keyword', 'regex', 'model']),
  library: z.string().optional(),
});

const view = (p: StoredPolicy) => ({
  scope_type: p.scopeType,
  scope_id: p.scopeId,
  workspace_id: p.workspaceId,
  policy: p.policy,
  updated_at: p.updatedAt ? iso(p.updatedAt) : null,
  updated_by: p.updatedBy,
});

/** Who made a change, as stored in `updated_by`. */
export function actorLabel(p: Principal): string {
  return p.kind === 'user' ? p.user.id : p.kind === 'key' ? p.key.id : 'admin_token';
}

/** Security policies per workspace, app and key; the merged policy; PII and moderation test calls. */
export function registerSecurityRoutes(c: ApiContext): void {
  const { rt } = c;
  const service = () => rt.compliance.policies;

  /**
   * Checks what zod cannot: nothing is looser than baimo.yaml's rules (the floor), and patterns
   * compile the way the scanner and moderator use them (RE2).
   */
  const validate = (doc: PolicyDocument): void => {
    const loose = service().floor.violations(doc);
    if (loose.length) {
      const more =
        loose.length > 1
          ? ` (and ${loose.length - 1} more: ${loose
              .slice(1)
              .map((v) => v.param)
              .join(', ')})`
          : '';
      throw badRequest(`${loose[0].message}${more}`, loose[0].param, 'looser_than_deployment');
    }
    doc.pii?.custom?.forEach((cp, i) => {
      try {
        new PiiScanner({ types: [], custom: [cp] });
      } catch (err) {
        throw badRequest(
          `Invalid policy.pii.custom[${i}].pattern: ${(err as Error).message}`,
          `policy.pii.custom[${i}].pattern`,
          'invalid_value',
        );
      }
    });
    doc.moderation?.rules?.forEach((r, i) => {
      try {
        new Moderator([], [r]);
      } catch (err) {
        throw badRequest(
          `Invalid policy.moderation.rules[${i}].pattern: ${(err as Error).message}`,
          `policy.moderation.rules[${i}].pattern`,
          'invalid_value',
        );
      }
    });
  };

  const checkLibraries = async (doc: PolicyDocument, workspaceId: string): Promise<void> => {
    const libs = doc.moderation?.libraries;
    if (!libs?.length) return;
    const usable = new Set(service().fileLibraries.map((l) => l.id));
    for (const l of await service().libraries.list([workspaceId])) usable.add(l.id);
    libs.forEach((lib, i) => {
      if (!usable.has(lib))
        throw badRequest(
          `No moderation library "${lib}" in this workspace or instance-wide.`,
          `policy.moderation.libraries[${i}]`,
          'library_not_found',
        );
    });
  };

  const checkModel = (doc: PolicyDocument): void => {
    const name = doc.moderation?.model?.name;
    if (name && !rt.models.lookup(name))
      throw badRequest(`No model or alias named "${name}" is configured.`, 'policy.moderation.model.name', 'model_not_found');
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/security/policies',
    summary: 'List the stored security policies (of one workspace, or of every workspace the caller can see)',
    tag: 'security',
    query: z.object({ workspace_id: id.optional() }),
    response: listOf(policyView),
    handler: async ({ principal, query }) => {
      requireUser(principal);
      if (query.workspace_id) requireWorkspace(principal, query.workspace_id, 'read');
      const rows = await service().policies.list(query.workspace_id);
      const visible = isInstanceAdmin(principal) ? undefined : new Set(visibleWorkspaces(principal));
      return { object: 'list' as const, data: rows.filter((r) => !visible || visible.has(r.workspaceId)).map(view) };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/security/policies/:scopeType/:scopeId',
    summary: 'Get the policy of a workspace, app or key (an empty policy when none is stored)',
    tag: 'security',
    params: scopeParams,
    response: policyView,
    handler: async ({ principal, params }) => {
      const ws = await requireScope(rt, principal, params.scopeType, params.scopeId, 'read');
      const stored = await service().policies.get(params.scopeType, params.scopeId);
      return stored
        ? view(stored)
        : { scope_type: params.scopeType, scope_id: params.scopeId, workspace_id: ws, policy: {}, updated_at: null, updated_by: null };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'PUT',
    url: '/api/security/policies/:scopeType/:scopeId',
    upload: true,
    summary: 'Set the policy of a workspace, app or key (workspace admin role); applied at once',
    tag: 'security',
    params: scopeParams,
    body: z.object({ policy: policyDocumentSchema }).strict(),
    response: policyView,
    handler: async ({ principal, params, body }) => {
      const ws = await requireScope(rt, principal, params.scopeType, params.scopeId, 'admin');
      const doc = body.policy as PolicyDocument;
      validate(doc);
      await checkLibraries(doc, ws);
      checkModel(doc);
      const stored = await service().policies.put({
        scopeType: params.scopeType,
        scopeId: params.scopeId,
        workspaceId: ws,
        policy: doc,
        updatedBy: actorLabel(principal),
      });
      await rt.announce('policies');
      return view(stored);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'DELETE',
    url: '/api/security/policies/:scopeType/:scopeId',
    summary: 'Remove the policy of a workspace, app or key (workspace admin role)',
    tag: 'security',
    params: scopeParams,
    response: deletedSchema,
    handler: async ({ principal, params }) => {
      await requireScope(rt, principal, params.scopeType, params.scopeId, 'admin');
      if (!(await service().policies.delete(params.scopeType, params.scopeId)))
        throw notFound(`No policy is stored for this ${params.scopeType}.`);
      await rt.announce('policies');
      return { id: params.scopeId, deleted: true as const };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/security/effective',
    summary: 'The merged policy that applies: baimo.yaml defaults ← workspace ← app ← key',
    tag: 'security',
    query: idsQuery,
    response: z.object({ policy: policyDocumentSchema }),
    handler: async ({ principal, query }) => ({ policy: service().merged(await resolvePolicyIds(rt, principal, query)) }),
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/security/pii/scan',
    upload: true,
    summary: "Find personal information in a text with the effective policy's recognizers (all built-in types when it names none)",
    tag: 'security',
    body: idsQuery.extend({ text: z.string().max(MAX_TEXT) }).strict(),
    response: z.object({
      findings: z.array(findingView).max(LIMITS.piiFindings),
      redacted: z.string(),
      pseudonymized: z.string(),
      truncated: z.boolean().describe(`The text holds more than ${LIMITS.piiFindings} findings: only that many are shown and masked`),
    }),
    handler: async ({ principal, body }) => {
      const scanner = service().scannerFor(await resolvePolicyIds(rt, principal, body));
      return scanTextView(scanner, body.text);
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/security/moderation/check',
    upload: true,
    summary: "Check a text against a workspace's keyword libraries and rules (instance-wide ones without a workspace)",
    tag: 'security',
    body: z.object({ text: z.string().max(MAX_TEXT), workspace_id: id.optional() }).strict(),
    response: z.object({ hits: z.array(hitView) }),
    handler: async ({ principal, body }) => {
      const ids = await resolvePolicyIds(rt, principal, { workspace_id: body.workspace_id });
      return { hits: service().moderatorFor(ids)?.checkAll(body.text) ?? [] };
    },
  });
}
