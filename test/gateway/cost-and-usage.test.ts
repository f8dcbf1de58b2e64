import { describe, expect, it } from 'vitest';
import { getCatalogEntry } from '../../src/catalog/catalog.js';
import { computeCost } from '../../src/gateway/cost.js';
import { UsageAccumulator } from '../../src/gateway/usage-accumulator.js';

describe('cost', () => {
  it('prices USD models and converts to CNY at the configured rate', () => {
    const openai = getCatalogEntry('openai')!;
    // gpt-4o: $2.5 in, $10 out, $1.25 cached per 1M.
    const c = computeCost(openai, 'gpt-4o-2024-08-06', { promptTokens: 1_000_000, completionTokens: 100_000, cachedTokens: 200_000 }, 7.1);
    expect(c.currency).toBe('USD');
    expect(c.amount).toBeCloseTo(0.8 * 2.5 + 0.2 * 1.25 + 0.1 * 10, 8);
    expect(c.cny).toBeCloseTo(c.amount * 7.1, 8);
  });

  it('uses the tier that matches the prompt size', () => {
    const qwen = getCatalogEntry('qwen')!;
    const small = computeCost(qwen, 'qwen3-max', { promptTokens: 10_000, completionTokens: 0 }, 7.2);
    const large = computeCost(qwen, 'qwen3-max', { promptTokens: 200_000, completionTokens: 0 }, 7.2);
    expect(small.currency).toBe('CNY');
    expect(large.amount / 200_000).toBeGreaterThan(small.amount / 10_000);
  });

  it('is zero with no currency for unknown models', () => {
    expect(computeCost(getCatalogEntry('openai')!, 'my-finetune', { promptTokens: 10, completionTokens: 10 }, 7.2)).toEqual({
      amount: 0,
      currency: null,
      cny: 0,
    });
  });
});

describe('stream usage', () => {
  const req = { messages: [{ role: 'user' as const, content: 'hello' }] };

  it('takes the latest of cumulative reports', async () => {
    const acc = new UsageAccumulator();
    acc.observe({ type: 'usage', usage: { promptTokens: 10, completionTokens: 1 }, cumulative: true });
    acc.observe({ type: 'usage', usage: { promptTokens: 10, completionTokens: 5 }, cumulative: true });
    expect(await acc.settle(req)).toEqual({ promptTokens: 10, completionTokens: 5 });
  });

  it('adds up incremental reports', async () => {
    const acc = new UsageAccumulator();
    acc.observe({ type: 'usage', usage: { promptTokens: 10, completionTokens: 0 }, cumulative: false });
    acc.observe({ type: 'usage', usage: { promptTokens: 0, completionTokens: 3 }, cumulative: false });
    acc.observe({ type: 'usage', usage: { promptTokens: 0, completionTokens: 4 }, cumulative: false });
    expect(await acc.settle(req)).toEqual({ promptTokens: 10, completionTokens: 7 });
  });

  it('estimates the completion when only the prompt was reported, and flags it', async () => {
    const acc = new UsageAccumulator();
    acc.observe({ type: 'usage', usage: { promptTokens: 12, completionTokens: 0 } });
    acc.observe({ type: 'text-delta', text: 'hello world, this is the answer' });
    const u = await acc.settle(req);
    expect(u.promptTokens).toBe(12);
    expect(u.completionTokens).toBeGreaterThan(3);
    expect(u.estimated).toBe(true);
  });

  it('estimates everything when nothing was reported', async () => {
    const acc = new UsageAccumulator();
    acc.observe({ type: 'text-delta', text: '你好，世界' });
    acc.observe({ type: 'tool-call-delta', index: 0, name: 'lookup', argumentsDelta: '{"q":"x"}' });
    const u = await acc.settle(req);
    expect(u).toMatchObject({ estimated: true });
    expect(u.promptTokens).toBeGreaterThan(0);
    expect(u.completionTokens).toBeGreaterThan(3);
  });
});
