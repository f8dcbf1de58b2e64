import { z } from 'zod';
import type { AppRow, WorkspaceRow } from '../../store/tenancy-repository.js';
import type { UserRow } from '../../store/user-repository.js';
import { LIMITS } from '../../core/limits.js';
import { parseTraffic } from '../../apps/traffic.js';
import { hasSegments, segmentsOfJson } from '../../analytics/segments.js';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export const roleSchema = z.enum(['owner', 'admin', 'member', 'viewer']);

export const workspaceViewSchema = z.object({
  id: z.string(),
  object: z.literal('workspace'),
  name: z.string(),
  role: roleSchema.nullable(),
  created_at: z.string(),
});
export const appViewSchema = z.object({
  id: z.string(),
  object: z.literal('app'),
  workspace_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  cache: z.boolean(),
  cache_ttl_s: z.number().nullable(),
  created_at: z.string(),
  /** Scenario apps (issue 18): the slug (null for a plain app), the built-in it was cloned from, the traffic split, the newest version. */
  slug: z.string().nullable(),
  source: z.string().nullable(),
  traffic: z.array(z.object({ version: z.number(), weight: z.number() })).nullable(),
  latest_version: z.number().nullable(),
  updated_at: z.string().nullable(),
  /** Segment attributes (industry, region, user_group) analytics groups the app's traffic by; null when none. */
  metadata: z.record(z.string(), z.string()).nullable(),
});
export const userViewSchema = z.object({
  id: z.string(),
  object: z.literal('user'),
  email: z.string(),
  name: z.string(),
  is_admin: z.boolean(),
  disabled: z.boolean(),
  created_at: z.string(),
});
export const memberViewSchema = z.object({
  user_id: z.string(),
  workspace_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  created_at: z.string(),
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ object: z.literal('list'), data: z.array(item) });
export const deletedSchema = z.object({ id: z.string(), deleted: z.literal(true) });

export const workspaceView = (w: WorkspaceRow, role: z.infer<typeof roleSchema> | null) => ({
  id: w.id,
  object: 'workspace' as const,
  name: w.name,
  role,
  created_at: iso(w.created_at)!,
});

/** An app as the admin API shows it; `latest_version` comes with rows read through AppRepository. */
export const appView = (a: AppRow & { latest_version?: number | null }) => ({
  id: a.id,
  object: 'app' as const,
  workspace_id: a.workspace_id,
  name: a.name,
  description: a.description,
  cache: a.cache === 1,
  cache_ttl_s: a.cache_ttl_s,
  created_at: iso(a.created_at)!,
  slug: a.slug,
  source: a.source,
  traffic: parseTraffic(a.traffic),
  latest_version: a.latest_version ?? null,
  updated_at: iso(a.updated_at),
  metadata: appMetadata(a.metadata),
});

/** An app's stored segment attributes (null when none or unreadable). */
function appMetadata(text: string | null | undefined): Record<string, string> | null {
  const segments = segmentsOfJson(text);
  return hasSegments(segments) ? { ...segments } : null;
}

export const userView = (u: UserRow) => ({
  id: u.id,
  object: 'user' as const,
  email: u.email,
  name: u.name,
  is_admin: u.is_admin === 1,
  disabled: u.disabled === 1,
  created_at: iso(u.created_at)!,
});

export const idParam = (name: string) => z.object({ [name]: z.string().min(1).max(LIMITS.id) });
