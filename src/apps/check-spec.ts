import { checkValue } from './app-inputs.js';
import { APP_LIMITS, type AppSpec } from './app-types.js';
import { schemaProblem } from './json-output.js';
import { PHASE_EXTRAS, type PromptPhase } from './render-prompt.js';
import { compileTemplate, TemplateError } from './template-compile.js';

/** Names a variable may not take: they would touch the prototype of the inputs object. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What is wrong with a parsed spec beyond its schema, each as `where: English / 中文` (empty: it is
 * fine): templates that do not compile against the variables (and their phase's extras), duplicate or
 * reserved variable names, options on a non-enum or an enum without them, min above max, defaults their
 * variable would refuse, a main variable that is not declared, a variable shadowing a map-reduce extra,
 * a JSON schema on a non-JSON app or one too large. Run it before saving a version, so runs never meet a
 * broken template.
 */
export function checkAppSpec(spec: AppSpec): string[] {
  const out: string[] = [];
  const names = spec.variables.map((v) => v.name);
  const seen = new Set<string>();
  for (const [i, v] of spec.variables.entries()) {
    const at = `variables[${i}] (${v.name})`;
    if (seen.has(v.name)) out.push(`${at}: declared twice / 变量重复声明`);
    seen.add(v.name);
    if (RESERVED.has(v.name)) out.push(`${at}: a reserved name; choose another / 该名称为保留字，请换一个`);
    if (v.type === 'enum' && !v.options) out.push(`${at}: an enum needs options / enum 类型需要 options`);
    if (v.type !== 'enum' && v.options) out.push(`${at}: options are for enum variables only / 只有 enum 类型可以设置 options`);
    if (v.min !== undefined && v.max !== undefined && v.min > v.max) out.push(`${at}: min is above max / min 大于 max`);
    if (v.default !== undefined) {
      const c = checkValue(v, v.default);
      if (!('value' in c)) out.push(`${at}: the default is not valid: ${c.en} / 默认值无效：${c.zh}`);
    }
  }
  if (names.length > 0 && !names.includes(spec.main_variable))
    out.push(`main_variable: "${spec.main_variable}" is not a declared variable / main_variable“${spec.main_variable}”不是已声明的变量`);
  const phases: ('map' | 'reduce')[] = spec.long_input.strategy === 'map-reduce' ? ['map', 'reduce'] : [];
  for (const phase of phases)
    for (const extra of PHASE_EXTRAS[phase])
      if (names.includes(extra) && extra !== 'invalid_answer' && extra !== 'errors')
        out.push(
          `variables (${extra}): the ${phase} step of map-reduce sets "${extra}"; rename the variable / map-reduce 的 ${phase} 步骤会设置“${extra}”，请给变量改名`,
        );

  const compile = (where: string, source: string, phase: PromptPhase) => {
    try {
      compileTemplate(source, [...names, ...PHASE_EXTRAS[phase]]);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      out.push(`${where}: ${err.message}`);
    }
  };
  const prompts = (where: string, p: AppSpec['prompts'] | undefined, phase: PromptPhase) => {
    for (const lang of ['zh', 'en'] as const) {
      const prompt = p?.[lang];
      if (!prompt) continue;
      compile(`${where}.${lang}.system`, prompt.system, phase);
      compile(`${where}.${lang}.user`, prompt.user, phase);
    }
  };
  prompts('prompts', spec.prompts, 'run');
  prompts('long_input.map', spec.long_input.map, 'map');
  prompts('long_input.reduce', spec.long_input.reduce, 'reduce');
  // Without prompts of its own a map-reduce step runs the app's prompts (render-prompt.ts).
  for (const phase of phases) if (!spec.long_input[phase]) prompts('prompts', spec.prompts, phase);

  if (spec.output.schema) {
    if (spec.output.format !== 'json')
      out.push('output.schema: a JSON Schema is for format "json" only / 只有 json 格式的输出才能设置 JSON Schema');
    if (JSON.stringify(spec.output.schema).length > APP_LIMITS.jsonSchema)
      out.push(`output.schema: larger than ${APP_LIMITS.jsonSchema} characters / 超过 ${APP_LIMITS.jsonSchema} 个字符`);
    else {
      // A schema the validator cannot compile is refused on save, not met by a run.
      const problem = schemaProblem(spec.output.schema);
      if (problem) out.push(`output.schema: not a usable JSON Schema (${problem}) / 不是可用的 JSON Schema`);
    }
  }
  return [...new Set(out)];
}
