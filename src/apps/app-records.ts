import { badRequest, notFound } from '../core/errors.js';
import { gatewayError } from '../core/error-codes.js';
import type { AppVersionRow, AppWithLatest } from '../store/app-repository.js';
import { appSpecSchema, BUILTIN_SLUGS, type AppSpec, type AppVersion, type BuiltinSlug, type ScenarioApp } from './app-types.js';
import { checkAppSpec } from './check-spec.js';
import { parseTraffic } from './traffic.js';
import { segmentsOfJson } from '../analytics/segments.js';

// What AppService makes of its rows and inputs: entities, checked specs, and its errors.

export const appNotFound = (what = 'No scenario app with that id.') => notFound(what, 'scenario_app_not_found');

export const notDraft = (version: number) =>
  gatewayError(
    'version_not_draft',
    `Version ${version} is not a draft: make a new draft to change it. / 版本 ${version} 不是草稿，请新建草稿再修改。`,
    {
      param: 'version',
    },
  );

export const noVersion = (slug: string, version: number) =>
  notFound(
    `App "${slug.slice(0, 64)}" has no version ${version} you may run. / 应用没有可运行的版本 ${version}。`,
    'scenario_app_not_found',
    'version',
  );

/** A spec from a caller: schema-checked, then its templates and variables (400 naming the first problems). */
export function checkedSpec(raw: unknown): AppSpec {
  const r = appSpecSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = ['spec', ...issue.path.map(String)].join('.');
    throw badRequest(`Invalid ${where}: ${issue.message}`, where, 'invalid_value');
  }
  const problems = checkAppSpec(r.data);
  if (problems.length)
    throw badRequest(
      `Invalid spec: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      'spec',
      'invalid_value',
    );
  return r.data;
}

/** A stored spec (written by this service, so valid; parsed again to fill defaults added since). */
export function parseSpec(text: string): AppSpec {
  return appSpecSchema.parse(JSON.parse(text));
}

export function toScenarioApp(row: AppWithLatest): ScenarioApp {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    slug: row.slug ?? '',
    name: row.name,
    description: row.description ?? '',
    source: row.source && (BUILTIN_SLUGS as readonly string[]).includes(row.source) ? (row.source as BuiltinSlug) : null,
    traffic: parseTraffic(row.traffic),
    latestVersion: row.latest_version ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
    segments: segmentsOfJson(row.metadata),
  };
}

export function toVersion(row: AppVersionRow): AppVersion {
  return {
    version: row.version,
    status: row.status,
    spec: parseSpec(row.spec),
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    publishedAt: row.published_at,
  };
}
