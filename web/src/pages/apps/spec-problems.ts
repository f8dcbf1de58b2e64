/**
 * What the studio checks before it saves a draft (the server checks again, with the same rules):
 * a name, a user prompt per language, variable names valid and unique, enum options, number bounds,
 * templates within size, no undeclared variable.
 */
import type { AppSpec, AppVariable, Prompts } from '../../api/apps.ts';
import type { TFunction } from '../../i18n/index.ts';
import { detectAll, LONG_INPUT_VARIABLES, RUN_VARIABLES } from './detect-variables.ts';
import { LIMITS, VARIABLE_NAME } from './format.ts';

/** Variables the runner reads itself (the prompt language; kb-qa's knowledge bases), used or not by a template. */
export const RUNNER_VARIABLES = new Set(['language', 'bases']);

const promptTexts = (p: Prompts | undefined): string[] => Object.values(p ?? {}).flatMap((x) => (x ? [x.system ?? '', x.user] : []));

/** Which declared variables the templates use, which they use without declaring, which they never use. */
export function variableUse(spec: AppSpec): { used: Set<string>; undeclared: string[]; unused: string[] } {
  const main = detectAll(promptTexts(spec.prompts)).filter((v) => !(RUN_VARIABLES as readonly string[]).includes(v));
  const long = detectAll([...promptTexts(spec.long_input?.map), ...promptTexts(spec.long_input?.reduce)]).filter(
    (v) => !(LONG_INPUT_VARIABLES as readonly string[]).includes(v),
  );
  const used = new Set([...main, ...long]);
  const declared = new Set((spec.variables ?? []).map((v) => v.name));
  return {
    used,
    undeclared: [...used].filter((v) => !declared.has(v)),
    unused: [...declared].filter((v) => !used.has(v) && !RUNNER_VARIABLES.has(v)),
  };
}

function variableProblems(v: AppVariable, i: number, names: string[], t: TFunction): string[] {
  const out: string[] = [];
  const at = v.name || `#${i + 1}`;
  if (!VARIABLE_NAME.test(v.name)) out.push(t('apps.problem.varName', { name: at }));
  else if (names.indexOf(v.name) !== i) out.push(t('apps.problem.varDuplicate', { name: at }));
  if (v.type === 'enum' && !v.options?.length) out.push(t('apps.problem.enumOptions', { name: at }));
  if (v.type === 'enum' && (v.options?.length ?? 0) > LIMITS.enumOptions) out.push(t('apps.problem.enumOptions', { name: at }));
  if (v.type === 'number' && v.min !== undefined && v.max !== undefined && v.min > v.max) out.push(t('apps.problem.minMax', { name: at }));
  if (v.default !== undefined && v.type === 'enum' && !v.options?.includes(String(v.default)))
    out.push(t('apps.problem.enumDefault', { name: at }));
  return out;
}

/** Problems that keep a draft from being saved, in the UI language; empty when it may be saved. */
export function specProblems(spec: AppSpec, t: TFunction, schemaError: string | null): string[] {
  const out: string[] = [];
  if (!spec.name.trim()) out.push(t('apps.problem.name'));
  const langs = Object.entries(spec.prompts).filter(([, p]) => p);
  if (!langs.length) out.push(t('apps.problem.noPrompt'));
  for (const [lang, p] of langs) if (!p!.user.trim()) out.push(t('apps.problem.userPrompt', { lang }));
  const texts = [...promptTexts(spec.prompts), ...promptTexts(spec.long_input?.map), ...promptTexts(spec.long_input?.reduce)];
  if (texts.some((x) => x.length > LIMITS.template)) out.push(t('apps.problem.templateTooLong', { n: LIMITS.template }));
  const vars = spec.variables ?? [];
  if (vars.length > LIMITS.variables) out.push(t('apps.problem.tooManyVars', { n: LIMITS.variables }));
  const names = vars.map((v) => v.name);
  vars.forEach((v, i) => out.push(...variableProblems(v, i, names, t)));
  const { undeclared } = variableUse(spec);
  if (undeclared.length) out.push(t('apps.problem.undeclared', { names: undeclared.join(', ') }));
  if (schemaError) out.push(t('apps.problem.schema', { message: schemaError }));
  return out;
}
