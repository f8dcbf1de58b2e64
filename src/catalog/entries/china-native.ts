import type { CatalogEntry } from '../types.js';

/**
 * The vendors' native APIs, for accounts that hold AK/SK pairs rather than bearer keys. Each has its
 * own adapter (`src/providers/<protocol>/`); model lists and prices match the compatible entries.
 */
export const chinaNativeEntries: CatalogEntry[] = [
  {
    id: 'ernie',
    names: { zh: '文心一言（千帆 v1 原生）', en: 'Baidu ERNIE (Qianfan v1 native)' },
    protocol: 'ernie',
    // Chat: /rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}?access_token=…; token from /oauth/2.0/token.
    baseUrl: 'https://aip.baidubce.com',
    auth: 'none',
    envKeys: [],
    credentials: ['api_key', 'secret_key'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/jlil56u11',
    models: [
      { id: 'ernie-4.0-8k', context: 8192, prices: [{ input: 30, output: 90 }] },
      { id: 'ernie-4.0-turbo-8k', context: 8192, prices: [{ input: 20, output: 60 }] },
      { id: 'ernie-3.5-8k', context: 8192, prices: [{ input: 0.8, output: 2 }] },
      { id: 'ernie-3.5-128k', context: 131072, prices: [{ input: 0.8, output: 2 }] },
      { id: 'ernie-speed-128k', context: 131072, prices: [{ input: 0, output: 0 }] },
      { id: 'ernie-lite-8k', context: 8192, prices: [{ input: 0, output: 0 }] },
      { id: 'ernie-char-8k', context: 8192 },
      { id: 'embedding-v1', kind: 'embedding', context: 384, prices: [{ input: 0.5, output: 0 }] },
      { id: 'bge-large-zh', kind: 'embedding', context: 512, prices: [{ input: 0.5, output: 0 }] },
    ],
  },
  {
    id: 'dashscope',
    names: { zh: '通义千问（DashScope 原生）', en: 'Alibaba DashScope (native)' },
    protocol: 'dashscope',
    // /api/v1/services/aigc/text-generation/generation and /api/v1/services/embeddings/text-embedding/text-embedding
    baseUrl: 'https://dashscope.aliyuncs.com',
    auth: 'bearer',
    envKeys: [],
    credentials: ['api_key'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://help.aliyun.com/zh/model-studio/developer-reference/use-qwen-by-calling-api',
    models: [
      { id: 'qwen-turbo', context: 129024, maxOutput: 16384, prices: [{ input: 0.3, output: 0.6 }] },
      { id: 'qwen-plus', context: 129024, maxOutput: 16384, prices: [{ input: 0.8, output: 2 }] },
      { id: 'qwen-max', context: 30720, maxOutput: 8192, prices: [{ input: 2.4, output: 9.6 }] },
      { id: 'qwen-long', context: 10000000, prices: [{ input: 0.5, output: 2 }] },
      { id: 'text-embedding-v3', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
      { id: 'text-embedding-v2', kind: 'embedding', context: 2048, prices: [{ input: 0.7, output: 0 }] },
    ],
  },
  {
    id: 'spark-ws',
    names: { zh: '讯飞星火（WebSocket 原生）', en: 'iFlytek Spark (WebSocket native)' },
    protocol: 'spark-ws',
    // wss://spark-api.xf-yun.com/{version}/chat, HMAC-SHA256 signed URL; the version table lives in the adapter.
    baseUrl: 'wss://spark-api.xf-yun.com',
    auth: 'none',
    envKeys: [],
    credentials: ['app_id', 'api_key', 'api_secret'],
    currency: 'CNY',
    // Model ids are Spark "domain" values.
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
    id: 'hunyuan-tc3',
    names: { zh: '腾讯混元（TC3 原生）', en: 'Tencent Hunyuan (TC3 native)' },
    protocol: 'hunyuan-tc3',
    // POST / with X-TC-Action: ChatCompletions | GetEmbedding, X-TC-Version: 2023-09-01, TC3-HMAC-SHA256.
    baseUrl: 'https://hunyuan.tencentcloudapi.com',
    auth: 'none',
    envKeys: [],
    credentials: ['secret_id', 'secret_key'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://cloud.tencent.com/document/api/1729/105701',
    models: [
      { id: 'hunyuan-turbos-latest', context: 32768, prices: [{ input: 0.8, output: 2 }] },
      { id: 'hunyuan-t1-latest', context: 92000, prices: [{ input: 1, output: 4 }] },
      { id: 'hunyuan-lite', context: 262144, prices: [{ input: 0, output: 0 }] },
      { id: 'hunyuan-standard', context: 32768, prices: [{ input: 0.8, output: 2 }] },
      { id: 'hunyuan-pro', context: 32768, prices: [{ input: 30, output: 100 }] },
      { id: 'hunyuan-embedding', kind: 'embedding', context: 1024, prices: [{ input: 0.7, output: 0 }] },
    ],
  },
];
