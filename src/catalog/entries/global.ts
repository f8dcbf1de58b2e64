import type { CatalogEntry, ModelInfo } from '../types.js';

// Prices are USD per 1M tokens, from LiteLLM's model_prices_and_context_window.json unless marked.
// Cache-write surcharges (Anthropic) are not modelled: `cached` is the cache-read price.

/** OpenAI models as billed by OpenAI; Azure's global deployments bill the same. */
const openAiModels: ModelInfo[] = [
  { id: 'gpt-4o', context: 128000, maxOutput: 16384, prices: [{ input: 2.5, output: 10, cached: 1.25 }] },
  {
    id: 'gpt-4o-mini',
    context: 128000,
    maxOutput: 16384,
    prices: [{ input: 0.15, output: 0.6, cached: 0.075 }],
  },
  { id: 'gpt-4.1', context: 1047576, maxOutput: 32768, prices: [{ input: 2, output: 8, cached: 0.5 }] },
  {
    id: 'gpt-4.1-mini',
    context: 1047576,
    maxOutput: 32768,
    prices: [{ input: 0.4, output: 1.6, cached: 0.1 }],
  },
  { id: 'o3', context: 200000, maxOutput: 100000, prices: [{ input: 2, output: 8, cached: 0.5 }] },
  // o3-mini is listed so that prefix matching does not bill it as o3.
  { id: 'o3-mini', context: 200000, maxOutput: 100000, prices: [{ input: 1.1, output: 4.4, cached: 0.55 }] },
  { id: 'o4-mini', context: 200000, maxOutput: 100000, prices: [{ input: 1.1, output: 4.4, cached: 0.275 }] },
  { id: 'gpt-5', context: 272000, maxOutput: 128000, prices: [{ input: 1.25, output: 10, cached: 0.125 }] },
  {
    id: 'gpt-5-mini',
    context: 272000,
    maxOutput: 128000,
    prices: [{ input: 0.25, output: 2, cached: 0.025 }],
  },
  {
    id: 'gpt-5-nano',
    context: 272000,
    maxOutput: 128000,
    prices: [{ input: 0.05, output: 0.4, cached: 0.005 }],
  },
  // Not in the reference price table; window as for gpt-5, price left unset.
  { id: 'gpt-5.1', context: 272000, maxOutput: 128000 },
  { id: 'gpt-5.2', context: 272000, maxOutput: 128000 },
  { id: 'text-embedding-3-small', kind: 'embedding', context: 8191, prices: [{ input: 0.02, output: 0 }] },
  { id: 'text-embedding-3-large', kind: 'embedding', context: 8191, prices: [{ input: 0.13, output: 0 }] },
];

/** OpenAI, Azure OpenAI, Anthropic, Google Gemini. */
export const globalEntries: CatalogEntry[] = [
  {
    id: 'openai',
    names: { zh: 'OpenAI', en: 'OpenAI' },
    brand: { mark: 'OpenAI', color: '#10a37f' },
    protocol: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    auth: 'bearer',
    envKeys: ['OPENAI_API_KEY'],
    envBaseUrl: 'OPENAI_BASE_URL',
    currency: 'USD',
    embeddings: true,
    docs: 'https://platform.openai.com/docs/api-reference',
    models: openAiModels,
  },
  {
    id: 'azure-openai',
    names: { zh: '微软 Azure OpenAI', en: 'Azure OpenAI' },
    brand: { mark: 'OpenAI', color: '#0078d4' },
    verified: 'simulated, deployment path and api-key (`test/catalog/compatible-family.test.ts`)',
    protocol: 'openai',
    // Per resource and deployment: https://<resource>.openai.azure.com/openai/deployments/<deployment>.
    // AZURE_OPENAI_ENDPOINT holds only the resource origin: `/openai` is appended, and the adapter puts
    // the model (= deployment name) into the path.
    baseUrl: '',
    envBaseUrlPath: '/openai',
    auth: 'api-key-header',
    envKeys: ['AZURE_OPENAI_API_KEY', 'AZURE_API_KEY'],
    envBaseUrl: 'AZURE_OPENAI_ENDPOINT',
    query: { 'api-version': '2024-10-21' },
    quirks: { deploymentPath: true },
    currency: 'USD',
    embeddings: true,
    docs: 'https://learn.microsoft.com/azure/ai-services/openai/reference',
    // Deployment names are user-chosen; these ids match when deployments are named after the model.
    models: [...openAiModels],
  },
  {
    id: 'anthropic',
    names: { zh: 'Anthropic Claude', en: 'Anthropic Claude' },
    brand: { mark: 'Claude', color: '#d97757' },
    protocol: 'anthropic',
    baseUrl: 'https://api.anthropic.com/v1',
    auth: 'x-api-key',
    envKeys: ['ANTHROPIC_API_KEY'],
    headers: { 'anthropic-version': '2023-06-01' },
    currency: 'USD',
    docs: 'https://docs.anthropic.com/en/api/messages',
    models: [
      {
        id: 'claude-sonnet-4-5',
        context: 200000,
        maxOutput: 64000,
        prices: [
          { upTo: 200000, input: 3, output: 15, cached: 0.3 },
          { input: 6, output: 22.5, cached: 0.6 },
        ],
      },
      // Listed so that dated claude-sonnet-4-2025... ids match it instead of nothing.
      {
        id: 'claude-sonnet-4',
        context: 200000,
        maxOutput: 64000,
        prices: [{ input: 3, output: 15, cached: 0.3 }],
      },
      {
        id: 'claude-haiku-4-5',
        context: 200000,
        maxOutput: 64000,
        prices: [{ input: 1, output: 5, cached: 0.1 }],
      },
      {
        id: 'claude-opus-4-5',
        context: 200000,
        maxOutput: 64000,
        prices: [{ input: 5, output: 25, cached: 0.5 }],
      },
      {
        id: 'claude-opus-4-1',
        context: 200000,
        maxOutput: 32000,
        prices: [{ input: 15, output: 75, cached: 1.5 }],
      },
      {
        id: 'claude-3-7-sonnet-20250219',
        context: 200000,
        maxOutput: 64000,
        prices: [{ input: 3, output: 15, cached: 0.3 }],
      },
    ],
  },
  {
    id: 'gemini',
    names: { zh: '谷歌 Gemini', en: 'Google Gemini' },
    brand: { mark: 'Gemini', color: '#4285f4' },
    protocol: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    auth: 'x-goog-api-key',
    envKeys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
    currency: 'USD',
    // Served through embedContent / batchEmbedContents by the gemini adapter.
    embeddings: true,
    docs: 'https://ai.google.dev/gemini-api/docs',
    models: [
      {
        id: 'gemini-2.5-pro',
        context: 1048576,
        maxOutput: 65535,
        prices: [
          { upTo: 200000, input: 1.25, output: 10 },
          { input: 2.5, output: 15 },
        ],
      },
      { id: 'gemini-2.5-flash', context: 1048576, maxOutput: 65535, prices: [{ input: 0.3, output: 2.5 }] },
      {
        id: 'gemini-2.5-flash-lite',
        context: 1048576,
        maxOutput: 65535,
        prices: [{ input: 0.1, output: 0.4 }],
      },
      { id: 'gemini-2.0-flash', context: 1048576, maxOutput: 8192, prices: [{ input: 0.1, output: 0.4 }] },
      { id: 'gemini-2.0-flash-lite', context: 1048576, maxOutput: 8192 },
      {
        id: 'gemini-3-pro-preview',
        context: 1048576,
        maxOutput: 65535,
        prices: [
          { upTo: 200000, input: 2, output: 12 },
          { input: 4, output: 18 },
        ],
      },
      { id: 'gemini-3-flash-preview', context: 1048576, maxOutput: 65535 },
      { id: 'gemini-embedding-001', kind: 'embedding', context: 2048, prices: [{ input: 0.15, output: 0 }] },
    ],
  },
];
