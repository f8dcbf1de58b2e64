import type { RequestLogRow } from '../src/store/schema.js';

/**
 * The deterministic request-log rows of the log benchmarks (`bench/logs-query.ts`, `bench/log-writer.ts`):
 * 20 workspaces (one with 40 % of the traffic), 200 apps, 2000 keys, 30 models, ~3 % errors, 10 %
 * streams, 2 % cache hits. Everything draws from one seeded generator, so a run makes the same rows
 * (and the same query parameters after them) every time; the order of the draws is part of that.
 */

export const DAYS = 30;
export const DAY_MS = 86_400_000;
export const USD_CNY = 7.2;

// Deterministic data: mulberry32, so runs are comparable.
let seed = 20_260_101;
export function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
/** Roughly normal (sum of three uniforms), mean 0, sd 1. */
export const gauss = (): number => (rand() + rand() + rand() - 1.5) * 2;

/** Picks an index with probability proportional to `weights`. */
export function picker(weights: number[]): () => number {
  const cum: number[] = [];
  let sum = 0;
  for (const w of weights) cum.push((sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    for (let hi = cum.length - 1; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
export const zipf = (n: number, s = 1): number[] => Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);

// Most used first: [name, provider, upstream model, input and output price per million tokens, currency].
export type Model = [string, string, string, number, number, 'CNY' | 'USD'];
export const MODELS: Model[] = [
  ['deepseek/deepseek-chat', 'deepseek', 'deepseek-chat', 2, 8, 'CNY'],
  ['qwen/qwen-plus', 'qwen', 'qwen-plus', 0.8, 2, 'CNY'],
  ['chat', 'deepseek', 'deepseek-chat', 2, 8, 'CNY'],
  ['fast', 'qwen', 'qwen-turbo', 0.3, 0.6, 'CNY'],
  ['deepseek/deepseek-reasoner', 'deepseek', 'deepseek-reasoner', 4, 16, 'CNY'],
  ['qwen/qwen-max', 'qwen', 'qwen-max', 2.4, 9.6, 'CNY'],
  ['moonshot/kimi-k2-0905-preview', 'moonshot', 'kimi-k2-0905-preview', 4, 16, 'CNY'],
  ['zhipu/glm-4.5', 'zhipu', 'glm-4.5', 2, 8, 'CNY'],
  ['qwen/qwen-turbo', 'qwen', 'qwen-turbo', 0.3, 0.6, 'CNY'],
  ['smart', 'qwen', 'qwen-max', 2.4, 9.6, 'CNY'],
  ['doubao/doubao-seed-1.6', 'doubao', 'doubao-seed-1-6-250615', 0.8, 8, 'CNY'],
  ['openai/gpt-4o-mini', 'openai', 'gpt-4o-mini', 0.15, 0.6, 'USD'],
  ['qwen/text-embedding-v3', 'qwen', 'text-embedding-v3', 0.5, 0, 'CNY'],
  ['reasoning', 'deepseek', 'deepseek-reasoner', 4, 16, 'CNY'],
  ['zhipu/glm-4-flash', 'zhipu', 'glm-4-flash', 0, 0, 'CNY'],
  ['code', 'qwen', 'qwen3-coder-plus', 4, 16, 'CNY'],
  ['qwen/qwen3-coder-plus', 'qwen', 'qwen3-coder-plus', 4, 16, 'CNY'],
  ['openai/gpt-4o', 'openai', 'gpt-4o', 2.5, 10, 'USD'],
  ['moonshot/moonshot-v1-8k', 'moonshot', 'moonshot-v1-8k', 2, 10, 'CNY'],
  ['embed', 'qwen', 'text-embedding-v3', 0.5, 0, 'CNY'],
  ['doubao/doubao-1.5-lite-32k', 'doubao', 'doubao-1-5-lite-32k-250115', 0.3, 0.6, 'CNY'],
  ['qwen/qwen-long', 'qwen', 'qwen-long', 0.5, 2, 'CNY'],
  ['anthropic/claude-sonnet-4', 'anthropic', 'claude-sonnet-4-20250514', 3, 15, 'USD'],
  ['cheap', 'zhipu', 'glm-4-flash', 0, 0, 'CNY'],
  ['minimax/MiniMax-M1', 'minimax', 'MiniMax-M1', 0.8, 8, 'CNY'],
  ['ollama/qwen2.5:7b', 'ollama', 'qwen2.5:7b', 0, 0, 'CNY'],
  ['hunyuan/hunyuan-turbos-latest', 'hunyuan', 'hunyuan-turbos-latest', 0.8, 2, 'CNY'],
  ['long', 'moonshot', 'moonshot-v1-128k', 10, 30, 'CNY'],
  ['vllm/Qwen3-32B', 'vllm', 'Qwen/Qwen3-32B', 0, 0, 'CNY'],
  ['baichuan/Baichuan4-Turbo', 'baichuan', 'Baichuan4-Turbo', 15, 15, 'CNY'],
];
export const pickModel = picker(zipf(MODELS.length, 1.1));

// Tenancy: ws_00 is the big workspace (40% of traffic, 40 apps, 400 keys); the rest share 60% by Zipf.
export const WORKSPACES = Array.from({ length: 20 }, (_, i) => `ws_${String(i).padStart(2, '0')}`);
const wsOf = (n: number, bigShare: number): number => (n < bigShare ? 0 : 1 + ((n - bigShare) % 19));
export const APPS = Array.from({ length: 200 }, (_, i) => ({ id: `app_${String(i).padStart(3, '0')}`, ws: wsOf(i, 40) }));
const appsByWs = WORKSPACES.map((_, w) => APPS.filter((a) => a.ws === w));
export const KEYS = Array.from({ length: 2000 }, (_, k) => {
  const ws = wsOf(k, 400);
  const apps = appsByWs[ws];
  // One key in ten belongs to no app; each key has a main model and a second one.
  const app = k % 10 === 9 ? null : apps[k % apps.length].id;
  return { id: `key_${String(k).padStart(4, '0')}`, ws, app, main: pickModel(), second: pickModel() };
});
const keysByWs = WORKSPACES.map((_, w) => KEYS.filter((k) => k.ws === w));
const pickWs = picker([40, ...zipf(19).map((w, _, all) => (60 * w) / all.reduce((a, b) => a + b))]);
const keyPickers = keysByWs.map((ks) => picker(zipf(ks.length)));
const PROCESSES = ['3f9a1c02b7de', '8e41d0a97c53', 'c27b6f1e04a8'];

export const NOW = Date.now() - 60_000;
export const START = NOW - DAYS * DAY_MS;

/**
 * Row `i` of `n`: time ascends from `from` to `to` (by default the 30 days before `NOW`) with a few
 * seconds of jitter.
 */
export function makeRow(i: number, n: number, from = START, to = NOW): RequestLogRow {
  const t = Math.round(from + ((i + 0.5) * (to - from)) / n + (rand() - 0.5) * 4000);
  const ws = pickWs();
  const key = keysByWs[ws][keyPickers[ws]()];
  const r = rand();
  const m = MODELS[r < 0.7 ? key.main : r < 0.9 ? key.second : pickModel()];
  const embeddings = m[2].startsWith('text-embedding');
  const s = rand();
  const status = s < 0.015 ? 429 : s < 0.023 ? 500 : s < 0.0298 ? 502 : s < 0.03 ? 401 : 200; // 401: a revoked provider key
  const limited = status === 429 && rand() < 0.5; // baimo's own limiter: no upstream call
  const ok = status === 200;
  const hit = ok && !embeddings && rand() < 0.02;
  const stream = !embeddings && rand() < 0.1;
  const prompt = ok ? Math.min(64_000, Math.round(Math.exp(6.4 + gauss()))) : 0;
  const completion = ok && !embeddings ? Math.min(8000, Math.round(Math.exp(5.5 + 0.8 * gauss()))) : 0;
  const cost = hit ? 0 : (prompt * m[3] + completion * m[4]) / 1e6;
  const latency = hit ? 2 + Math.round(rand() * 8) : ok ? Math.round(250 + completion * (12 + rand() * 30)) : Math.round(rand() * 3000);
  return {
    id: `req_${t.toString(36)}${PROCESSES[i % 3]}${(i + 1).toString(36).padStart(7, '0')}`,
    created_at: t,
    key_id: key.id,
    workspace_id: WORKSPACES[ws],
    app_id: key.app,
    endpoint: embeddings ? 'embeddings' : 'chat',
    model_requested: m[0],
    provider: limited ? null : m[1],
    upstream_model: limited ? null : m[2],
    attempts: limited || hit ? 0 : status === 502 ? 3 : 1,
    status,
    error_type: ok
      ? null
      : status === 429
        ? 'rate_limit_error'
        : status === 500
          ? 'server_error'
          : status === 401
            ? 'authentication_error'
            : 'upstream_error',
    error_message: ok ? null : status === 429 ? 'Rate limit reached: 60 requests per minute.' : `Upstream ${m[1]} failed: HTTP ${status}`,
    prompt_tokens: prompt,
    completion_tokens: completion,
    cached_tokens: ok && rand() < 0.2 ? Math.floor(prompt * rand() * 0.8) : 0,
    estimated: stream && rand() < 0.1 ? 1 : 0,
    cost,
    currency: ok ? m[5] : null,
    cost_cny: m[5] === 'USD' ? cost * USD_CNY : cost,
    latency_ms: latency,
    ttft_ms: stream && ok ? Math.min(latency, Math.round(200 + rand() * 1500)) : null,
    stream: stream ? 1 : 0,
    finish_reason: ok && !embeddings ? (rand() < 0.03 ? 'length' : rand() < 0.05 ? 'tool_calls' : 'stop') : null,
    cache_hit: hit ? 1 : 0,
    session_id: rand() < 0.3 ? `sess_${key.id}_${Math.floor(t / 3_600_000)}` : null,
    user_id: rand() < 0.5 ? `user_${Math.floor(rand() * 5000)}` : null,
    client_ip: `10.${key.ws}.${Number(key.id.slice(4)) % 256}.${1 + (i % 250)}`,
    request_body: null,
    response_body: null,
  };
}
