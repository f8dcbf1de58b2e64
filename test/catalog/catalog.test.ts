import { describe, expect, it } from 'vitest';
import { CATALOG, findModelInfo, getCatalogEntry, priceFor } from '../../src/catalog/catalog.js';
import type { CatalogEntry } from '../../src/catalog/types.js';
import { ADAPTERS } from '../../src/providers/adapters.js';
import { adapterFor } from '../../src/providers/registry.js';

const REQUIRED_IDS = [
  'openai',
  'azure-openai',
  'deepseek',
  'moonshot',
  'qwen',
  'qianfan',
  'zhipu',
  'doubao',
  '360',
  'baichuan',
  'yi',
  'stepfun',
  'sensenova',
  'minimax',
  'hunyuan',
  'spark',
  'siliconflow',
  'vllm',
  'llamacpp-server',
  'ollama',
  'openai-compatible',
  'anthropic',
  'gemini',
  'ollama-native',
  'llama-cpp',
];

// Entries whose URL only the user can know (or that run in-process).
const USER_URL_IDS = new Set(['azure-openai', 'vllm', 'openai-compatible', 'llama-cpp']);

function entry(id: string): CatalogEntry {
  const found = getCatalogEntry(id);
  if (!found) throw new Error(`catalog has no entry "${id}"`);
  return found;
}

describe('catalog data', () => {
  it('has unique entry ids', () => {
    const ids = CATALOG.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every required provider', () => {
    for (const id of REQUIRED_IDS) expect(getCatalogEntry(id), id).toBeDefined();
  });

  it.each(CATALOG.map((e) => [e.id, e] as const))('%s is well-formed', (_id, e) => {
    expect(e.names.zh.trim()).not.toBe('');
    expect(e.names.en.trim()).not.toBe('');
    expect(ADAPTERS.map((a) => a.protocol)).toContain(e.protocol);
    expect(['CNY', 'USD']).toContain(e.currency);
    if (e.baseUrl === '') {
      expect(USER_URL_IDS.has(e.id), `${e.id} needs a default baseUrl`).toBe(true);
    } else {
      const url = new URL(e.baseUrl);
      expect(e.protocol === 'spark-ws' ? ['wss:'] : ['http:', 'https:']).toContain(url.protocol);
      expect(e.baseUrl.endsWith('/'), 'no trailing slash').toBe(false);
    }
    // Zero-config discovery finds keyed providers by env var; native protocols with required credentials need a config.
    const needsConfig = adapterFor(e.protocol).credentials.some((c) => c.required);
    if (!e.keyOptional && !needsConfig) expect(e.envKeys.length).toBeGreaterThan(0);
    const modelIds = e.models.map((m) => m.id);
    expect(new Set(modelIds).size, 'unique model ids').toBe(modelIds.length);
  });

  it('has non-negative prices and ordered tiers', () => {
    for (const e of CATALOG) {
      for (const m of e.models) {
        const where = `${e.id}/${m.id}`;
        if (m.context !== undefined) expect(m.context, where).toBeGreaterThan(0);
        const tiers = m.prices ?? [];
        tiers.forEach((t, i) => {
          for (const v of [t.input, t.output, t.cached ?? 0]) {
            expect(Number.isFinite(v) && v >= 0, where).toBe(true);
          }
          if (i < tiers.length - 1) {
            expect(t.upTo, `${where}: only the last tier may omit upTo`).toBeDefined();
            const next = tiers[i + 1].upTo;
            if (next !== undefined) expect(next, where).toBeGreaterThan(t.upTo!);
          }
        });
      }
    }
  });

  it('marks embedding models on entries that serve /embeddings', () => {
    for (const e of CATALOG) {
      if (e.models.some((m) => m.kind === 'embedding')) expect(e.embeddings, e.id).toBe(true);
    }
    expect(findModelInfo(entry('openai'), 'text-embedding-3-small')?.kind).toBe('embedding');
    expect(findModelInfo(entry('siliconflow'), 'BAAI/bge-large-zh-v1.5')?.kind).toBe('embedding');
    expect(findModelInfo(entry('gemini'), 'gemini-embedding-001')?.kind).toBe('embedding');
  });

  it('carries the wire details adapters rely on', () => {
    expect(entry('qwen').baseUrl).toBe('https://dashscope.aliyuncs.com/compatible-mode/v1');
    expect(entry('qwen').quirks?.flattenContent).toBe(true);
    expect(entry('zhipu').quirks?.temperatureRange).toEqual([0, 1]);
    expect(entry('zhipu').auth).toBe('bearer');
    expect(entry('baichuan').quirks?.temperatureScale).toBe(0.5);
    expect(entry('spark').quirks?.noStreamWithTools).toBe(true);
    expect(entry('azure-openai').auth).toBe('api-key-header');
    expect(entry('azure-openai').query).toEqual({ 'api-version': '2024-10-21' });
    expect(entry('anthropic').headers).toEqual({ 'anthropic-version': '2023-06-01' });
    expect(entry('gemini').auth).toBe('x-goog-api-key');
    expect(entry('ollama').baseUrl).toBe('http://localhost:11434/v1');
    expect(entry('ollama').keyOptional).toBe(true);
    expect(entry('llama-cpp').models).toEqual([]);
    expect(entry('deepseek').currency).toBe('CNY');
    expect(entry('openai').currency).toBe('USD');
  });
});

describe('getCatalogEntry', () => {
  it('returns undefined for unknown ids', () => {
    expect(getCatalogEntry('nope')).toBeUndefined();
  });
});

describe('findModelInfo', () => {
  const openai = entry('openai');

  it('matches exact ids', () => {
    expect(findModelInfo(openai, 'gpt-4o')?.id).toBe('gpt-4o');
  });

  it('matches case-insensitively', () => {
    expect(findModelInfo(openai, 'GPT-4o-Mini')?.id).toBe('gpt-4o-mini');
    expect(findModelInfo(entry('baichuan'), 'baichuan4-turbo')?.id).toBe('Baichuan4-Turbo');
  });

  it('matches dated snapshots and tags by the longest prefix', () => {
    expect(findModelInfo(openai, 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
    expect(findModelInfo(openai, 'gpt-4o-mini-2024-07-18')?.id).toBe('gpt-4o-mini');
    expect(findModelInfo(entry('anthropic'), 'claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(findModelInfo(entry('qwen'), 'qwen-plus-latest')?.id).toBe('qwen-plus');
    expect(findModelInfo(entry('ollama'), 'llama3.1:8b')?.id).toBe('llama3.1');
  });

  it('does not match across a word or version boundary', () => {
    expect(findModelInfo(entry('hunyuan'), 'hunyuan-turbos-vision')).toBeUndefined();
    expect(findModelInfo(openai, 'gpt-4')).toBeUndefined();
    expect(findModelInfo(openai, 'unknown-model')).toBeUndefined();
  });
});

describe('priceFor', () => {
  const qwen = entry('qwen');
  const qwen3Max = findModelInfo(qwen, 'qwen3-max')!;

  it('picks the tier by prompt size for a tiered model', () => {
    expect(qwen3Max.prices!.length).toBeGreaterThan(1);
    const at = (tokens: number) => priceFor(qwen3Max, qwen, tokens)!.tier;
    expect(at(10_000)).toBe(qwen3Max.prices![0]);
    expect(at(64_000)).toBe(qwen3Max.prices![1]);
    expect(at(200_000)).toBe(qwen3Max.prices![2]);
    expect(at(10_000).input).toBeLessThan(at(64_000).input);
    expect(at(64_000).input).toBeLessThan(at(200_000).input);
  });

  it('uses the entry currency unless the model overrides it', () => {
    expect(priceFor(qwen3Max, qwen, 1)?.currency).toBe('CNY');
    const gpt4o = findModelInfo(entry('openai'), 'gpt-4o')!;
    expect(priceFor(gpt4o, entry('openai'), 1)).toEqual({ tier: gpt4o.prices![0], currency: 'USD' });
    expect(priceFor({ ...gpt4o, currency: 'CNY' }, entry('openai'), 1)?.currency).toBe('CNY');
  });

  it('falls back to the last tier past every bound and to undefined without prices', () => {
    const bounded = {
      id: 'x',
      prices: [
        { upTo: 10, input: 1, output: 1 },
        { upTo: 20, input: 2, output: 2 },
      ],
    };
    expect(priceFor(bounded, qwen, 50)?.tier.input).toBe(2);
    expect(priceFor({ id: 'y' }, qwen, 5)).toBeUndefined();
    expect(priceFor(findModelInfo(entry('doubao'), 'doubao-seed-2-0-pro-260215')!, entry('doubao'), 100_000)?.tier.upTo).toBe(128000);
  });
});
