import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, GatewayError, notFound } from '../../core/errors.js';
import { LIMITS } from '../../core/limits.js';
import { providerRedactor } from '../../gateway/provider-redactor.js';
import { catalogEntryFor } from '../../providers/registry.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireInstanceAdmin } from './principal.js';
import { providerNameParams } from './provider-input.js';

const TEST_TIMEOUT_MS = 10_000;
const testResult = z.object({
  ok: z.boolean(),
  latency_ms: z.number(),
  /** The model ids the provider listed (when it can list them). */
  models: z.array(z.string()).optional(),
  error: z.object({ message: z.string(), code: z.string() }).optional(),
});

/** Settles with `p`, or rejects once `signal` aborts (for calls that take no signal). */
const within = <T>(p: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const abort = () => reject(Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });

/** `POST /api/providers/:name/test`: one call to the provider, its failure redacted with the provider's own secrets. */
export function registerProviderTestRoute(c: ApiContext): void {
  const { rt } = c;
  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/providers/:name/test',
    summary:
      'Test the connection to a provider (instance administrators): lists its models, or sends a 1-token chat; a failing provider is ok: false with status 200',
    tag: 'providers',
    params: providerNameParams,
    body: z.object({
      model: z.string().min(1).max(LIMITS.modelName).optional().describe('Send a 1-token chat to this model instead of listing models'),
    }),
    response: testResult,
    handler: async ({ principal, params, body }) => {
      requireInstanceAdmin(principal);
      const provider = rt.models.providers.get(params.name);
      const cfg = rt.models.config.providers[params.name];
      if (!provider || !cfg) {
        const problem = rt.models.problems.get(`provider:${params.name}`);
        if (!problem) throw notFound(`No provider named "${params.name}".`);
        return { ok: false, latency_ms: 0, error: { message: problem, code: 'provider_invalid' } };
      }
      const model = body.model ?? (provider.listModels ? undefined : (cfg.models?.[0] ?? catalogEntryFor(cfg)?.models[0]?.id));
      if (!model && !provider.listModels)
        throw badRequest('This provider cannot list its models and has none configured: name one in "model".', 'model', 'model_required');
      const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      try {
        if (!model) {
          const models = await within(provider.listModels!(signal), signal);
          return { ok: true, latency_ms: elapsed(), models };
        }
        const t = TEST_TIMEOUT_MS;
        await within(
          provider.chat(
            { model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, stream: false },
            { model, signal, timeouts: { connect: t, firstByte: t, idle: t, total: t }, requestId: `test_${randomUUID()}` },
          ),
          signal,
        );
        return { ok: true, latency_ms: elapsed() };
      } catch (err) {
        const redactor = providerRedactor(cfg);
        const timedOut = signal.aborted || (err as Error).name === 'TimeoutError';
        const message = timedOut
          ? `No answer within ${TEST_TIMEOUT_MS / 1000} s.`
          : redactor.redact(err instanceof Error ? err.message : String(err)).slice(0, 1000);
        const code = timedOut ? 'timeout' : err instanceof GatewayError ? redactor.redact(err.code ?? err.type) : 'provider_error';
        return { ok: false, latency_ms: elapsed(), error: { message, code } };
      }
    },
  });
}
