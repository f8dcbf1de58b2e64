import type { Usage } from '../../core/chat-types.js';

/** Token counts on Ollama's final (`done: true`) object. */
export function mapUsage(body: { prompt_eval_count?: number; eval_count?: number }): Usage | undefined {
  const prompt = num(body.prompt_eval_count);
  const completion = num(body.eval_count);
  if (prompt === undefined && completion === undefined) return undefined;
  return { promptTokens: prompt ?? 0, completionTokens: completion ?? 0 };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
