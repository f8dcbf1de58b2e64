import { findModelInfo } from '../catalog/catalog.js';
import type { BaimoConfig } from '../config/schema.js';
import { catalogEntryFor } from '../providers/registry.js';
import { ARENA_LIMITS } from './arena-types.js';

/** Names and model ids that say they are not chat models: embeddings, rerankers. */
const NOT_CHAT = /embed|rerank|(^|[/_-])bge([_-]|$)|(^|[/_-])m3e([_-]|$)|text2vec/i;

/** What the pool is drawn from: the live model config and the names `/v1/models` lists. */
export interface PoolSource {
  config: Pick<BaimoConfig, 'models' | 'providers'> & { arena?: { models?: readonly string[] } };
  /** Model ids `/v1/models` lists: aliases, then `provider/model` (catalog, configured and discovered). */
  listings: readonly string[];
}

/** Whether `provider/model` is a chat model as far as the catalog and its name tell. */
function isChat(config: PoolSource['config'], provider: string, model: string): boolean {
  if (NOT_CHAT.test(model)) return false;
  const cfg = config.providers[provider];
  const entry = cfg ? catalogEntryFor(cfg) : undefined;
  const info = entry ? findModelInfo(entry, model) : undefined;
  return info?.kind !== 'embedding';
}

/**
 * The models blind battles draw from: `arena.models` when the config lists them; else every chat
 * alias, and every `provider/model` the gateway lists (the console's model picker shows the same)
 * that is a chat model and not already the target of an alias (the alias stands for it). `allowed`
 * (the evaluation key's allow-list) leaves out what the calls could not reach. Sorted, at most
 * {@link ARENA_LIMITS.poolModels}.
 */
export function arenaPool(s: PoolSource, allowed: (model: string) => boolean = () => true): string[] {
  const configured = s.config.arena?.models;
  const out = new Set<string>();
  if (configured && configured.length > 0) {
    for (const m of configured) if (allowed(m)) out.add(m);
    return [...out].slice(0, ARENA_LIMITS.poolModels);
  }
  const aliases = new Set<string>();
  const aliasTargets = new Set<string>();
  for (const a of s.config.models) {
    aliases.add(a.name);
    for (const t of a.targets) aliasTargets.add(`${t.provider}/${t.model}`);
    if (NOT_CHAT.test(a.name) || a.targets.some((t) => !isChat(s.config, t.provider, t.model))) continue;
    if (allowed(a.name)) out.add(a.name);
  }
  for (const id of s.listings) {
    if (aliases.has(id) || aliasTargets.has(id)) continue;
    const slash = id.indexOf('/');
    if (slash <= 0) continue;
    if (id.length > ARENA_LIMITS.modelName || !isChat(s.config, id.slice(0, slash), id.slice(slash + 1))) continue;
    if (allowed(id)) out.add(id);
  }
  return [...out].sort().slice(0, ARENA_LIMITS.poolModels);
}

/** Two different models of the pool, drawn at random, in random order (which is side `a`). */
export function drawPair(pool: readonly string[], random: () => number = Math.random): [string, string] | undefined {
  if (pool.length < 2) return undefined;
  const i = Math.min(pool.length - 1, Math.floor(random() * pool.length));
  let j = Math.min(pool.length - 2, Math.floor(random() * (pool.length - 1)));
  if (j >= i) j++;
  return [pool[i]!, pool[j]!];
}
