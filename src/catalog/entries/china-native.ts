import type { CatalogEntry, ModelInfo } from '../types.js';
import { chinaCloudEntries } from './china-clouds.js';

/**
 * The native entries serve the same models as their OpenAI-compatible siblings: take them (with
 * their context windows and prices) from there, so a price is kept in one place.
 */
function modelsOf(entryId: string, ids: string[]): ModelInfo[] {
  const entry = chinaCloudEntries.find((e) => e.id === entryId);
  return ids.map((id) => {
    const m = entry?.models.find((x) => x.id === id);
    if (!m) throw new Error(`catalog: ${entryId} has no model ${id}`);
    return m;
  });
}

/**
 * The vendors' native APIs, for accounts that hold AK/SK pairs rather than bearer keys. Each has its
 * own adapter (`src/providers/<protocol>/`).
 */
export const chinaNativeEntries: CatalogEntry[] = [
  {
    id: 'ernie',
    names: { zh: '文心一言（千帆 v1 原生）', en: 'Baidu ERNIE (Qianfan v1 native)' },
    brand: { mark: '文心', color: '#2932e1' },
    protocol: 'ernie',
    // Chat: /rpc/2.0/ai_custom/v1/wenxinworkshop/chat/{endpoint}?access_token=…; token from /oauth/2.0/token.
    baseUrl: 'https://aip.baidubce.com',
    auth: 'none',
    envKeys: [],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://cloud.baidu.com/doc/WENXINWORKSHOP/s/jlil56u11',
    models: modelsOf('qianfan', [
      'ernie-4.0-8k',
      'ernie-4.0-turbo-8k',
      'ernie-3.5-8k',
      'ernie-3.5-128k',
      'ernie-speed-128k',
      'ernie-lite-8k',
      'ernie-char-8k',
      'embedding-v1',
      'bge-large-zh',
    ]),
  },
  {
    id: 'dashscope',
    names: { zh: '通义千问（DashScope 原生）', en: 'Alibaba DashScope (native)' },
    brand: { mark: '通义', color: '#615ced' },
    protocol: 'dashscope',
    // /api/v1/services/aigc/text-generation/generation and /api/v1/services/embeddings/text-embedding/text-embedding
    baseUrl: 'https://dashscope.aliyuncs.com',
    auth: 'bearer',
    envKeys: [],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://help.aliyun.com/zh/model-studio/developer-reference/use-qwen-by-calling-api',
    models: [
      ...modelsOf('qwen', ['qwen-turbo', 'qwen-plus', 'qwen-max', 'qwen-long', 'text-embedding-v3']),
      { id: 'text-embedding-v2', kind: 'embedding', context: 2048, prices: [{ input: 0.7, output: 0 }] },
    ],
  },
  {
    id: 'spark-ws',
    names: { zh: '讯飞星火（WebSocket 原生）', en: 'iFlytek Spark (WebSocket native)' },
    brand: { mark: '星火', color: '#1677ff' },
    protocol: 'spark-ws',
    // wss://spark-api.xf-yun.com/{version}/chat, HMAC-SHA256 signed URL; the version table lives in the adapter.
    baseUrl: 'wss://spark-api.xf-yun.com',
    auth: 'none',
    envKeys: [],
    currency: 'CNY',
    // Model ids are Spark "domain" values.
    models: modelsOf('spark', ['lite', 'generalv3', 'pro-128k', 'generalv3.5', 'max-32k', '4.0Ultra']),
  },
  {
    id: 'hunyuan-tc3',
    names: { zh: '腾讯混元（TC3 原生）', en: 'Tencent Hunyuan (TC3 native)' },
    brand: { mark: '混元', color: '#0052d9' },
    protocol: 'hunyuan-tc3',
    // POST / with X-TC-Action: ChatCompletions | GetEmbedding, X-TC-Version: 2023-09-01, TC3-HMAC-SHA256.
    baseUrl: 'https://hunyuan.tencentcloudapi.com',
    auth: 'none',
    envKeys: [],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://cloud.tencent.com/document/api/1729/105701',
    models: modelsOf('hunyuan', [
      'hunyuan-turbos-latest',
      'hunyuan-t1-latest',
      'hunyuan-lite',
      'hunyuan-standard',
      'hunyuan-pro',
      'hunyuan-embedding',
    ]),
  },
];
