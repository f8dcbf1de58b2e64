import type { CatalogEntry } from '../types.js';

// Model labs that run their own OpenAI-compatible API. Prices are CNY per 1M tokens from the
// providers' CN price pages as last known; where only a USD figure was available it is converted
// at 7.2 CNY/USD and marked. Nominal window names ("-8k", "-128k") are written as 8192, 131072, ...

/** DeepSeek, Moonshot, Zhipu, 360, Baichuan, 01.AI, StepFun, SenseTime, MiniMax. */
export const chinaLabEntries: CatalogEntry[] = [
  {
    id: 'deepseek',
    names: { zh: '深度求索', en: 'DeepSeek' },
    brand: { mark: 'DS', color: '#4d6bfe' },
    protocol: 'openai',
    baseUrl: 'https://api.deepseek.com/v1',
    auth: 'bearer',
    envKeys: ['DEEPSEEK_API_KEY'],
    envBaseUrl: 'DEEPSEEK_API_BASE',
    currency: 'CNY',
    docs: 'https://api-docs.deepseek.com',
    // CN list since the V3.2 price cut; it matches the USD 0.28 / 0.028 / 0.42 in LiteLLM's file.
    models: [
      {
        id: 'deepseek-chat',
        context: 131072,
        maxOutput: 8192,
        prices: [{ input: 2, output: 3, cached: 0.2 }],
      },
      {
        id: 'deepseek-reasoner',
        context: 131072,
        maxOutput: 65536,
        prices: [{ input: 2, output: 3, cached: 0.2 }],
      },
    ],
  },
  {
    id: 'moonshot',
    names: { zh: '月之暗面 Kimi', en: 'Moonshot Kimi' },
    brand: { mark: 'Kimi', color: '#16191e' },
    protocol: 'openai',
    baseUrl: 'https://api.moonshot.cn/v1',
    auth: 'bearer',
    envKeys: ['MOONSHOT_API_KEY'],
    envBaseUrl: 'MOONSHOT_API_BASE',
    currency: 'CNY',
    docs: 'https://platform.moonshot.cn/docs',
    models: [
      { id: 'moonshot-v1-8k', context: 8192, prices: [{ input: 2, output: 10 }] },
      { id: 'moonshot-v1-32k', context: 32768, prices: [{ input: 5, output: 20 }] },
      { id: 'moonshot-v1-128k', context: 131072, prices: [{ input: 10, output: 30 }] },
      {
        // kimi-latest bills at the moonshot-v1 rate matching the prompt size.
        id: 'kimi-latest',
        context: 131072,
        prices: [
          { upTo: 8192, input: 2, output: 10, cached: 1 },
          { upTo: 32768, input: 5, output: 20, cached: 1 },
          { input: 10, output: 30, cached: 1 },
        ],
      },
      { id: 'kimi-k2-0711-preview', context: 131072, prices: [{ input: 4, output: 16, cached: 1 }] },
      {
        id: 'kimi-k2-0905-preview',
        context: 262144,
        maxOutput: 262144,
        prices: [{ input: 4, output: 16, cached: 1 }],
      },
      { id: 'kimi-k2-turbo-preview', context: 262144, prices: [{ input: 8, output: 58, cached: 1 }] },
      {
        id: 'kimi-k2-thinking',
        context: 262144,
        maxOutput: 262144,
        prices: [{ input: 4, output: 16, cached: 1 }],
      },
      { id: 'kimi-k2.5', context: 262144 },
    ],
  },
  {
    id: 'zhipu',
    names: { zh: '智谱 GLM', en: 'Zhipu GLM' },
    brand: { mark: '智谱', color: '#3859ff' },
    jwt: {
      style: 'zhipu-jwt',
      credentials: ['api_key'],
      keyFormat: { contains: '.', problem: 'with auth: jwt, Zhipu keys look like id.secret' },
      hint: { zh: 'JWT：用 id.secret 格式的 API Key 签发短期令牌', en: 'JWT: sign short-lived tokens from an id.secret API key' },
      doc: 'HS256 JWT from `id.secret` (`sign_type: SIGN`, ms `exp`/`timestamp`), sent without `Bearer`',
    },
    verified: 'simulated, clamping and JWT (`test/catalog/compatible-family.test.ts`, `test/providers/jwt-auth.test.ts`)',
    protocol: 'openai',
    baseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    // The v4 API accepts the raw key as a Bearer token, so the JWT signing One API does is not needed.
    auth: 'bearer',
    // ZAI_API_KEY is LiteLLM's name; a key issued by z.ai (international) needs
    // baseUrl https://api.z.ai/api/paas/v4.
    envKeys: ['ZHIPUAI_API_KEY', 'ZAI_API_KEY'],
    currency: 'CNY',
    embeddings: true,
    docs: 'https://open.bigmodel.cn/dev/api',
    quirks: { temperatureRange: [0, 1], topPRange: [0, 1] },
    models: [
      { id: 'glm-4-plus', context: 131072, prices: [{ input: 5, output: 5 }] },
      { id: 'glm-4-air', context: 131072, prices: [{ input: 0.5, output: 0.5 }] },
      { id: 'glm-4-flash', context: 131072, prices: [{ input: 0, output: 0 }] },
      { id: 'glm-4-long', context: 1000000, prices: [{ input: 1, output: 1 }] },
      // GLM-4.5/4.6 also have a cheaper row for replies under 200 tokens; we bill the common row.
      {
        id: 'glm-4.5',
        context: 128000,
        maxOutput: 32000,
        prices: [
          { upTo: 32000, input: 3, output: 14 },
          { input: 4, output: 16 },
        ],
      },
      {
        id: 'glm-4.5-air',
        context: 128000,
        maxOutput: 32000,
        prices: [
          { upTo: 32000, input: 0.8, output: 6 },
          { input: 1.2, output: 8 },
        ],
      },
      { id: 'glm-4.5-flash', context: 128000, maxOutput: 32000, prices: [{ input: 0, output: 0 }] },
      {
        id: 'glm-4.6',
        context: 200000,
        maxOutput: 128000,
        prices: [
          { upTo: 32000, input: 3, output: 14 },
          { input: 4, output: 16 },
        ],
      },
      { id: 'embedding-3', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
      { id: 'embedding-2', kind: 'embedding', context: 8192, prices: [{ input: 0.5, output: 0 }] },
    ],
  },
  {
    id: '360',
    names: { zh: '360智脑', en: '360 Zhinao' },
    protocol: 'openai',
    // One API still uses https://ai.360.cn/v1; newer gateways use api.360.cn.
    baseUrl: 'https://api.360.cn/v1',
    auth: 'bearer',
    envKeys: ['AI360_API_KEY'],
    currency: 'CNY',
    quirks: { noStreamWithTools: true },
    // No current price list was verified; 360GPT_S2_V9 carries One API's (older) ratio.
    models: [
      { id: '360gpt2-o1', context: 8192 },
      { id: '360gpt2-pro', context: 8192 },
      { id: '360gpt-pro', context: 8192 },
      { id: '360gpt-turbo', context: 8192 },
      { id: '360GPT_S2_V9', context: 8192, prices: [{ input: 12, output: 12 }] },
    ],
  },
  {
    id: 'baichuan',
    names: { zh: '百川', en: 'Baichuan' },
    verified: 'simulated, temperature scale (`test/catalog/compatible-family.test.ts`)',
    protocol: 'openai',
    baseUrl: 'https://api.baichuan-ai.com/v1',
    auth: 'bearer',
    envKeys: ['BAICHUAN_API_KEY'],
    currency: 'CNY',
    embeddings: true,
    // Baichuan's temperature scale is half of OpenAI's, and it rejects frequency_penalty outside [1,2].
    quirks: { temperatureScale: 0.5, dropParams: ['frequency_penalty'] },
    models: [
      { id: 'Baichuan4', context: 32768, prices: [{ input: 100, output: 100 }] },
      { id: 'Baichuan4-Turbo', context: 32768, prices: [{ input: 15, output: 15 }] },
      { id: 'Baichuan4-Air', context: 32768, prices: [{ input: 0.98, output: 0.98 }] },
      { id: 'Baichuan3-Turbo', context: 32768, prices: [{ input: 12, output: 12 }] },
      { id: 'Baichuan3-Turbo-128k', context: 131072, prices: [{ input: 24, output: 24 }] },
      { id: 'Baichuan2-Turbo', context: 32768, prices: [{ input: 8, output: 8 }] },
      {
        id: 'Baichuan-Text-Embedding',
        kind: 'embedding',
        context: 512,
        prices: [{ input: 0.5, output: 0 }],
      },
    ],
  },
  {
    id: 'yi',
    names: { zh: '零一万物', en: '01.AI Yi' },
    protocol: 'openai',
    baseUrl: 'https://api.lingyiwanwu.com/v1',
    auth: 'bearer',
    envKeys: ['YI_API_KEY', 'LINGYIWANWU_API_KEY'],
    currency: 'CNY',
    models: [
      { id: 'yi-lightning', context: 16384, prices: [{ input: 0.99, output: 0.99 }] },
      { id: 'yi-large', context: 32768, prices: [{ input: 20, output: 20 }] },
      { id: 'yi-large-turbo', context: 16384, prices: [{ input: 12, output: 12 }] },
      { id: 'yi-large-fc', context: 32768, prices: [{ input: 20, output: 20 }] },
      { id: 'yi-large-rag', context: 16384, prices: [{ input: 25, output: 25 }] },
      { id: 'yi-medium', context: 16384, prices: [{ input: 2.5, output: 2.5 }] },
      { id: 'yi-medium-200k', context: 200000, prices: [{ input: 12, output: 12 }] },
      { id: 'yi-spark', context: 16384, prices: [{ input: 1, output: 1 }] },
      { id: 'yi-vision', context: 16384, prices: [{ input: 6, output: 6 }] },
    ],
  },
  {
    id: 'stepfun',
    names: { zh: '阶跃星辰', en: 'StepFun' },
    protocol: 'openai',
    baseUrl: 'https://api.stepfun.com/v1',
    auth: 'bearer',
    envKeys: ['STEPFUN_API_KEY'],
    currency: 'CNY',
    quirks: { noStreamWithTools: true },
    // LobeChat's list (One API's step-1-8k ratio is 1000x too low, see the reference).
    models: [
      { id: 'step-1-8k', context: 8192, prices: [{ input: 5, output: 20 }] },
      { id: 'step-1-32k', context: 32768, prices: [{ input: 15, output: 70 }] },
      { id: 'step-1-128k', context: 131072, prices: [{ input: 40, output: 200 }] },
      { id: 'step-1-256k', context: 262144, prices: [{ input: 95, output: 300 }] },
      { id: 'step-1-flash', context: 8192, prices: [{ input: 1, output: 4 }] },
      { id: 'step-2-16k', context: 16384, prices: [{ input: 38, output: 120 }] },
      { id: 'step-2-mini', context: 8192, prices: [{ input: 1, output: 2 }] },
      { id: 'step-1v-8k', context: 8192, prices: [{ input: 5, output: 20 }] },
      { id: 'step-1v-32k', context: 32768, prices: [{ input: 15, output: 70 }] },
      { id: 'step-1o-vision-32k', context: 32768, prices: [{ input: 15, output: 70 }] },
      { id: 'step-1.5v-mini', context: 32768, prices: [{ input: 8, output: 35 }] },
    ],
  },
  {
    id: 'sensenova',
    names: { zh: '商汤日日新', en: 'SenseTime SenseNova' },
    jwt: {
      style: 'sensenova-jwt',
      credentials: ['api_key', 'secret_key'],
      hint: {
        zh: 'JWT：用 Access Key（API Key）与 Secret Key 签发短期令牌',
        en: 'JWT: sign short-lived tokens from the access key (API key) and secret key',
      },
      doc: 'HS256 JWT from AK (`api_key`) / SK (`secret_key`) (`iss`, `exp`, `nbf`)',
    },
    verified: 'simulated, JWT (`test/providers/jwt-auth.test.ts`)',
    protocol: 'openai',
    baseUrl: 'https://api.sensenova.cn/compatible-mode/v1',
    auth: 'bearer',
    envKeys: ['SENSENOVA_API_KEY'],
    currency: 'CNY',
    // SenseNova accepts temperature in (0,2] and top_p in (0,1): open bounds become the nearest safe value.
    quirks: { temperatureRange: [0.01, 2], topPRange: [0.01, 0.99] },
    // No verified price list; windows from LobeChat.
    models: [
      { id: 'SenseNova-V6-Pro', context: 131072 },
      { id: 'SenseNova-V6-Turbo', context: 131072 },
      { id: 'SenseNova-V6-Reasoner', context: 32768 },
      { id: 'SenseChat-5', context: 131072 },
      { id: 'SenseChat-5-1202', context: 131072 },
      { id: 'SenseChat-Turbo', context: 32768 },
      { id: 'SenseChat-Turbo-1202', context: 32768 },
      { id: 'SenseChat-128K', context: 131072 },
      { id: 'SenseChat-Vision', context: 16384 },
    ],
  },
  {
    id: 'minimax',
    names: { zh: 'MiniMax 稀宇', en: 'MiniMax' },
    brand: { mark: 'MiniMax', color: '#e73562' },
    protocol: 'openai',
    // CN endpoint; international keys need https://api.minimax.io/v1.
    baseUrl: 'https://api.minimaxi.com/v1',
    auth: 'bearer',
    envKeys: ['MINIMAX_API_KEY'],
    envBaseUrl: 'MINIMAX_API_BASE',
    currency: 'CNY',
    models: [
      {
        id: 'MiniMax-M2',
        context: 200000,
        maxOutput: 8192,
        prices: [{ input: 2.1, output: 8.4, cached: 0.21 }],
      },
      {
        id: 'MiniMax-M2.1',
        context: 1000000,
        maxOutput: 8192,
        prices: [{ input: 2.1, output: 8.4, cached: 0.21 }],
      },
      { id: 'MiniMax-M2.5' },
      { id: 'MiniMax-Text-01', context: 1000192, prices: [{ input: 1, output: 8 }] },
      { id: 'MiniMax-VL-01', context: 1000192, prices: [{ input: 1, output: 8 }] },
      { id: 'abab6.5s-chat', context: 245760, prices: [{ input: 1, output: 1 }] },
    ],
  },
];
