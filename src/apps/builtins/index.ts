import { appSpecSchema, BUILTIN_SLUGS, type AppInputs, type AppSpec, type BuiltinSlug } from '../app-types.js';
import { checkAppSpec } from '../check-spec.js';
import type { BuiltinAppSource } from './builtin-app.js';
import { codeAssistant } from './code-assistant.js';
import { continueWriting } from './continue-writing.js';
import { essay } from './essay.js';
import { interviewQuestions } from './interview-questions.js';
import { kbQa } from './kb-qa.js';
import { meetingMinutes } from './meeting-minutes.js';
import { promoCopy } from './promo-copy.js';
import { summarize } from './summarize.js';
import { translate } from './translate.js';

/** A built-in app: its parsed spec (frozen: shared by every run) and sample inputs per language. */
export interface BuiltinApp {
  spec: AppSpec;
  samples: { zh: AppInputs; en: AppInputs };
}

const SOURCES: Record<BuiltinSlug, BuiltinAppSource> = {
  summarize,
  'continue-writing': continueWriting,
  translate,
  essay,
  'interview-questions': interviewQuestions,
  'promo-copy': promoCopy,
  'meeting-minutes': meetingMinutes,
  'code-assistant': codeAssistant,
  'kb-qa': kbQa,
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Parses and checks a built-in at load: a broken one is a bug in baimo, so it throws. */
function load(slug: BuiltinSlug, source: BuiltinAppSource): BuiltinApp {
  const spec = appSpecSchema.parse(source.spec);
  const problems = checkAppSpec(spec);
  if (problems.length) throw new Error(`built-in app ${slug}: ${problems.join('; ')}`);
  return deepFreeze({ spec, samples: { zh: { ...source.samples.zh }, en: { ...source.samples.en } } });
}

/**
 * The built-in library (issue 18): runnable by slug in every workspace without a database row,
 * read-only (a workspace clones one into an app of its own to edit it). Each app lives in its own file.
 * Specs are frozen and shared: a run that needs a changed spec (e.g. per-run knowledge bases) copies it.
 */
export const BUILTIN_APPS: Readonly<Record<BuiltinSlug, BuiltinApp>> = Object.freeze(
  Object.fromEntries(BUILTIN_SLUGS.map((slug) => [slug, load(slug, SOURCES[slug])])) as Record<BuiltinSlug, BuiltinApp>,
);

/** Whether `slug` names a built-in app (custom apps may not take these slugs). */
export function isBuiltinSlug(slug: string): slug is BuiltinSlug {
  return (BUILTIN_SLUGS as readonly string[]).includes(slug);
}
