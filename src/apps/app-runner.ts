import type { ValidateFunction } from 'ajv';
import { findModelInfo } from '../catalog/catalog.js';
import type { AppsConfig } from '../config/schema.js';
import type { ChatRequest, ChatResult, StreamPart, Usage } from '../core/chat-types.js';
import { gatewayError } from '../core/error-codes.js';
import { badRequest, GatewayError, toGatewayError } from '../core/errors.js';
import type { ChatOutcome, StreamOutcome } from '../gateway/gateway-outcomes.js';
import type { RequestContext } from '../gateway/request-context.js';
import { APP_MODEL_PREFIX } from '../gateway/route-table.js';
import type { Route } from '../gateway/target.js';
import { appModel, chatInputs, checkedInputs, lastUserIndex, messageText, phasePrompt } from './app-messages.js';
import { RESOLVED_APP, type AppRun, type RunnerRequest } from './app-run-extension.js';
import { APP_HEADER } from './app-stage.js';
import { APP_LIMITS, type AppInputs, type ResolvedApp } from './app-types.js';
import { chunkTokens, cutTo, groupResults, HEADING_TOKENS, outputReserve, splitChunks, textTokens } from './chunk-text.js';
import { checkOutput, outputValidator } from './json-output.js';
import { promptLanguage, type PromptLanguage } from './template.js';
import { UsageSum } from './usage-sum.js';

/** Progress of a multi-call run: map calls done of all, then the reduce calls. */
export interface RunProgress {
  phase: 'map' | 'reduce';
  done: number;
  total: number;
}

/** A part of a streamed run: the answer's parts, and progress while the chunks are worked through. */
export type RunPart = StreamPart | { type: 'progress'; progress: RunProgress };

/** A whole run's answer (usage summed over every call the run made). */
export type RunOutcome = Omit<ChatOutcome, 'cost'>;

/** A streamed run's answer. */
export interface RunStream {
  parts: AsyncGenerator<RunPart>;
  headers?: Readonly<Record<string, string>>;
  fields?: Readonly<Record<string, string>>;
}

/** What a run of `/v1/apps/{slug}/run` (or the CLI) asks for. */
export interface RunParams {
  inputs?: unknown;
  language?: PromptLanguage;
  /** Overrides the app's model for this run. */
  model?: string;
}

/** What the runner needs: the gateway's two calls, route lookup (context windows) and the apps config. */
export interface RunnerDeps {
  chat(req: ChatRequest, ctx: RequestContext): Promise<ChatOutcome>;
  stream(req: ChatRequest, ctx: RequestContext): Promise<StreamOutcome>;
  lookup(model: string): Route | undefined;
  config(): AppsConfig;
}

/** How one run goes: the checked inputs, the model, and the chunks when the main text does not fit. */
interface Plan {
  app: ResolvedApp;
  inputs: AppInputs;
  lang: PromptLanguage;
  override: string | undefined;
  validate: ValidateFunction | undefined;
  /** The main text cut for map-reduce; undefined when one call takes it whole. */
  chunks?: string[];
  /** The most tokens the reduce step's answers may take in one call. */
  budget: number;
}

/** One call of a run: its phase and what the phase takes (the runner adds the inputs, version, language and model). */
type Step = Pick<AppRun, 'phase' | 'chunk' | 'index' | 'count' | 'results' | 'invalid_answer' | 'errors'>;

/** Levels of reduce calls before the answers are cut to fit one call (each level at least halves them). */
const MAX_REDUCE_LEVELS = 10;

/**
 * Runs scenario apps that need more than one call, each through the gateway as an `app:{slug}` call
 * (the app stage renders it; every call is routed, checked, limited, cached and logged with the app's
 * slug and version):
 *
 * - JSON output: the answer is checked against the app's schema (Ajv); an invalid one gets exactly one
 *   repair call (the invalid answer and the errors sent back), and a repair that is still invalid
 *   answers 502 `app_output_invalid` listing the errors.
 * - Long inputs: a main text that does not fit the model's window (the catalog's, else the alias's
 *   `context_tokens`, else `apps.default_context_tokens`) is cut into token-sized chunks (chunk-text.ts)
 *   under `long_input.strategy: map-reduce`: map calls in order (`apps.map_concurrency` at once), then
 *   reduce calls over their answers (in groups, level by level, when they do not fit one call); progress
 *   is reported. `truncate` cuts the text to fit; `refuse` answers 400 `context_length_exceeded`.
 * - Streaming: a text answer streams from its last call; a JSON answer is run whole, checked, then
 *   streamed.
 *
 * A call that needs none of this goes straight through the gateway.
 */
export class AppRunner {
  constructor(private readonly deps: RunnerDeps) {}

  /** `/v1/apps/{slug}/run` without streaming. */
  async run(app: ResolvedApp, params: RunParams, ctx: RequestContext): Promise<RunOutcome> {
    const plan = this.plan(app, checkedInputs(app.spec, params.inputs), params, ctx);
    return this.whole(plan, ctx, () => undefined);
  }

  /** `/v1/apps/{slug}/run` streamed. Input problems throw before anything is sent. */
  async stream(app: ResolvedApp, params: RunParams, ctx: RequestContext): Promise<RunStream> {
    const plan = this.plan(app, checkedInputs(app.spec, params.inputs), params, ctx);
    return this.streamPlan(plan, ctx);
  }

  /**
   * `app:{slug}` in `/v1/chat/completions`: the last user message fills the main variable. Straight
   * through the gateway (the history kept) unless the app's output is JSON or the text needs
   * map-reduce; then as a run (the history is not part of it).
   */
  async chat(app: ResolvedApp, req: ChatRequest, ctx: RequestContext): Promise<RunOutcome | RunStream> {
    const inputs = checkedInputs(app.spec, chatInputs(app.spec, req.messages));
    const history = req.messages.slice(0, Math.max(0, lastUserIndex(req.messages)));
    const plan = this.plan(
      app,
      inputs,
      {},
      ctx,
      history.reduce((n, m) => n + textTokens(messageText(m)), 0),
    );
    if (plan.validate || plan.chunks) return req.stream ? this.streamPlan(plan, ctx) : this.whole(plan, ctx, () => undefined);
    const { app_run: _ignored, ...rest } = req;
    const call: RunnerRequest = { ...rest, app_run: { version: app.version }, [RESOLVED_APP]: app };
    return req.stream ? this.deps.stream(call, ctx) : this.deps.chat(call, ctx);
  }

  /** Checks what can be checked before any call: the model, the schema, whether the text fits. */
  private plan(app: ResolvedApp, inputs: AppInputs, params: RunParams, ctx: RequestContext, historyTokens = 0): Plan {
    const spec = app.spec;
    const lang = promptLanguage(spec, inputs, params.language);
    const model = appModel(spec, params.model, this.deps.config().default_model, ctx.key);
    const plan: Plan = { app, inputs, lang, override: params.model, validate: outputValidator(spec), budget: 0 };
    const main = inputs[spec.main_variable];
    if (typeof main !== 'string' || !main) return plan;
    const window = this.contextOf(model);
    const reserve = outputReserve(window, spec.parameters.max_tokens);
    const budget = (plan.budget = chunkTokens(window, reserve));
    const prompt = phasePrompt(spec, undefined, inputs, lang);
    if (textTokens(prompt.system) + textTokens(prompt.user) + historyTokens + reserve <= window) return plan;
    const strategy = spec.long_input.strategy;
    if (strategy === 'refuse')
      throw gatewayError(
        'context_length_exceeded',
        `The input does not fit the model's context window (${window} tokens). / 输入超出了模型的上下文窗口（${window} 个 token）。`,
        { param: spec.main_variable },
      );
    const chunks = splitChunks(main, budget, APP_LIMITS.mapCalls + 1);
    if (strategy === 'truncate') {
      plan.inputs = { ...inputs, [spec.main_variable]: chunks[0] };
      return plan;
    }
    if (chunks.length > APP_LIMITS.mapCalls)
      throw gatewayError(
        'context_length_exceeded',
        `The input needs more than ${APP_LIMITS.mapCalls} chunks of ${budget} tokens for this model. / 输入过长：按该模型需要超过 ${APP_LIMITS.mapCalls} 段。`,
        { param: spec.main_variable },
      );
    const mapPrompt = phasePrompt(spec, { phase: 'map', chunk: '', index: 1, count: chunks.length }, inputs, lang);
    if (textTokens(mapPrompt.system) + textTokens(mapPrompt.user) > window - reserve - budget)
      throw badRequest(
        `The app's prompt leaves no room for the input in this model's window (${window} tokens). / 应用的提示词过长，模型窗口内放不下输入。`,
        spec.main_variable,
        'context_length_exceeded',
      );
    plan.chunks = chunks;
    return plan;
  }

  /**
   * The smallest context window among the route's targets that the catalog knows, else the alias's
   * `context_tokens`, else `apps.default_context_tokens`.
   */
  contextOf(model: string): number {
    const route = this.deps.lookup(model);
    let window: number | undefined;
    for (const t of route?.targets ?? []) {
      const c = t.target.catalog ? findModelInfo(t.target.catalog, t.target.model)?.context : undefined;
      if (c && (window === undefined || c < window)) window = c;
    }
    return window ?? route?.contextTokens ?? this.deps.config().default_context_tokens;
  }

  /** One call of the run through the gateway. */
  private request(plan: Plan, step: Step, stream = false): RunnerRequest {
    return {
      model: `${APP_MODEL_PREFIX}${plan.app.slug}`,
      messages: [],
      stream,
      app_run: { ...step, inputs: plan.inputs, version: plan.app.version, language: plan.lang, model: plan.override },
      [RESOLVED_APP]: plan.app,
    };
  }

  /** The whole answer: the chunks' calls when there are chunks, the last call, its repair when needed. */
  private async whole(plan: Plan, ctx: RequestContext, progress: (p: RunProgress) => void): Promise<RunOutcome> {
    const used = new UsageSum();
    const last: Step = plan.chunks ? await this.mapReduce(plan, ctx, used, progress) : { phase: 'run' };
    const out = await this.deps.chat(this.request(plan, last), ctx);
    used.add(out.usage);
    let result = out.result;
    if (plan.validate) result = await this.checked(plan, last, out.result, ctx, used);
    return { result, usage: used.total, headers: out.headers, fields: out.fields };
  }

  /** A JSON answer checked against the schema, repaired once when it does not match. */
  private async checked(plan: Plan, last: Step, result: ChatResult, ctx: RequestContext, used: UsageSum): Promise<ChatResult> {
    const validate = plan.validate!;
    const first = checkOutput(validate, result.content ?? '');
    if (first.ok) return { ...result, content: first.json };
    const repair = await this.deps.chat(
      this.request(plan, {
        phase: 'repair',
        results: last.results,
        invalid_answer: (result.content ?? '').slice(0, 200_000),
        errors: first.errors.map((e) => `- ${e}`).join('\n'),
      }),
      sub(ctx, 'repair'),
    );
    used.add(repair.usage);
    const second = checkOutput(validate, repair.result.content ?? '');
    if (second.ok) return { ...repair.result, content: second.json };
    throw gatewayError(
      'app_output_invalid',
      `The app's answer does not match its JSON schema, even after a repair: ${second.errors.join('; ')}`.slice(0, 2000),
    );
  }

  /** The map calls, then the reduce levels that do not fit one call; what the last reduce call takes. */
  private async mapReduce(plan: Plan, ctx: RequestContext, used: UsageSum, progress: (p: RunProgress) => void): Promise<Step> {
    const chunks = plan.chunks!;
    const count = chunks.length;
    const results: string[] = new Array(count);
    let done = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const i = next++;
        const out = await this.deps.chat(
          this.request(plan, { phase: 'map', chunk: chunks[i], index: i + 1, count }),
          sub(ctx, `map${i + 1}`),
        );
        used.add(out.usage);
        results[i] = out.result.content ?? '';
        progress({ phase: 'map', done: ++done, total: count });
      }
    };
    const width = Math.max(1, Math.min(this.deps.config().map_concurrency, count));
    await Promise.all(Array.from({ length: width }, worker));
    let level = results;
    for (let depth = 1; ; depth++) {
      let groups = groupResults(level, plan.budget);
      // Answers so long that no two fit one call: each is cut to half the budget, so the next level halves.
      if (groups.length > 1 && (groups.length === level.length || depth > MAX_REDUCE_LEVELS))
        groups = groupResults(
          level.map((r) => cutTo(r, Math.max(1, Math.floor(plan.budget / 2) - HEADING_TOKENS))),
          depth > MAX_REDUCE_LEVELS ? Number.POSITIVE_INFINITY : plan.budget,
        );
      if (groups.length === 1) return { phase: 'reduce', results: groups[0] };
      const reduced: string[] = [];
      for (const [g, group] of groups.entries()) {
        const out = await this.deps.chat(this.request(plan, { phase: 'reduce', results: group }), sub(ctx, `reduce${depth}-${g + 1}`));
        used.add(out.usage);
        reduced.push(out.result.content ?? '');
        progress({ phase: 'reduce', done: g + 1, total: groups.length });
      }
      level = reduced;
    }
  }

  /** A streamed run: progress while chunks are worked through, then the last call's answer. */
  private async streamPlan(plan: Plan, ctx: RequestContext): Promise<RunStream> {
    if (!plan.chunks && !plan.validate) return this.deps.stream(this.request(plan, { phase: 'run' }, true), ctx);
    if (!plan.chunks) {
      const out = await this.whole(plan, ctx, () => undefined);
      return { parts: replay(out.result, out.usage), headers: out.headers, fields: out.fields };
    }
    const app = { slug: plan.app.slug, version: plan.app.version };
    return {
      parts: this.streamChunks(plan, ctx),
      headers: { [APP_HEADER]: `${app.slug}@${app.version}` },
      fields: { app: JSON.stringify(app) },
    };
  }

  private async *streamChunks(plan: Plan, ctx: RequestContext): AsyncGenerator<RunPart> {
    // Progress is reported as it happens: the calls run while this generator waits for the next report.
    const queue: RunProgress[] = [];
    let wake: (() => void) | undefined;
    const report = (p: RunProgress): void => {
      queue.push(p);
      wake?.();
    };
    const used = new UsageSum();
    let last: Step | undefined;
    let failed: GatewayError | undefined;
    let settled = false;
    const work = this.mapReduce(plan, ctx, used, report).then(
      (l) => void (last = l),
      (e) => void (failed = toGatewayError(e)),
    );
    void work.finally(() => {
      settled = true;
      wake?.();
    });
    while (!settled || queue.length) {
      if (queue.length) {
        yield { type: 'progress', progress: queue.shift()! };
        continue;
      }
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    if (failed) {
      failed.requestId = ctx.requestId;
      yield { type: 'error', error: failed };
      return;
    }
    yield { type: 'progress', progress: { phase: 'reduce', done: 0, total: 1 } };
    try {
      if (plan.validate) {
        const out = await this.deps.chat(this.request(plan, last!), ctx);
        used.add(out.usage);
        const result = await this.checked(plan, last!, out.result, ctx, used);
        yield* replay(result, used.total, out.fields);
        return;
      }
      const out = await this.deps.stream(this.request(plan, last!, true), ctx);
      for await (const part of out.parts) {
        if (part.type === 'finish') {
          const fields = out.fields || part.fields ? { ...out.fields, ...part.fields } : undefined;
          yield { ...part, usage: part.usage ? used.plus(part.usage) : used.total, fields };
        } else yield part;
      }
    } catch (e) {
      const err = toGatewayError(e);
      err.requestId = ctx.requestId;
      yield { type: 'error', error: err };
    }
  }
}

/** A whole answer as stream parts: its text, then its finish with the usage (and `fields` on the finish chunk). */
async function* replay(result: ChatResult, usage: Usage, fields?: Readonly<Record<string, string>>): AsyncGenerator<StreamPart> {
  if (result.content) yield { type: 'text-delta', text: result.content };
  yield { type: 'finish', reason: result.finishReason, usage, fields };
}

/** A context for one of a run's calls: its own request id (its own log row), the rest the run's. */
function sub(ctx: RequestContext, tag: string): RequestContext {
  return { ...ctx, requestId: `${ctx.requestId}-${tag}`, startedAt: Date.now() };
}
