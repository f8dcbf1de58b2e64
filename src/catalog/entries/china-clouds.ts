import type { CatalogEntry } from '../types.js';

// Cloud platforms and model hubs. Prices are CNY per 1M tokens from the CN price pages as last
// known; where only a USD figure was available it is converted at 7.2 CNY/USD and marked.
// Tiers follow the platforms' own "0 < prompt ≤ 32K" style bands (K = 1000).

/** Qwen (DashScope), Qianfan, Doubao (Ark), Hunyuan, Spark, SiliconFlow. */
export const chinaCloudEntries: CatalogEntry[] = [
  {
    id: 'qwen',
    names: { zh: '通义千问', en: 'Alibaba Qwen (DashScope)' },
    protocol: 'openai',
    // Compatible mode, CN region. International keys need
    // https://dashscope-intl.aliyuncs.com/compatible-mode/v1.
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    auth: 'bearer',
    envKeys: ['DASHSCOPE_API_KEY'],
    envBaseUrl: 'DASHSCOPE_API_BASE',
    currency: 'CNY',
    embeddings: true,
    docs: 'https://help.aliyun.com/zh/model-studio/',
    // Compatible mode rejects list-typed message content.
    quirks: { flattenContent: true },
    models: [
      { id: 'qwen-turbo', context: 129024, maxOutput: 16384, prices: [{ input: 0.3, output: 0.6 }] },
      { id: 'qwen-plus', context: 129024, maxOutput: 16384, prices: [{ input: 0.8, output: 2 }] },
      { id: 'qwen-max', context: 30720, maxOutput: 8192, prices: [{ input: 2.4, output: 9.6 }] },
      { id: 'qwen-long', context: 10000000, prices: [{ input: 0.5, output: 2 }] },
      {
        id: 'qwen-flash',
        context: 1000000,
        prices: [
          { upTo: 128000, input: 0.15, output: 1.5 },
          { upTo: 256000, input: 0.6, output: 6 },
          { input: 1.2, output: 12 },
        ],
      },
      {
        id: 'qwen3-max',
        context: 258048,
        maxOutput: 65536,
        prices: [
          { upTo: 32000, input: 6, output: 24 },
          { upTo: 128000, input: 10, output: 40 },
          { input: 15, output: 60 },
        ],
      },
      {
        id: 'qwen3-coder-plus',
        context: 1000000,
        maxOutput: 65536,
        prices: [
          { upTo: 32000, input: 4, output: 16 },
          { upTo: 128000, input: 6, output: 24 },
          { upTo: 256000, input: 10, output: 40 },
          { input: 20, output: 200 },
        ],
      },
      {
        id: 'qwen3-coder-flash',
        context: 1000000,
        maxOutput: 65536,
        prices: [
          { upTo: 32000, input: 1, output: 4 },
          { upTo: 128000, input: 1.5, output: 6 },
          { upTo: 256000, input: 2.5, output: 10 },
          { input: 5, output: 25 },
        ],
      },
      { id: 'qwen-coder-plus', context: 131072, prices: [{ input: 3.5, output: 7 }] },
      { id: 'qwq-plus', context: 131072, prices: [{ input: 1.6, output: 4 }] },
      { id: 'qwen3-vl-plus', context: 262144 },
      { id: 'qwen3.5-plus' },
      { id: 'text-embedding-v3', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
      { id: 'text-embedding-v4', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
    ],
  },
  {
    id: 'qianfan',
    names: { zh: '千帆 文心', en: 'Baidu Qianfan (ERNIE)' },
    protocol: 'openai',
    // v2 is OpenAI-compatible with a plain Bearer key; legacy v1 (access-token signing) is not used.
    baseUrl: 'https://qianfan.baidubce.com/v2',
    auth: 'bearer',
    envKeys: ['QIANFAN_API_KEY'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://cloud.baidu.com/doc/qianfan-api/index.html',
    models: [
      { id: 'ernie-4.5-turbo-128k', context: 131072, prices: [{ input: 0.8, output: 3.2 }] },
      { id: 'ernie-x1-turbo-32k', context: 32768, prices: [{ input: 1, output: 4 }] },
      { id: 'ernie-4.0-8k', context: 8192, prices: [{ input: 30, output: 90 }] },
      { id: 'ernie-4.0-turbo-8k', context: 8192, prices: [{ input: 20, output: 60 }] },
      { id: 'ernie-4.0-turbo-128k', context: 131072, prices: [{ input: 20, output: 60 }] },
      { id: 'ernie-3.5-8k', context: 8192, prices: [{ input: 0.8, output: 2 }] },
      { id: 'ernie-3.5-128k', context: 131072, prices: [{ input: 0.8, output: 2 }] },
      { id: 'ernie-speed-128k', context: 131072, prices: [{ input: 0, output: 0 }] },
      { id: 'ernie-lite-8k', context: 8192, prices: [{ input: 0, output: 0 }] },
      { id: 'ernie-char-8k', context: 8192 },
      { id: 'deepseek-v3', context: 65536, prices: [{ input: 2, output: 8 }] },
      { id: 'deepseek-r1', context: 65536, prices: [{ input: 4, output: 16 }] },
      { id: 'embedding-v1', kind: 'embedding', context: 384, prices: [{ input: 0.5, output: 0 }] },
      { id: 'bge-large-zh', kind: 'embedding', context: 512, prices: [{ input: 0.5, output: 0 }] },
      { id: 'tao-8k', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
    ],
  },
  {
    id: 'doubao',
    names: { zh: '豆包 火山方舟', en: 'ByteDance Doubao (Volcano Ark)' },
    protocol: 'openai',
    baseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    auth: 'bearer',
    envKeys: ['ARK_API_KEY', 'VOLCENGINE_API_KEY'],
    envBaseUrl: 'VOLCENGINE_API_BASE',
    currency: 'CNY',
    embeddings: true,
    docs: 'https://www.volcengine.com/docs/82379',
    // Model ids are Ark model ids; endpoint ids (ep-...) also work but carry no catalog data.
    models: [
      {
        id: 'doubao-seed-2-0-pro-260215',
        context: 256000,
        maxOutput: 128000,
        // Converted from LiteLLM's USD tiers (0.46/2.3, 0.7/3.5, 1.4/7) at 7.2 CNY/USD.
        prices: [
          { upTo: 32000, input: 3.31, output: 16.56 },
          { upTo: 128000, input: 5.04, output: 25.2 },
          { input: 10.08, output: 50.4 },
        ],
      },
      { id: 'doubao-seed-2-0-lite-260215', context: 256000, maxOutput: 128000 },
      { id: 'doubao-seed-2-0-mini-260215', context: 256000, maxOutput: 128000 },
      { id: 'doubao-seed-2-0-code-preview-260215', context: 256000, maxOutput: 128000 },
      {
        // Ark also has a cheaper row for replies under 200 tokens; we bill the common row.
        id: 'doubao-seed-1-6-250615',
        context: 256000,
        maxOutput: 32768,
        prices: [
          { upTo: 32000, input: 0.8, output: 8 },
          { upTo: 128000, input: 1.2, output: 16 },
          { input: 2.4, output: 24 },
        ],
      },
      {
        id: 'doubao-1-5-pro-32k-250115',
        context: 32768,
        maxOutput: 12288,
        prices: [{ input: 0.8, output: 2 }],
      },
      { id: 'doubao-1-5-pro-256k-250115', context: 256000, prices: [{ input: 5, output: 9 }] },
      { id: 'doubao-1-5-lite-32k-250115', context: 32768, prices: [{ input: 0.3, output: 0.6 }] },
      {
        id: 'doubao-embedding-large-text-250515',
        kind: 'embedding',
        context: 4096,
        prices: [{ input: 0.7, output: 0 }],
      },
      {
        id: 'doubao-embedding-large-text-240915',
        kind: 'embedding',
        context: 4096,
        prices: [{ input: 0.7, output: 0 }],
      },
      {
        id: 'doubao-embedding-text-240715',
        kind: 'embedding',
        context: 4096,
        prices: [{ input: 0.5, output: 0 }],
      },
    ],
  },
  {
    id: 'hunyuan',
    names: { zh: '腾讯混元', en: 'Tencent Hunyuan' },
    protocol: 'openai',
    // The OpenAI-compatible endpoint takes a Bearer key; the TC3-signed native API is not used.
    baseUrl: 'https://api.hunyuan.cloud.tencent.com/v1',
    auth: 'bearer',
    envKeys: ['HUNYUAN_API_KEY'],
    currency: 'CNY',
    embeddings: true,
    models: [
      { id: 'hunyuan-turbos-latest', context: 32768, prices: [{ input: 0.8, output: 2 }] },
      { id: 'hunyuan-t1-latest', context: 92000, prices: [{ input: 1, output: 4 }] },
      { id: 'hunyuan-lite', context: 262144, prices: [{ input: 0, output: 0 }] },
      { id: 'hunyuan-standard', context: 32768, prices: [{ input: 0.8, output: 2 }] },
      { id: 'hunyuan-standard-256K', context: 262144, prices: [{ input: 0.5, output: 2 }] },
      { id: 'hunyuan-turbo', context: 32768, prices: [{ input: 15, output: 50 }] },
      { id: 'hunyuan-large', context: 32768, prices: [{ input: 4, output: 12 }] },
      { id: 'hunyuan-pro', context: 32768, prices: [{ input: 30, output: 100 }] },
      { id: 'hunyuan-vision', context: 8192, prices: [{ input: 18, output: 18 }] },
      { id: 'hunyuan-embedding', kind: 'embedding', context: 1024, prices: [{ input: 0.7, output: 0 }] },
    ],
  },
  {
    id: 'spark',
    names: { zh: '讯飞星火', en: 'iFlytek Spark' },
    protocol: 'openai',
    // HTTP endpoint; the key is the console "APIPassword" (or "APIKey:APISecret").
    baseUrl: 'https://spark-api-open.xf-yun.com/v1',
    auth: 'bearer',
    envKeys: ['SPARK_API_PASSWORD'],
    currency: 'CNY',
    quirks: { noStreamWithTools: true },
    // Model ids are Spark "domain" values. Prices: One API's ratio table (older list).
    models: [
      { id: 'lite', context: 8192, prices: [{ input: 0, output: 0 }] },
      { id: 'generalv3', context: 8192 },
      { id: 'pro-128k', context: 131072 },
      { id: 'generalv3.5', context: 8192, prices: [{ input: 18, output: 18 }] },
      { id: 'max-32k', context: 32768 },
      { id: '4.0Ultra', context: 8192, prices: [{ input: 18, output: 18 }] },
    ],
  },
  {
    id: 'siliconflow',
    names: { zh: '硅基流动', en: 'SiliconFlow' },
    protocol: 'openai',
    // CN site; international keys need https://api.siliconflow.com/v1.
    baseUrl: 'https://api.siliconflow.cn/v1',
    auth: 'bearer',
    envKeys: ['SILICONFLOW_API_KEY'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://docs.siliconflow.cn',
    models: [
      { id: 'deepseek-ai/DeepSeek-V3', context: 131072, prices: [{ input: 2, output: 8 }] },
      { id: 'deepseek-ai/DeepSeek-R1', context: 131072, prices: [{ input: 4, output: 16 }] },
      { id: 'moonshotai/Kimi-K2-Instruct', context: 131072, prices: [{ input: 4, output: 16 }] },
      { id: 'zai-org/GLM-4.6', context: 200000 },
      { id: 'Qwen/Qwen2.5-72B-Instruct', context: 32768, prices: [{ input: 4.13, output: 4.13 }] },
      { id: 'Qwen/Qwen2.5-7B-Instruct', context: 32768, prices: [{ input: 0, output: 0 }] },
      { id: 'BAAI/bge-large-zh-v1.5', kind: 'embedding', context: 512, prices: [{ input: 0, output: 0 }] },
      { id: 'BAAI/bge-m3', kind: 'embedding', context: 8192, prices: [{ input: 0, output: 0 }] },
    ],
  },
];
