import type { CatalogEntry, ModelInfo } from '../types.js';

// Local and self-hosted servers: no key by default (an `--api-key` server still gets a Bearer
// key when one is configured), prices are 0 because the user pays for the hardware, not tokens.

const free = [{ input: 0, output: 0 }];

/** A few popular Ollama tags so that `llama3.1:8b` and friends resolve (prefix match at `:`). */
const ollamaModels: ModelInfo[] = [
  { id: 'llama3.1', context: 8192, maxOutput: 8192, prices: free },
  { id: 'llama3.2', prices: free },
  { id: 'qwen3', prices: free },
  { id: 'qwen2.5', prices: free },
  { id: 'deepseek-r1', prices: free },
  { id: 'gemma3', prices: free },
  { id: 'nomic-embed-text', kind: 'embedding', context: 8192, prices: free },
  { id: 'bge-m3', kind: 'embedding', context: 8192, prices: free },
];

/** vLLM, llama.cpp server, Ollama (compatible and native), embedded llama.cpp, generic compatible. */
export const selfHostedEntries: CatalogEntry[] = [
  {
    id: 'vllm',
    names: { zh: 'vLLM 自托管', en: 'vLLM (self-hosted)' },
    protocol: 'openai',
    // No useful default: vLLM is usually on another host. The docs example is http://localhost:8000/v1.
    baseUrl: '',
    auth: 'bearer',
    envKeys: ['VLLM_API_KEY'],
    envBaseUrl: 'VLLM_BASE_URL',
    currency: 'USD',
    embeddings: true,
    keyOptional: true,
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    // Served models are whatever the operator loaded; /v1/models lists them.
    models: [],
  },
  {
    id: 'llamacpp-server',
    names: { zh: 'llama.cpp 服务器', en: 'llama.cpp server' },
    protocol: 'openai',
    // 8080 is the long-standing default port; some recent README versions say 9931, hence the env override.
    baseUrl: 'http://127.0.0.1:8080/v1',
    auth: 'bearer',
    // LLAMA_API_KEY is the name llama-server itself reads for its --api-key.
    envKeys: ['LLAMACPP_API_KEY', 'LLAMA_API_KEY'],
    envBaseUrl: 'LLAMACPP_BASE_URL',
    currency: 'USD',
    // Only when the server was started with --embeddings.
    embeddings: true,
    keyOptional: true,
    docs: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
    models: [],
  },
  {
    id: 'ollama',
    names: { zh: 'Ollama 本地模型', en: 'Ollama' },
    brand: { mark: 'Ollama', color: '#262626' },
    protocol: 'openai',
    // Ollama's OpenAI-compatible layer; the native API is the `ollama-native` entry.
    baseUrl: 'http://localhost:11434/v1',
    auth: 'bearer',
    envKeys: ['OLLAMA_API_KEY'],
    envBaseUrl: 'OLLAMA_BASE_URL',
    currency: 'USD',
    embeddings: true,
    keyOptional: true,
    docs: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
    models: ollamaModels,
  },
  {
    id: 'ollama-native',
    names: { zh: 'Ollama 原生接口', en: 'Ollama (native API)' },
    brand: { mark: 'Ollama', color: '#262626' },
    protocol: 'ollama',
    baseUrl: 'http://localhost:11434',
    auth: 'bearer',
    envKeys: ['OLLAMA_API_KEY'],
    // OLLAMA_HOST is what the ollama CLI reads; it may lack a scheme ("127.0.0.1:11434"), so the
    // reader must add http:// when missing.
    envBaseUrl: 'OLLAMA_HOST',
    currency: 'USD',
    embeddings: true,
    keyOptional: true,
    docs: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
    models: [...ollamaModels],
  },
  {
    id: 'llama-cpp',
    names: { zh: '内置 llama.cpp 引擎', en: 'Embedded llama.cpp' },
    protocol: 'llama-cpp',
    // Runs GGUF files in-process: no URL, no key; models come from the local model store.
    baseUrl: '',
    auth: 'none',
    envKeys: [],
    currency: 'USD',
    embeddings: true,
    keyOptional: true,
    models: [],
  },
  {
    id: 'openai-compatible',
    names: { zh: '通用 OpenAI 兼容接口', en: 'Generic OpenAI-compatible' },
    protocol: 'openai',
    // Any other compatible server: the user gives the URL (and a key if it needs one).
    baseUrl: '',
    auth: 'bearer',
    envKeys: [],
    currency: 'USD',
    // Unknown per server; the upstream answers 404 if it has no /embeddings.
    embeddings: true,
    keyOptional: true,
    models: [],
  },
];
