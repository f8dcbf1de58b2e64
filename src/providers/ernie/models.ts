/**
 * Model id → wenxinworkshop endpoint, as data. Keys are lower-case (model ids are matched
 * case-insensitively); an id that is not listed is used, lower-cased, as the endpoint itself so a
 * newly published model works without a code change (Baidu names most new endpoints after the model).
 */
export const CHAT_ENDPOINTS: Readonly<Record<string, string>> = {
  'ernie-4.0-8k': 'completions_pro',
  'ernie-4.0': 'completions_pro',
  'ernie-bot-4': 'completions_pro',
  'ernie-3.5-8k': 'completions',
  'ernie-bot': 'completions',
  'ernie-bot-turbo': 'eb-instant',
  'ernie-bot-8k': 'ernie_bot_8k',
  'ernie-speed': 'ernie_speed',
  'ernie-speed-8k': 'ernie_speed',
  'ernie-speed-128k': 'ernie-speed-128k',
  'ernie-lite-8k': 'ernie-lite-8k',
  'ernie-lite-8k-0308': 'ernie-lite-8k',
  'ernie-lite-8k-0922': 'eb-instant',
  'ernie-4.0-turbo-8k': 'ernie-4.0-turbo-8k',
  'ernie-3.5-128k': 'ernie-3.5-128k',
  'ernie-char-8k': 'ernie-char-8k',
  'ernie-tiny-8k': 'ernie-tiny-8k',
  'bloomz-7b': 'bloomz_7b1',
};

/** Embedding model id → endpoint under `…/wenxinworkshop/embeddings/`. */
export const EMBED_ENDPOINTS: Readonly<Record<string, string>> = {
  'embedding-v1': 'embedding-v1',
  'bge-large-zh': 'bge_large_zh',
  'bge-large-en': 'bge_large_en',
  'tao-8k': 'tao_8k',
};

/** How many texts one embeddings call accepts (Baidu's documented limits: 16, tao_8k only 1). */
export const EMBED_BATCH: Readonly<Record<string, number>> = { tao_8k: 1 };
export const DEFAULT_EMBED_BATCH = 16;

export function chatEndpoint(model: string): string {
  const id = model.trim().toLowerCase();
  return CHAT_ENDPOINTS[id] ?? id;
}

export function embedEndpoint(model: string): string {
  const id = model.trim().toLowerCase();
  return EMBED_ENDPOINTS[id] ?? EMBED_ENDPOINTS[id.replace(/_/g, '-')] ?? id;
}
