/**
 * Scenario-app prompt templates: compile and render (`{{name}}`, `{{#if}}…{{else}}…{{/if}}`,
 * `{{!comment}}`; see template-compile.ts), an app's prompts rendered per run and phase, and the language
 * a run's prompts are in. The one module the rest of baimo imports for them.
 */
export { compileTemplate, detectVariables, MAX_DEPTH, TemplateError } from './template-compile.js';
export type { CompiledTemplate, TemplateValues } from './template-compile.js';
export { formatResults, PHASE_EXTRAS, renderPhase, renderPrompt, repairInstruction } from './render-prompt.js';
export type { PhaseExtra, PromptPhase, RenderedPrompt } from './render-prompt.js';
export { looksChinese, promptLanguage } from './prompt-language.js';
export type { PromptLanguage } from './prompt-language.js';
