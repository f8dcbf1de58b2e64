import type { ChatRequest } from '../core/chat-types.js';
import { badRequest } from '../core/errors.js';
import type { StageFacts } from '../core/stage.js';
import type { GatewayEntry, GatewayStage, StageCall } from '../gateway/pipeline.js';
import { APP_MODEL_PREFIX } from '../gateway/route-table.js';
import { DEFAULT_WORKSPACE_ID } from '../store/tenancy-repository.js';
import { knowledgeBases } from './app-inputs.js';
import {
  appMessages,
  appModel,
  chatInputs,
  checkedInputs,
  jsonFormat,
  lastUserIndex,
  phasePrompt,
  withParameters,
} from './app-messages.js';
import { appRunOf, RESOLVED_APP, resolvedAppOf, type AppRun, type RunnerRequest } from './app-run-extension.js';
import type { AppInputs, ResolvedApp } from './app-types.js';
import { promptLanguage } from './template.js';

/** The response header naming the app and version that answered: `slug@version`. */
export const APP_HEADER = 'x-baimo-app';

/** What the app stage needs of the app service and the config. */
export interface AppStageDeps {
  /** The app and version of a run (AppService.resolve). */
  resolve(workspaceId: string, slug: string, opts?: { version?: number }): Promise<ResolvedApp>;
  /** `apps.default_model` (read per call: the config may be reloaded). */
  defaultModel(): string;
}

/**
 * Scenario apps as a request stage, registered first. A chat request for `app:{slug}` is an app call:
 * the app (and the version its traffic split picks, or the one the runner pinned) is resolved in the
 * caller's workspace, its inputs checked (400 `invalid_inputs`), its prompt rendered into the messages,
 * and the request sent on to the app's model (the gateway routes it from here on) with the app's
 * parameters, JSON `response_format` and knowledge bases. The runner's calls carry an `app_run`
 * extension (inputs, the phase of a map-reduce or a repair); a plain chat completion has none, and its
 * last user message fills the main variable, the messages before it kept as history. Every call is
 * logged with the app's slug and version and answered with `x-baimo-app: slug@version`.
 */
export function appStage(deps: AppStageDeps): GatewayStage {
  return {
    name: 'app',
    open(call) {
      if (!call.route.app) return undefined;
      if (call.endpoint !== 'chat')
        throw badRequest('Scenario apps answer chat completions only. / 场景应用只支持对话补全接口。', 'model', 'invalid_value');
      const req = call.request as ChatRequest;
      const resolved = resolvedAppOf(req);
      if (resolved) return entry(deps, call, req, resolved, (req as RunnerRequest).app_run, true);
      const run = appRunOf(req);
      const slug = call.model.slice(APP_MODEL_PREFIX.length);
      const workspace = call.ctx.workspaceId ?? DEFAULT_WORKSPACE_ID;
      return deps.resolve(workspace, slug, { version: run?.version }).then((r) => entry(deps, call, req, r, run, false));
    },
  };
}

/** The call rendered for its app: the request to send and what the answer and its log row carry. */
function entry(
  deps: AppStageDeps,
  call: StageCall,
  req: ChatRequest,
  app: ResolvedApp,
  run: AppRun | undefined,
  trusted: boolean,
): GatewayEntry {
  const spec = app.spec;
  // The runner checked the inputs of its calls already; anything else is checked here.
  let inputs: AppInputs;
  let historyEnd = 0;
  if (run?.inputs !== undefined) inputs = trusted ? (run.inputs as AppInputs) : checkedInputs(spec, run.inputs);
  else {
    historyEnd = Math.max(0, lastUserIndex(req.messages));
    inputs = checkedInputs(spec, chatInputs(spec, req.messages));
  }
  const lang = promptLanguage(spec, inputs, run?.language);
  const model = appModel(spec, run?.model, deps.defaultModel(), call.ctx.key);
  const prompt = phasePrompt(spec, run, inputs, lang);
  const { app_run: _run, [RESOLVED_APP]: _app, ...rest } = req as RunnerRequest;
  const out: ChatRequest = { ...rest, model, messages: appMessages(prompt, req.messages.slice(0, historyEnd), run, lang) };
  withParameters(out, spec);
  const format = jsonFormat(spec, app.slug);
  if (format) out.response_format = format;
  const phase = run?.phase ?? 'run';
  if (phase === 'run' || phase === 'repair') {
    const bases = knowledgeBases(spec, inputs);
    if (bases.length) out.knowledge = bases;
  }
  const facts: StageFacts = { app: { slug: app.slug, version: app.version } };
  return {
    request: out,
    headers: { [APP_HEADER]: `${app.slug}@${app.version}` },
    fields: { app: JSON.stringify(facts.app) },
    facts: () => facts,
  };
}
