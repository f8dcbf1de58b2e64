import { validateInputs } from '../apps/app-inputs.js';
import { AppRunner, type RunProgress } from '../apps/app-runner.js';
import { APP_LIMITS, VARIABLE_NAME, type ResolvedApp } from '../apps/app-types.js';
import type { ChatResult, FinishReason, Usage } from '../core/chat-types.js';
import { Cancellation } from '../core/cancellation.js';
import { LIMITS } from '../core/limits.js';
import { newCompletionId, newRequestId } from '../core/ids.js';
import type { RequestContext } from '../gateway/request-context.js';
import type { Runtime } from '../runtime/create-runtime.js';
import { renderCompletion } from '../server/v1/render-chat.js';
import { readFileInput } from './app-file-input.js';
import { APPS_USAGE, slugArg } from './apps-command.js';
import { t } from './i18n.js';
import { intFlag, str, targetWorkspace, withKnowledge } from './kb-runtime.js';
import { CliError, noExtra, printJson, type Flags } from './open-store.js';
import { TaskProgress } from './task-progress.js';

/** What `baimo apps run` was asked, checked before the runtime opens. */
interface RunArgs {
  slug: string;
  inputs: Record<string, string>;
  model?: string;
  version?: number;
  language?: 'zh' | 'en';
}

/**
 * `baimo apps run <slug> --input name=value… [--file name=path]… [--model M] [--version N]
 * [--language zh|en] [--json]`: runs the app (a built-in, or the workspace's app: the version its
 * traffic split picks, or `--version`, drafts included) through the in-process gateway, like
 * `POST /v1/apps/{slug}/run`. The answer streams to stdout; map-reduce progress goes to stderr;
 * `--json` prints the whole answer object instead. Invalid inputs: every bad variable on stderr, exit 2.
 */
export async function appsRun(args: string[], f: Flags): Promise<number> {
  const a = await parseRunArgs(args, f);
  return withKnowledge(f, false, async (rt) => {
    const ws = await targetWorkspace(rt, f);
    if (!rt.apps.isBuiltin(a.slug) && !(await rt.apps.getBySlug(ws.id, a.slug))) throw new CliError(t().appsNotFound(a.slug, ws.name), 1);
    // The CLI runs with the admin's rights: a pinned version may be a draft.
    const app = await rt.apps.resolve(ws.id, a.slug, { version: a.version, drafts: true });
    // Checked here too, so each bad variable gets its own line (the runner would answer one 400).
    const { problems } = validateInputs(app.spec, a.inputs);
    if (problems.length) {
      process.stderr.write(
        `${[t().appsInvalidInputs(a.slug), ...problems.map((p) => t().appsProblem(p.variable, p.message))].join('\n')}\n`,
      );
      return 2;
    }
    return run(rt, app, a, ws.id, Boolean(f.json));
  });
}

async function parseRunArgs(args: string[], f: Flags): Promise<RunArgs> {
  const m = t();
  const slug = slugArg(args, APPS_USAGE.run);
  noExtra(args, 1, APPS_USAGE.run);
  const inputs: Record<string, string> = {};
  const pairs = (flag: '--input' | '--file', raw: string | boolean | string[] | undefined, format: string) =>
    (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).map((item) => {
      const eq = item.indexOf('=');
      const name = eq > 0 ? item.slice(0, eq).trim() : '';
      if (!name || (flag === '--file' && eq === item.length - 1)) throw new CliError(m.badFlag(flag, item.slice(0, 80), format), 2);
      if (!VARIABLE_NAME.test(name))
        throw new CliError(m.badFlag(flag, name.slice(0, 80), 'a-z, 0-9 and _, starting with a letter or _'), 2);
      if (Object.prototype.hasOwnProperty.call(inputs, name)) throw new CliError(m.appsTwice(name), 2);
      inputs[name] = ''; // taken: a second --input or --file of the same name is refused
      return { name, value: item.slice(eq + 1) };
    });
  const given = pairs('--input', f.input, m.appsInputFormat);
  const files = pairs('--file', f.file, m.appsFileFormat);
  if (given.length + files.length > APP_LIMITS.variables * 2)
    throw new CliError(m.appsTooMany(given.length + files.length, APP_LIMITS.variables), 2);
  for (const { name, value } of given) {
    if (value.length > APP_LIMITS.longText) throw new CliError(m.badFlag('--input', name, `at most ${APP_LIMITS.longText} characters`), 2);
    inputs[name] = value;
  }
  for (const { name, value } of files) inputs[name] = await readFileInput(value);
  const model = str(f, 'model');
  if (model !== undefined && (!model.trim() || model.length > LIMITS.modelName))
    throw new CliError(m.badFlag('--model', model.slice(0, 80), `1 to ${LIMITS.modelName} characters`), 2);
  const language = str(f, 'language');
  if (language !== undefined && language !== 'zh' && language !== 'en') throw new CliError(m.badFlag('--language', language, 'zh, en'), 2);
  return { slug, inputs, model, version: intFlag(f, 'version', 1, 1_000_000_000), language };
}

/** The run through the runner, streamed; the answer to stdout (or collected for `--json`), progress to stderr. */
async function run(rt: Runtime, app: ResolvedApp, a: RunArgs, workspaceId: string, json: boolean): Promise<number> {
  const runner = new AppRunner({
    chat: (req, ctx) => rt.gateway.chat(req, ctx),
    stream: (req, ctx) => rt.gateway.stream(req, ctx),
    lookup: (model) => rt.models.lookup(model),
    config: () => rt.config.apps,
  });
  const cancellation = new Cancellation();
  const onSigint = (): void => cancellation.cancel(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const id = newCompletionId();
  const ctx: RequestContext = {
    requestId: newRequestId(),
    startedAt: Date.now(),
    cancellation,
    keyId: 'cli',
    workspaceId,
    // A workspace's app: its security policies apply (a built-in has no app of its own).
    appId: app.app?.id ?? null,
    key: null,
    cacheMode: null,
    sessionId: null,
    userId: null,
    clientIp: null,
    contentId: id,
  };
  const bar = new Progress();
  let printed = false;
  let content = '';
  let reasoning = '';
  let finish: FinishReason = 'stop';
  let usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let fields: Record<string, string> = {};
  try {
    const out = await runner.stream(app, { inputs: a.inputs, language: a.language, model: a.model }, ctx);
    fields = { ...out.fields };
    for await (const part of out.parts) {
      if (part.type === 'progress') bar.show(part.progress);
      else if (part.type === 'text-delta') {
        bar.done();
        content += part.text;
        if (!json && part.text) {
          process.stdout.write(part.text);
          printed = true;
        }
      } else if (part.type === 'reasoning-delta') reasoning += part.text;
      else if (part.type === 'usage') usage = part.usage;
      else if (part.type === 'finish') {
        finish = part.reason;
        if (part.usage) usage = part.usage;
        if (part.fields) fields = { ...fields, ...part.fields };
      } else if (part.type === 'error') throw part.error;
    }
  } catch (err) {
    if (printed) process.stdout.write('\n');
    throw err;
  } finally {
    bar.done();
    process.removeListener('SIGINT', onSigint);
  }
  if (!json) {
    if (printed && !content.endsWith('\n')) process.stdout.write('\n');
    return 0;
  }
  const result: ChatResult = { content, toolCalls: [], finishReason: finish, ...(reasoning ? { reasoning } : {}) };
  fields.app ??= JSON.stringify({ slug: app.slug, version: app.version });
  printJson(JSON.parse(renderCompletion(id, Math.floor(ctx.startedAt / 1000), `app:${app.slug}`, result, usage, fields)));
  return 0;
}

/** Map-reduce progress on stderr: a bar on a terminal, a line per finished phase otherwise. */
class Progress {
  private bar: TaskProgress | undefined;

  show(p: RunProgress): void {
    const m = t();
    this.bar ??= new TaskProgress(m.appsProgressLabel);
    // Map calls fill most of the bar; the reduce calls the rest.
    const share = p.total ? p.done / p.total : 0;
    const fraction = p.phase === 'map' ? 0.9 * share : 0.9 + 0.1 * share;
    this.bar.update(fraction, m.appsProgress(p.phase, p.done, p.total), p.done === p.total || p.done === 1);
  }

  done(): void {
    this.bar?.done();
  }
}
