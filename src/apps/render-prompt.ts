import type { AppInputs, AppSpec } from './app-types.js';
import type { PromptLanguage } from './prompt-language.js';
import { compileTemplate, type CompiledTemplate, type TemplateValues } from './template-compile.js';

/**
 * The names a run's phases add to the app's variables (the runner passes them as `extra`):
 * - `run`: the app's own prompts; `invalid_answer` and `errors` are set on the repair call of a JSON app
 *   (the previous answer and what was wrong with it), so a template may say more about repairs;
 * - `map`: one chunk of a long main text: `chunk` (its text), `index` (1-based) and `count` (chunks);
 * - `reduce`: `results` (the map answers, joined by {@link formatResults}) and `count` (how many).
 */
export const PHASE_EXTRAS = {
  run: ['invalid_answer', 'errors'],
  map: ['chunk', 'index', 'count', 'invalid_answer', 'errors'],
  reduce: ['results', 'count', 'invalid_answer', 'errors'],
} as const;
export type PromptPhase = keyof typeof PHASE_EXTRAS;

/** Values the runner adds for a phase (see {@link PHASE_EXTRAS}). */
export type PhaseExtra = Readonly<Record<string, string | number>>;

/** A rendered prompt: the system message (may be empty: send none) and the user message. */
export interface RenderedPrompt {
  system: string;
  user: string;
}

type PromptSource = { system: string; user: string };

/**
 * Compiled templates per spec object (specs are immutable once loaded: the service's version cache and
 * the built-ins hand out the same object every run), keyed by phase, source, language and part.
 */
const cache = new WeakMap<AppSpec, Map<string, CompiledTemplate>>();
/**
 * Behind it, compiled templates by their text and names, so a copy of a spec made for one run (or the
 * same version loaded again) does not compile again. Bounded: the oldest entry goes first.
 */
const byText = new Map<string, CompiledTemplate>();
const BY_TEXT_MAX = 512;

function compiled(spec: AppSpec, key: string, source: string, phase: PromptPhase): CompiledTemplate {
  let byKey = cache.get(spec);
  if (!byKey) cache.set(spec, (byKey = new Map()));
  let t = byKey.get(key);
  if (!t) {
    const names = spec.variables.map((v) => v.name);
    const allowed = [...names, ...PHASE_EXTRAS[phase].filter((n) => !names.includes(n))];
    const textKey = `${allowed.join(',')}\0${source}`;
    t = byText.get(textKey);
    if (!t) {
      t = compileTemplate(source, allowed);
      if (byText.size >= BY_TEXT_MAX) byText.delete(byText.keys().next().value!);
      byText.set(textKey, t);
    }
    byKey.set(key, t);
  }
  return t;
}

function render(spec: AppSpec, key: string, prompt: PromptSource, phase: PromptPhase, values: TemplateValues): RenderedPrompt {
  return {
    system: compiled(spec, `${key}:system`, prompt.system, phase).render(values).trim(),
    user: compiled(spec, `${key}:user`, prompt.user, phase).render(values).trim(),
  };
}

/** The prompt of `language`, or of the other language when the app has none in it. */
function pick(
  prompts: { zh?: PromptSource; en?: PromptSource } | undefined,
  language: PromptLanguage,
): [PromptSource, PromptLanguage] | undefined {
  const other: PromptLanguage = language === 'zh' ? 'en' : 'zh';
  if (prompts?.[language]) return [prompts[language], language];
  if (prompts?.[other]) return [prompts[other], other];
  return undefined;
}

/**
 * An app's prompt for a run, rendered with the validated `inputs` (and, on a repair call, `extra`'s
 * `invalid_answer` and `errors`), in `language` or the app's other language when it has no prompt in
 * it. Throws TemplateError when the spec's template does not compile (specs are checked when saved).
 */
export function renderPrompt(spec: AppSpec, inputs: AppInputs, language: PromptLanguage, extra?: PhaseExtra): RenderedPrompt {
  const [prompt, lang] = pick(spec.prompts, language)!;
  return render(spec, `run:${lang}`, prompt, 'run', extra ? { ...inputs, ...extra } : inputs);
}

/**
 * A map or reduce prompt of a long-input run (`long_input.strategy: map-reduce`). The main variable
 * holds the chunk (map) or the joined results (reduce), so a template written for the whole text works
 * on a part of it; `extra` carries `chunk`, `index`, `count` (map) or `results`, `count` (reduce). An app
 * without a prompt for the phase uses its run prompt that way (a summary of each chunk, then a summary of
 * the summaries).
 */
export function renderPhase(
  spec: AppSpec,
  phase: 'map' | 'reduce',
  inputs: AppInputs,
  language: PromptLanguage,
  extra: PhaseExtra,
): RenderedPrompt {
  const own = pick(spec.long_input[phase], language);
  const [prompt, lang] = own ?? pick(spec.prompts, language)!;
  const main = phase === 'map' ? extra.chunk : extra.results;
  const values = { ...inputs, ...extra, [spec.main_variable]: main ?? '' };
  return render(spec, `${phase}:${own ? 'own' : 'run'}:${lang}`, prompt, phase, values);
}

/**
 * The map answers as the reduce prompt's `results`: numbered parts in order, so the reduce step knows
 * where each came from.
 */
export function formatResults(results: readonly string[], language: PromptLanguage): string {
  return results.map((r, i) => (language === 'zh' ? `【第 ${i + 1} 部分】\n${r.trim()}` : `[Part ${i + 1}]\n${r.trim()}`)).join('\n\n');
}

/**
 * The user message of a JSON app's repair call, sent after the app's prompt and the invalid answer (as
 * the assistant's message): what was wrong, and to answer again with JSON only.
 */
export function repairInstruction(language: PromptLanguage, errors: string): string {
  return language === 'zh'
    ? `你上面的回答不是符合要求的 JSON，校验发现以下问题：\n${errors}\n\n请修正这些问题，重新输出完整的 JSON。只输出 JSON 本身，不要使用代码块，也不要附加任何解释。`
    : `Your answer above is not valid JSON for the required schema. The validator found:\n${errors}\n\nFix these problems and output the complete JSON again. Output only the JSON itself: no code fence, no explanation.`;
}
