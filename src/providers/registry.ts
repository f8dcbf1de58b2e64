import { getCatalogEntry } from '../catalog/catalog.js';
import type { CatalogEntry, Protocol } from '../catalog/types.js';
import type { Provider } from '../core/provider.js';
import type { ProviderConfig } from '../config/schema.js';
import { createAnthropicProvider } from './anthropic/index.js';
import { createGeminiProvider } from './gemini/index.js';
import { createOllamaProvider } from './ollama/index.js';
import { createOpenAICompatibleProvider } from './openai-compatible/index.js';
import { createDashScopeProvider } from './dashscope/index.js';
import { createErnieProvider } from './ernie/index.js';
import { createHunyuanTc3Provider } from './hunyuan-tc3/index.js';
import { lazyProvider } from './shared/lazy-provider.js';
import type { NativeCredentials } from './shared/native-credentials.js';
import { createSparkWsProvider } from './spark-ws/index.js';

const PROTOCOL_OF_TYPE: Record<string, Protocol> = {
  'openai-compatible': 'openai',
  anthropic: 'anthropic',
  gemini: 'gemini',
  ollama: 'ollama',
  'llama-cpp': 'llama-cpp',
};

/** The catalog entry a configured provider takes defaults, prices and quirks from. */
export function catalogEntryFor(cfg: ProviderConfig): CatalogEntry | undefined {
  return getCatalogEntry(cfg.catalog ?? cfg.type) ?? (cfg.type === 'ollama' ? getCatalogEntry('ollama-native') : undefined);
}

/** Which wire protocol a configured provider speaks. */
export function protocolFor(cfg: ProviderConfig): Protocol {
  const fromType = getCatalogEntry(cfg.type)?.protocol ?? PROTOCOL_OF_TYPE[cfg.type];
  return fromType ?? catalogEntryFor(cfg)?.protocol ?? 'openai';
}

/** Builds the adapter for one configured provider; the only place that maps protocols to code. */
export function createProvider(name: string, cfg: ProviderConfig, connectTimeoutMs: number): Provider {
  const entry = catalogEntryFor(cfg);
  const baseUrl = cfg.base_url ?? entry?.baseUrl ?? '';
  const headers = { ...entry?.headers, ...cfg.headers };
  const native = { baseUrl, apiKey: cfg.api_key, headers, connectTimeoutMs };
  const signed: NativeCredentials = {
    ...native,
    secretKey: cfg.secret_key,
    secretId: cfg.secret_id,
    appId: cfg.app_id,
    apiSecret: cfg.api_secret,
  };
  switch (protocolFor(cfg)) {
    case 'ernie':
      return createErnieProvider(name, signed);
    case 'dashscope':
      return createDashScopeProvider(name, signed);
    case 'spark-ws':
      return createSparkWsProvider(name, signed);
    case 'hunyuan-tc3':
      return createHunyuanTc3Provider(name, signed);
    case 'anthropic':
      return createAnthropicProvider(name, native);
    case 'gemini':
      return createGeminiProvider(name, native);
    case 'ollama':
      return createOllamaProvider(name, native);
    case 'llama-cpp':
      return lazyProvider(name, async () =>
        (await import('./llama-cpp/index.js')).createLlamaCppProvider(name, {
          modelPath: cfg.model_path ?? '',
          threads: cfg.threads,
          contextSize: cfg.context_size,
          concurrency: cfg.concurrency,
          idleUnloadMs: cfg.idle_unload_ms,
        }),
      );
    case 'openai':
      return createOpenAICompatibleProvider(name, {
        baseUrl,
        apiKey: cfg.api_key,
        auth: cfg.auth === 'jwt' ? (entry?.id === 'sensenova' ? 'sensenova-jwt' : 'zhipu-jwt') : (entry?.auth ?? 'bearer'),
        secretKey: cfg.secret_key,
        headers,
        query: { ...entry?.query, ...cfg.query },
        quirks: entry?.quirks,
        connectTimeoutMs,
        deploymentPath: cfg.deployment_path ?? entry?.id === 'azure-openai',
      });
  }
}
