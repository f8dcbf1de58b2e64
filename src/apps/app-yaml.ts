import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { badRequest } from '../core/errors.js';
import { appSlugSchema, appSpecSchema, type AppSpec, type AppSpecInput } from './app-types.js';

/** Characters of an exported app's YAML accepted by an import. */
export const APP_YAML_MAX = 2_000_000;

/** An exported app: what `baimo apps export` writes and `baimo apps import` (and the admin API) reads. */
export const appExportSchema = z.object({
  slug: appSlugSchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).default(''),
  spec: appSpecSchema,
});
export type AppExport = z.output<typeof appExportSchema>;

/** The app as YAML: `slug`, `name`, `description`, then the spec (multi-line prompts as block scalars). */
export function appToYaml(app: { slug: string; name: string; description: string }, spec: AppSpec | AppSpecInput): string {
  return stringify({ slug: app.slug, name: app.name, description: app.description, spec }, { lineWidth: 0 });
}

/** Parses exported YAML; a 400 (`param: yaml`) says what is wrong with it. */
export function appFromYaml(text: string): AppExport {
  if (text.length > APP_YAML_MAX) throw badRequest(`The YAML is longer than ${APP_YAML_MAX} characters.`, 'yaml', 'invalid_value');
  let raw: unknown;
  try {
    // Aliases bounded (the default 100): a "billion laughs" document fails instead of expanding.
    raw = parse(text, { maxAliasCount: 100, prettyErrors: false });
  } catch (err) {
    throw badRequest(`The YAML does not parse: ${(err as Error).message.slice(0, 300)} / YAML 无法解析`, 'yaml', 'invalid_value');
  }
  const r = appExportSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const where = issue.path.map(String).join('.') || 'yaml';
    throw badRequest(`Invalid app YAML at ${where}: ${issue.message} / 应用 YAML 无效（${where}）`, 'yaml', 'invalid_value');
  }
  return r.data;
}
