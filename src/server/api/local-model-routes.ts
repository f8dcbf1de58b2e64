import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { badRequest, notFound } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact-secrets.js';
import { pullModel, resolvePullSpec } from '../../engine/pull.js';
import type { LlamaCppProvider } from '../../providers/llama-cpp/index.js';
import { protocolFor } from '../../providers/registry.js';
import { isLazyProvider } from '../../providers/shared/lazy-provider.js';
import type { ApiContext } from './api-context.js';
import { apiRoute } from './api-route.js';
import { requireInstanceAdmin, requireUser } from './principal.js';
import { LIMITS } from '../../core/limits.js';

/** Finished pull jobs beyond this many are forgotten (oldest first); running ones are always kept. */
const MAX_JOBS = 50;
const GGUF = /\.gguf$/i;

const localModelView = z.object({
  /** The file name for files in models_dir, else the configured model_path. */
  file: z.string(),
  /** Absolute path on the server. */
  path: z.string(),
  /** null when a configured model_path does not exist (yet). */
  size_bytes: z.number().nullable(),
  /** The llama-cpp provider whose model_path is this file (the first by name when several share it). */
  provider: z.string().nullable(),
  /** Whether the model is in memory now. */
  loaded: z.boolean(),
});

const jobView = z.object({
  job_id: z.string(),
  source: z.string(),
  file: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  received_bytes: z.number(),
  total_bytes: z.number().nullable(),
  error: z.string().optional(),
});
type Job = z.infer<typeof jobView>;

const providerParams = z.object({
  provider: z
    .string()
    .max(LIMITS.id)
    .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'use letters, digits, _ . -'),
});
const loadedView = z.object({ provider: z.string(), loaded: z.boolean() });

/** The file a pull writes; refuses names that could leave models_dir or are not GGUF files. */
function pullTarget(source: string, hfEndpoint: string): string {
  let fileName: string;
  try {
    fileName = resolvePullSpec(source, hfEndpoint).fileName;
  } catch (err) {
    throw badRequest((err as Error).message, 'source', 'invalid_value');
  }
  if (!GGUF.test(fileName) || /[/\\]/.test(fileName) || fileName.startsWith('.'))
    throw badRequest(
      `"${fileName}" is not a .gguf file name: pull owner/repo/file.gguf or a URL ending in .gguf`,
      'source',
      'invalid_value',
    );
  return fileName;
}

/**
 * Local GGUF models: the files in `models_dir` (and configured `model_path`s), background downloads
 * into `models_dir` with progress, and loading / unloading of llama-cpp providers. The engine
 * module (node-llama-cpp) is imported only when a model is actually loaded.
 */
export function registerLocalModelRoutes(c: ApiContext): void {
  const { rt } = c;
  const modelsDir = resolve(rt.config.models_dir);
  const jobs = new Map<string, Job>();
  /** The running job per target file name. */
  const running = new Map<string, string>();
  const aborts = new Map<string, AbortController>();

  c.app.addHook('onClose', async () => {
    for (const ctl of aborts.values()) ctl.abort(new Error('the server is shutting down'));
  });

  /** llama-cpp providers by absolute model path. */
  const localProviders = (): Map<string, string[]> => {
    const byPath = new Map<string, string[]>();
    for (const [name, cfg] of Object.entries(rt.models.config.providers).sort(([a], [b]) => a.localeCompare(b))) {
      if (protocolFor(cfg) !== 'llama-cpp' || !cfg.model_path) continue;
      const path = resolve(cfg.model_path);
      byPath.set(path, [...(byPath.get(path) ?? []), name]);
    }
    return byPath;
  };

  /** Whether a provider's model is in memory, without importing the engine. */
  const isLoaded = (name: string): boolean => {
    const p = rt.providers.get(name);
    if (!p || !isLazyProvider(p)) return false;
    return (p.imported as LlamaCppProvider | undefined)?.loaded ?? false;
  };

  const localProvider = (name: string) => {
    const cfg = rt.models.config.providers[name];
    const provider = rt.providers.get(name);
    if (!cfg || !provider) throw notFound(`No provider named "${name}".`);
    if (protocolFor(cfg) !== 'llama-cpp' || !isLazyProvider(provider))
      throw badRequest(`Provider "${name}" is not a local GGUF engine (type llama-cpp).`, 'provider', 'not_local');
    return provider;
  };

  const forget = (): void => {
    for (const [id, job] of jobs) {
      if (jobs.size <= MAX_JOBS) break;
      if (job.status !== 'running') jobs.delete(id);
    }
  };

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/local-models',
    summary: 'List the GGUF files in models_dir and those configured as a llama-cpp model_path, with whether each is loaded',
    tag: 'local-models',
    response: z.object({ object: z.literal('list'), models_dir: z.string(), data: z.array(localModelView) }),
    handler: async ({ principal }) => {
      requireUser(principal);
      const byPath = localProviders();
      const paths = new Set<string>();
      const names = await readdir(modelsDir).catch(() => [] as string[]);
      for (const n of names) if (GGUF.test(n)) paths.add(join(modelsDir, n));
      for (const p of byPath.keys()) paths.add(p);
      const data = [];
      for (const path of [...paths].sort()) {
        const info = await stat(path).catch(() => undefined);
        if (info && !info.isFile()) continue;
        const providers = byPath.get(path) ?? [];
        data.push({
          file: dirname(path) === modelsDir ? basename(path) : path,
          path,
          size_bytes: info?.size ?? null,
          provider: providers[0] ?? null,
          loaded: providers.some(isLoaded),
        });
      }
      return { object: 'list' as const, models_dir: modelsDir, data };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/local-models/pull',
    summary:
      'Download a GGUF file into models_dir in the background (instance administrators): owner/repo/file.gguf[@revision] from Hugging Face (HF_ENDPOINT, HF_TOKEN) or an http(s) URL; resumes and verifies the SHA-256',
    tag: 'local-models',
    body: z.object({
      source: z.string().min(1).max(LIMITS.url).describe('owner/repo/path/file.gguf[@revision], or an http(s) URL'),
    }),
    response: z.object({ job_id: z.string() }),
    status: 202,
    handler: ({ principal, body }) => {
      requireInstanceAdmin(principal);
      const hfEndpoint = process.env.HF_ENDPOINT ?? 'https://huggingface.co';
      const source = body.source.trim();
      const file = pullTarget(source, hfEndpoint);
      const existing = running.get(file);
      if (existing) return { job_id: existing };
      const job: Job = { job_id: `pull_${randomUUID()}`, source, file, status: 'running', received_bytes: 0, total_bytes: null };
      const ctl = new AbortController();
      jobs.set(job.job_id, job);
      running.set(file, job.job_id);
      aborts.set(job.job_id, ctl);
      forget();
      const token = process.env.HF_TOKEN;
      void pullModel(source, {
        modelsDir,
        hfEndpoint,
        token,
        signal: ctl.signal,
        onProgress: (p) => {
          job.received_bytes = p.received;
          job.total_bytes = p.total ?? null;
        },
      })
        .then(
          (r) => {
            job.status = 'done';
            job.received_bytes = r.bytes;
            job.total_bytes = r.bytes;
          },
          (err: unknown) => {
            job.status = 'failed';
            const message = err instanceof Error ? err.message : String(err);
            job.error = redactSecrets(message, token ? [token] : []).slice(0, 1000);
          },
        )
        .finally(() => {
          running.delete(file);
          aborts.delete(job.job_id);
          forget();
        });
      return { job_id: job.job_id };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'GET',
    url: '/api/local-models/pulls/:jobId',
    summary: 'Progress of a pull started with POST /api/local-models/pull (the last 50 jobs are kept, in memory)',
    tag: 'local-models',
    params: z.object({ jobId: z.string().min(1).max(LIMITS.id) }),
    response: jobView,
    handler: ({ principal, params }) => {
      requireUser(principal);
      const job = jobs.get(params.jobId);
      if (!job) throw notFound('No pull job with that id (jobs are kept in memory: the last 50, until a restart).');
      return { ...job };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/local-models/:provider/load',
    summary: 'Load a llama-cpp provider’s model into memory now (instance administrators); it still unloads after idle_unload_ms',
    tag: 'local-models',
    params: providerParams,
    response: loadedView,
    handler: async ({ principal, params }) => {
      requireInstanceAdmin(principal);
      const provider = localProvider(params.provider);
      const impl = (await provider.implementation()) as LlamaCppProvider;
      await impl.load();
      return { provider: params.provider, loaded: impl.loaded };
    },
  });

  apiRoute(c.app, c.routes, {
    method: 'POST',
    url: '/api/local-models/:provider/unload',
    summary: 'Free a llama-cpp provider’s model once no request uses it (instance administrators); the next request loads it again',
    tag: 'local-models',
    params: providerParams,
    response: loadedView,
    handler: async ({ principal, params }) => {
      requireInstanceAdmin(principal);
      const provider = localProvider(params.provider);
      const impl = provider.imported as LlamaCppProvider | undefined;
      if (impl) await impl.unload();
      return { provider: params.provider, loaded: impl?.loaded ?? false };
    },
  });
}
