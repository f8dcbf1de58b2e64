/**
 * Audit action names of the admin API's writes, by `METHOD url` exactly as the route is declared.
 * A write not listed here is recorded as its `METHOD url`; `null` means not recorded (sign-in and
 * sign-out, and POSTs that only read).
 */
export const AUDIT_ACTIONS: Readonly<Record<string, string | null>> = {
  'POST /api/auth/login': null,
  'POST /api/auth/logout': null,
  'POST /api/security/pii/scan': null,
  'POST /api/security/moderation/check': null,
  'POST /api/audit/verify': null,
  'POST /api/kb/:kb/search': null,
  // The end-user page of a scenario app counts its views: statistics, not changes.
  'POST /api/apps/:appId/page-events': null,
  // Runs from the console are requests: the request log has them (with the user and the app).
  'POST /api/apps/:appId/run': null,
  'POST /api/workspaces/:workspaceId/app-library/:slug/run': null,
  // Reads an uploaded file as text for an app's file variable: nothing is stored.
  'POST /api/extract-text': null,
  // A blind battle is two model calls (the request log has them, under the evaluation key); the vote that decides it is audited.
  'POST /api/arena/battles': null,
  // Usage analytics' page views and likes/dislikes are statistics, not changes (feedback comments stay out of the audit log).
  'POST /api/events': null,
  'POST /api/feedback': null,

  'POST /api/workspaces': 'workspace.create',
  'PATCH /api/workspaces/:workspaceId': 'workspace.update',
  'DELETE /api/workspaces/:workspaceId': 'workspace.delete',
  'PUT /api/workspaces/:workspaceId/members/:userId': 'member.update',
  'DELETE /api/workspaces/:workspaceId/members/:userId': 'member.delete',
  'POST /api/workspaces/:workspaceId/apps': 'app.create',
  'PATCH /api/apps/:appId': 'app.update',
  'DELETE /api/apps/:appId': 'app.delete',
  'POST /api/workspaces/:workspaceId/apps/import': 'app.import',
  'POST /api/apps/:appId/versions': 'app_version.create',
  'PUT /api/apps/:appId/versions/:version': 'app_version.update',
  'POST /api/apps/:appId/versions/:version/publish': 'app_version.publish',
  'POST /api/apps/:appId/rollback': 'app.rollback',
  'PUT /api/apps/:appId/traffic': 'app.traffic',
  'POST /api/workspaces/:workspaceId/keys': 'key.create',
  'PATCH /api/keys/:keyId': 'key.update',
  'POST /api/keys/:keyId/revoke': 'key.revoke',
  'DELETE /api/keys/:keyId': 'key.delete',
  'POST /api/users': 'user.create',
  'PATCH /api/users/:userId': 'user.update',
  'DELETE /api/users/:userId': 'user.delete',
  // PUT creates or replaces: the hook says which (see CREATE_OR_UPDATE).
  'PUT /api/providers/:name': 'provider.update',
  'DELETE /api/providers/:name': 'provider.delete',
  'POST /api/providers/:name/test': 'provider.test',
  'PUT /api/models/:name': 'model.update',
  'DELETE /api/models/:name': 'model.delete',
  'PUT /api/prices': 'price.update',
  'DELETE /api/prices': 'price.delete',
  'POST /api/local-models/pull': 'local_model.pull',
  'POST /api/local-models/:provider/load': 'local_model.load',
  'POST /api/local-models/:provider/unload': 'local_model.unload',
  'PUT /api/security/policies/:scopeType/:scopeId': 'policy.update',
  'DELETE /api/security/policies/:scopeType/:scopeId': 'policy.delete',
  'POST /api/moderation/libraries': 'library.create',
  'PATCH /api/moderation/libraries/:id': 'library.update',
  'DELETE /api/moderation/libraries/:id': 'library.delete',
  'POST /api/moderation/libraries/:id/terms': 'library.terms_add',
  'DELETE /api/moderation/libraries/:id/terms': 'library.terms_delete',
  'POST /api/jobs': 'job.create',
  'POST /api/jobs/:id/cancel': 'job.cancel',
  'POST /api/kb': 'knowledge_base.create',
  'PATCH /api/kb/:kb': 'knowledge_base.update',
  'DELETE /api/kb/:kb': 'knowledge_base.delete',
  'POST /api/kb/:kb/documents': 'knowledge_document.create',
  'DELETE /api/kb/:kb/documents/:id': 'knowledge_document.delete',
  // An upload or a sample creates the dataset or adds a version to it (the response says which).
  'POST /api/eval/datasets': 'eval_dataset.import',
  'POST /api/eval/datasets/sample': 'eval_dataset.sample',
  'PATCH /api/eval/datasets/:id': 'eval_dataset.update',
  'DELETE /api/eval/datasets/:id': 'eval_dataset.delete',
  'POST /api/eval/runs': 'eval_run.create',
  'POST /api/eval/runs/:id/cancel': 'eval_run.cancel',
  'POST /api/eval/runs/:id/resume': 'eval_run.resume',
  'DELETE /api/eval/runs/:id': 'eval_run.delete',
  // A usage report file: the data leaves as a download, so who made which report is recorded.
  'POST /api/analytics/reports': 'analytics_report.create',
  'POST /api/arena/battles/:id/vote': 'arena_battle.vote',
  'POST /api/arena/import': 'arena_battle.import',
  'POST /api/arena/judge': 'arena_battle.judge',
  'PUT /api/analytics/end-users/:id': 'end_user.update',
  'PUT /api/analytics/taxonomy': 'analytics_taxonomy.update',
};

/** `*.update` actions of create-or-replace routes that become `*.create` when nothing existed before. */
export const CREATE_OR_UPDATE: ReadonlySet<string> = new Set(['PUT /api/providers/:name', 'PUT /api/models/:name']);

/**
 * The audit action of an admin API call, or null when it is not recorded (reads, and the calls
 * AUDIT_ACTIONS maps to null). `route` is `METHOD url` as declared.
 */
export function auditAction(method: string, url: string): string | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const route = `${method} ${url}`;
  const action = AUDIT_ACTIONS[route];
  return action === undefined ? route : action;
}
