import { createInterface } from 'node:readline';
import { loadConfig } from '../config/load-config.js';
import { providerCredentialProblems } from '../providers/registry.js';
import type { ChatMessage, ChatRequest } from '../core/chat-types.js';
import { Cancellation } from '../core/cancellation.js';
import { GatewayError } from '../core/errors.js';
import { newRequestId } from '../core/ids.js';
import { createRuntime, type Runtime } from '../runtime/create-runtime.js';
import { t } from './i18n.js';

export interface ChatOptions {
  config?: string;
  model?: string;
  prompt?: string;
  system?: string;
  temperature?: number;
  maxTokens?: number;
}

/**
 * `baimo chat -m MODEL [prompt]`: runs the gateway in-process (same config, same database and
 * request log as the server) and streams the answer to the terminal; without a prompt, a REPL.
 */
export async function chatCommand(opts: ChatOptions): Promise<number> {
  const m = t();
  if (!opts.model) {
    process.stderr.write(`${m.noModel}\n`);
    return 2;
  }
  const { config } = loadConfig({ configPath: opts.config, checkProvider: providerCredentialProblems });
  // A terminal chat works no jobs: they belong to `baimo serve` and `baimo worker`.
  const rt = await createRuntime(config, { workers: false });
  const history: ChatMessage[] = opts.system ? [{ role: 'system', content: opts.system }] : [];
  try {
    if (opts.prompt !== undefined) return (await turn(rt, opts, history, opts.prompt)) ? 0 : 1;
    if (process.stdin.isTTY) process.stderr.write(`${m.replHint}\n`);
    const rl = createInterface({
      input: process.stdin,
      output: process.stdin.isTTY ? process.stderr : undefined,
      prompt: '> ',
      terminal: process.stdin.isTTY,
    });
    if (process.stdin.isTTY) rl.prompt();
    let ok = true;
    for await (const line of rl) {
      const text = line.trim();
      if (text === '/exit' || text === '/quit') break;
      if (text === '/reset') history.splice(opts.system ? 1 : 0);
      else if (text) ok = (await turn(rt, opts, history, text)) && ok;
      if (process.stdin.isTTY) rl.prompt();
    }
    return ok ? 0 : 1;
  } finally {
    await rt.close();
  }
}

async function turn(rt: Runtime, opts: ChatOptions, history: ChatMessage[], prompt: string): Promise<boolean> {
  history.push({ role: 'user', content: prompt });
  const req: ChatRequest = { model: opts.model!, messages: history, stream: true };
  if (opts.temperature !== undefined) req.temperature = opts.temperature;
  if (opts.maxTokens !== undefined) req.max_tokens = opts.maxTokens;
  const cancellation = new Cancellation();
  const onSigint = (): void => cancellation.cancel(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let answer = '';
  try {
    const ctx = {
      requestId: newRequestId(),
      startedAt: Date.now(),
      cancellation,
      keyId: 'cli',
      workspaceId: null,
      appId: null,
      key: null,
      cacheMode: null,
      sessionId: null,
      userId: null,
      clientIp: null,
    };
    for await (const part of (await rt.gateway.stream(req, ctx)).parts) {
      if (part.type === 'text-delta') {
        answer += part.text;
        process.stdout.write(part.text);
      } else if (part.type === 'tool-call-delta' && part.name) {
        process.stdout.write(`\n[tool call: ${part.name}] `);
      } else if (part.type === 'tool-call-delta' && part.argumentsDelta) {
        process.stdout.write(part.argumentsDelta);
      } else if (part.type === 'error') {
        throw part.error;
      }
    }
    process.stdout.write('\n');
    history.push({ role: 'assistant', content: answer });
    return true;
  } catch (err) {
    history.pop();
    const msg = err instanceof GatewayError ? `${err.message} (${err.type}, HTTP ${err.status})` : (err as Error).message;
    process.stderr.write(`\nerror: ${msg}\n`);
    return false;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
