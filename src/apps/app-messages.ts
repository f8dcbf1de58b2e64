import type { ChatMessage, ChatRequest, ResponseFormat } from '../core/chat-types.js';
import { badRequest, forbidden } from '../core/errors.js';
import type { KeyPolicy } from '../core/key-policy.js';
import { gatewayError } from '../core/error-codes.js';
import { problemsMessage, validateInputs } from './app-inputs.js';
import type { AppRun } from './app-run-extension.js';
import type { AppInputs, AppSpec } from './app-types.js';
import { formatResults, renderPhase, renderPrompt, repairInstruction, type PromptLanguage, type RenderedPrompt } from './template.js';

/**
 * The pieces of an app call both the app stage and the runner need: checked inputs, the model, and the
 * messages of each phase of a run.
 */

/** The inputs checked against the app's variables; 400 `invalid_inputs` naming every bad one. */
export function checkedInputs(spec: AppSpec, raw: unknown): AppInputs {
  const { inputs, problems } = validateInputs(spec, raw);
  if (problems.length) throw gatewayError('invalid_inputs', problemsMessage(problems), { param: problems[0].variable });
  return inputs;
}

/**
 * The model a run calls: the run's override, else the app's, else `apps.default_model`. A key with a
 * model allow-list may override only with a model it may use (the app's own model is not checked: the
 * key was allowed `app:{slug}`).
 */
export function appModel(spec: AppSpec, override: string | undefined, defaultModel: string, key: KeyPolicy | null): string {
  if (override) {
    if (key?.models && !key.models.matches(override))
      throw forbidden(
        `This API key may not use model "${override.slice(0, 256)}" (the run's model override).`,
        'model_not_allowed',
        'model',
      );
    return override;
  }
  const model = spec.model || defaultModel;
  if (!model)
    throw badRequest(
      'The app names no model and apps.default_model is empty: set one, or pass `model`. / 应用未指定模型，且未配置 apps.default_model：请设置，或在调用时传入 model。',
      'model',
      'invalid_value',
    );
  return model;
}

/** The text of a message (string content, or its text parts). */
export function messageText(m: ChatMessage | undefined): string {
  const c = m?.content;
  if (typeof c === 'string') return c;
  if (!Array.isArray(c)) return '';
  let out = '';
  for (const p of c) if (p.type === 'text' && typeof p.text === 'string') out += (out ? '\n' : '') + p.text;
  return out;
}

/** The index of the last user message, or -1. */
export function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return i;
  return -1;
}

/** A chat completion's messages as an app's inputs: the last user message fills the main variable. */
export function chatInputs(spec: AppSpec, messages: readonly ChatMessage[]): Record<string, string> {
  const at = lastUserIndex(messages);
  return at < 0 ? {} : { [spec.main_variable]: messageText(messages[at]) };
}

/** The prompt of one phase of a run (a repair repeats the prompt it repairs, run or reduce). */
export function phasePrompt(spec: AppSpec, run: AppRun | undefined, inputs: AppInputs, lang: PromptLanguage): RenderedPrompt {
  const phase = run?.phase ?? 'run';
  if (phase === 'map')
    return renderPhase(spec, 'map', inputs, lang, { chunk: run?.chunk ?? '', index: run?.index ?? 1, count: run?.count ?? 1 });
  const repair = phase === 'repair' ? { invalid_answer: run?.invalid_answer ?? '', errors: run?.errors ?? '' } : undefined;
  if (phase === 'reduce' || (phase === 'repair' && run?.results)) {
    const results = run?.results ?? [];
    return renderPhase(spec, 'reduce', inputs, lang, { results: formatResults(results, lang), count: results.length, ...repair });
  }
  return renderPrompt(spec, inputs, lang, repair);
}

/**
 * The messages of a call: the app's system message, the conversation before the last user message (a
 * chat completion's history; none for a run), the app's user message; a repair adds the invalid answer
 * and what was wrong with it.
 */
export function appMessages(
  p: RenderedPrompt,
  history: readonly ChatMessage[],
  run: AppRun | undefined,
  lang: PromptLanguage,
): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (p.system) out.push({ role: 'system', content: p.system });
  for (const m of history) out.push(m);
  out.push({ role: 'user', content: p.user });
  if (run?.phase === 'repair') {
    out.push({ role: 'assistant', content: run.invalid_answer ?? '' });
    out.push({ role: 'user', content: repairInstruction(lang, run.errors ?? '') });
  }
  return out;
}

/** `response_format` of a JSON app: its schema when it has one, else any JSON object. */
export function jsonFormat(spec: AppSpec, slug: string): ResponseFormat | undefined {
  if (spec.output.format !== 'json') return undefined;
  if (!spec.output.schema) return { type: 'json_object' };
  const name = slug.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'answer';
  return { type: 'json_schema', json_schema: { name, schema: spec.output.schema, strict: false } };
}

/** The app's parameters on the request, where the request does not set them itself. */
export function withParameters(req: ChatRequest, spec: AppSpec): void {
  const p = spec.parameters;
  const r = req as Record<string, unknown>;
  for (const k of ['temperature', 'top_p', 'max_tokens', 'presence_penalty', 'frequency_penalty'] as const)
    if (p[k] !== undefined && (r[k] === undefined || r[k] === null)) r[k] = p[k];
}
