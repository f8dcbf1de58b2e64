import { z } from 'zod';
import { appSpecSchema, BUILTIN_SLUGS, VERSION_STATUSES, type AppVersion } from '../../apps/app-types.js';
import type { LibraryApp } from '../../apps/app-service.js';
import { iso } from './views.js';

const inputsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** A built-in of the library: its spec and sample inputs per language. */
export const libraryAppViewSchema = z.object({
  object: z.literal('library_app'),
  slug: z.enum(BUILTIN_SLUGS),
  name: z.string(),
  description: z.string(),
  spec: appSpecSchema,
  samples: z.object({ zh: inputsSchema, en: inputsSchema }),
});

export const libraryAppView = (a: LibraryApp) => ({
  object: 'library_app' as const,
  slug: a.slug,
  name: a.spec.name,
  description: a.spec.description,
  spec: a.spec,
  samples: a.samples,
});

/** A version of a scenario app. */
export const appVersionViewSchema = z.object({
  /** `{app_id}@{version}` (what the audit log names as the target). */
  id: z.string(),
  object: z.literal('app_version'),
  app_id: z.string(),
  version: z.number(),
  status: z.enum(VERSION_STATUSES),
  spec: appSpecSchema,
  note: z.string(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  published_at: z.string().nullable(),
});

export const appVersionView = (appId: string, v: AppVersion) => ({
  id: `${appId}@${v.version}`,
  object: 'app_version' as const,
  app_id: appId,
  version: v.version,
  status: v.status,
  spec: v.spec,
  note: v.note,
  created_by: v.createdBy,
  created_at: iso(v.createdAt)!,
  published_at: iso(v.publishedAt),
});

/** Page views and sessions per day (the configured time zone), and logged calls per version. */
export const appStatsSchema = z.object({
  object: z.literal('app_stats'),
  app_id: z.string(),
  days: z.array(z.object({ day: z.string(), views: z.number(), sessions: z.number() })),
  runs: z.array(z.object({ version: z.number().nullable(), runs: z.number() })),
});
