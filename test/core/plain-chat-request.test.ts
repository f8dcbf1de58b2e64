import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatRequestSchema } from '../../src/server/v1/chat-request-schema.js';
import { isPlainChatRequest } from '../../src/server/v1/plain-chat-request.js';

// The hand-written check for plain chat requests lets a body skip zod. It must never accept a
// body the schema refuses, nor one the schema would return changed: checked on random bodies built
// around every boundary (roles, content kinds, ranges, integers, extra fields), sent through
// JSON as a client's body would be.

/** Mostly values the schema takes, sometimes one it does not (or one at the edge of a range). */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad as fc.Arbitrary<T | U> });
const inRange = (min: number, max: number) =>
  mostly(
    fc.oneof(fc.double({ min, max, noNaN: true }), fc.constantFrom(min, max, null)),
    fc.constantFrom(min - 0.0001, max + 0.0001, max * 2 + 1, '1', true, [], {}),
  );
const positiveInt = mostly(
  fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(null)),
  fc.constantFrom(0, -1, 1.5, 1e21, 2 ** 53, '8'),
);
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('你好，介绍一下你自己', 'x'));
const content = mostly(text, fc.constantFrom(null, [{ type: 'text', text: 'hi' }], 7));
const message = fc
  .record(
    {
      role: mostly(fc.constantFrom('system', 'developer', 'user', 'assistant'), fc.constantFrom('tool', 'bogus', '')),
      content,
      name: mostly(text, fc.integer()),
      tool_call_id: text,
      extra: text,
    },
    { requiredKeys: ['role', 'content', 'tool_call_id', 'extra'] },
  )
  .map(({ tool_call_id, extra, ...m }) => {
    // Fields a plain message does not have: rarely.
    const rare = (tool_call_id.length + extra.length) % 7 === 0;
    return rare ? { ...m, tool_call_id, extra } : m;
  });
const body = fc.record(
  {
    // The longest model name allowed (LIMITS.modelName) and one character more.
    model: mostly(fc.constantFrom('chat', 'deepseek-chat', 'm'.repeat(256)), fc.constantFrom('', 7, 'm'.repeat(257))),
    messages: mostly(fc.array(message, { minLength: 1, maxLength: 4 }), fc.constantFrom([], 'hi')),
    stream: mostly(fc.constantFrom(true, false, null), fc.constant('yes')),
    temperature: inRange(0, 2),
    top_p: inRange(0, 1),
    max_tokens: positiveInt,
    max_completion_tokens: positiveInt,
    frequency_penalty: inRange(-2, 2),
    presence_penalty: inRange(-2, 2),
    seed: mostly(fc.oneof(fc.integer(), fc.constant(null)), fc.constantFrom(0.5, 1e21, -(2 ** 53))),
    user: mostly(fc.oneof(text, fc.constant('u'.repeat(512))), fc.constantFrom(7, 'u'.repeat(513))),
    // Fields only the schema handles, now and then (JSON drops the undefined ones).
    n: mostly(fc.constant(undefined), fc.constantFrom(1, 2)),
    tools: mostly(fc.constant(undefined), fc.constant([])),
  },
  { requiredKeys: ['model', 'messages'] },
);

describe('isPlainChatRequest', () => {
  it('accepts only bodies the schema accepts, and the schema returns them unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(body, (raw) => {
        const b = JSON.parse(JSON.stringify(raw)) as unknown;
        if (!isPlainChatRequest(b)) return;
        accepted++;
        const parsed = chatRequestSchema.safeParse(b);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(b);
      }),
      { numRuns: 20_000 },
    );
    // The property says something only if plain bodies do occur among the random ones.
    expect(accepted).toBeGreaterThan(500);
  });

  it('takes the everyday request and leaves tools, content parts, tool messages and unknown fields to the schema', () => {
    const plain = {
      model: 'chat',
      messages: [
        { role: 'system', content: '你是助手' },
        { role: 'user', content: '你好', name: 'u1' },
      ],
    };
    expect(isPlainChatRequest({ ...plain, stream: true, temperature: 0.7, max_tokens: 256, user: 'alice', seed: 7 })).toBe(true);
    expect(isPlainChatRequest({ ...plain, tools: [] })).toBe(false);
    expect(isPlainChatRequest({ ...plain, metadata: { a: 'b' } })).toBe(false);
    expect(isPlainChatRequest({ model: 'chat', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] })).toBe(false);
    expect(isPlainChatRequest({ model: 'chat', messages: [{ role: 'tool', content: 'x', tool_call_id: 'c1' }] })).toBe(false);
    expect(isPlainChatRequest({ model: 'chat', messages: [{ role: 'assistant', content: null }] })).toBe(false);
    expect(isPlainChatRequest({ model: 'chat', messages: [] })).toBe(false);
    expect(isPlainChatRequest({ ...plain, max_tokens: 0 })).toBe(false);
    expect(isPlainChatRequest({ ...plain, temperature: 2.5 })).toBe(false);
    expect(isPlainChatRequest(JSON.parse('{"model":"chat","messages":[{"role":"user","content":"x"}],"__proto__":{"a":1}}'))).toBe(false);
  });
});
