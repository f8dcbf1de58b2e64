/** Provider types the form offers (catalog ids and protocols) and the credentials each needs. */
export type CredentialField = 'api_key' | 'secret_key' | 'secret_id' | 'app_id' | 'api_secret';

export interface ProviderType {
  value: string;
  zh: string;
  en: string;
  /** Credential fields the type needs, in form order. */
  credentials: CredentialField[];
  /** Default base URL; empty when the user must give one. */
  baseUrl: string;
  /** The key may be left empty (local / self-hosted). */
  keyOptional?: boolean;
  /** Offers `auth: jwt` (Zhipu id.secret keys, SenseNova AK/SK). */
  jwt?: boolean;
}

const key: CredentialField[] = ['api_key'];

export const PROVIDER_TYPES: ProviderType[] = [
  { value: 'openai-compatible', zh: '通用 OpenAI 兼容接口', en: 'Generic OpenAI-compatible', credentials: key, baseUrl: '', keyOptional: true },
  { value: 'deepseek', zh: '深度求索 DeepSeek', en: 'DeepSeek', credentials: key, baseUrl: 'https://api.deepseek.com/v1' },
  { value: 'qwen', zh: '通义千问（兼容模式）', en: 'Alibaba Qwen (DashScope)', credentials: key, baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1' },
  { value: 'zhipu', zh: '智谱 GLM', en: 'Zhipu GLM', credentials: key, baseUrl: 'https://open.bigmodel.cn/api/paas/v4', jwt: true },
  { value: 'moonshot', zh: '月之暗面 Kimi', en: 'Moonshot Kimi', credentials: key, baseUrl: 'https://api.moonshot.cn/v1' },
  { value: 'doubao', zh: '豆包 火山方舟', en: 'ByteDance Doubao (Volcano Ark)', credentials: key, baseUrl: 'https://ark.cn-beijing.volces.com/api/v3' },
  { value: 'qianfan', zh: '千帆 文心（v2）', en: 'Baidu Qianfan (ERNIE v2)', credentials: key, baseUrl: 'https://qianfan.baidubce.com/v2' },
  { value: 'ernie', zh: '文心一言（千帆 v1 原生）', en: 'Baidu ERNIE (Qianfan v1 native)', credentials: ['api_key', 'secret_key'], baseUrl: 'https://aip.baidubce.com' },
  { value: 'dashscope', zh: '通义千问（DashScope 原生）', en: 'Alibaba DashScope (native)', credentials: key, baseUrl: 'https://dashscope.aliyuncs.com' },
  { value: 'hunyuan', zh: '腾讯混元', en: 'Tencent Hunyuan', credentials: key, baseUrl: 'https://api.hunyuan.cloud.tencent.com/v1' },
  { value: 'hunyuan-tc3', zh: '腾讯混元（TC3 原生）', en: 'Tencent Hunyuan (TC3 native)', credentials: ['secret_id', 'secret_key'], baseUrl: 'https://hunyuan.tencentcloudapi.com' },
  { value: 'spark', zh: '讯飞星火', en: 'iFlytek Spark', credentials: key, baseUrl: 'https://spark-api-open.xf-yun.com/v1' },
  { value: 'spark-ws', zh: '讯飞星火（WebSocket 原生）', en: 'iFlytek Spark (WebSocket native)', credentials: ['app_id', 'api_key', 'api_secret'], baseUrl: 'wss://spark-api.xf-yun.com' },
  { value: 'sensenova', zh: '商汤日日新', en: 'SenseTime SenseNova', credentials: key, baseUrl: 'https://api.sensenova.cn/compatible-mode/v1', jwt: true },
  { value: 'minimax', zh: 'MiniMax 稀宇', en: 'MiniMax', credentials: key, baseUrl: 'https://api.minimaxi.com/v1' },
  { value: 'baichuan', zh: '百川', en: 'Baichuan', credentials: key, baseUrl: 'https://api.baichuan-ai.com/v1' },
  { value: 'yi', zh: '零一万物', en: '01.AI Yi', credentials: key, baseUrl: 'https://api.lingyiwanwu.com/v1' },
  { value: 'stepfun', zh: '阶跃星辰', en: 'StepFun', credentials: key, baseUrl: 'https://api.stepfun.com/v1' },
  { value: '360', zh: '360 智脑', en: '360 Zhinao', credentials: key, baseUrl: 'https://api.360.cn/v1' },
  { value: 'siliconflow', zh: '硅基流动', en: 'SiliconFlow', credentials: key, baseUrl: 'https://api.siliconflow.cn/v1' },
  { value: 'openai', zh: 'OpenAI', en: 'OpenAI', credentials: key, baseUrl: 'https://api.openai.com/v1' },
  { value: 'azure-openai', zh: '微软 Azure OpenAI', en: 'Azure OpenAI', credentials: key, baseUrl: '' },
  { value: 'anthropic', zh: 'Anthropic Claude', en: 'Anthropic Claude', credentials: key, baseUrl: 'https://api.anthropic.com/v1' },
  { value: 'gemini', zh: '谷歌 Gemini', en: 'Google Gemini', credentials: key, baseUrl: 'https://generativelanguage.googleapis.com/v1beta' },
  { value: 'ollama', zh: 'Ollama 本地模型', en: 'Ollama', credentials: key, baseUrl: 'http://localhost:11434/v1', keyOptional: true },
  { value: 'vllm', zh: 'vLLM 自托管', en: 'vLLM (self-hosted)', credentials: key, baseUrl: '', keyOptional: true },
  { value: 'llamacpp-server', zh: 'llama.cpp 服务器', en: 'llama.cpp server', credentials: key, baseUrl: 'http://127.0.0.1:8080/v1', keyOptional: true },
];

const byValue = new Map(PROVIDER_TYPES.map((p) => [p.value, p]));

/** The form's view of a type; unknown types (set in baimo.yaml) behave like a generic key provider. */
export function providerType(value: string | undefined): ProviderType {
  return (value && byValue.get(value)) || { value: value ?? '', zh: value ?? '', en: value ?? '', credentials: key, baseUrl: '', keyOptional: true };
}

/** Fields that are stored encrypted and never read back. */
export const SECRET: ReadonlySet<CredentialField> = new Set(['api_key', 'secret_key', 'api_secret']);
