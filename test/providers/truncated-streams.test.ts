import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../src/core/chat-types.js';
import { parseStream as parseGemini } from '../../src/providers/gemini/parse-stream.js';
import { parseStream as parseHunyuan } from '../../src/providers/hunyuan-tc3/parse-stream.js';
import { parseStream as parseOpenAI } from '../../src/providers/openai-compatible/parse-stream.js';
import { parseSse, type SseEvent } from '../../src/providers/shared/sse-parser.js';
import { readFixture } from '../helpers/fixture-server.js';

// A stream whose connection is cut before the provider ended it must not pass for a complete answer
// (`finish: stop`): it ends with an `upstream_stream_truncated` error part, so the client, the log and
// the response cache know the answer is incomplete. A stream that ended properly still finishes.

type Parser = (provider: string, events: AsyncIterable<SseEvent>) => AsyncGenerator<StreamPart>;

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, 'utf8');
}

async function parts(parse: Parser, text: string): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const p of parse('up', parseSse(bytes(text)))) out.push(p);
  return out;
}

/** The fixture's events up to (not including) the first one that ends the answer. */
function cut(text: string, ends: RegExp): string {
  const events = text.split(/\r?\n\r?\n/);
  const at = events.findIndex((e) => ends.test(e));
  expect(at).toBeGreaterThan(0);
  return `${events.slice(0, at).join('\n\n')}\n\n`;
}

const CASES: Array<[string, Parser, string, RegExp]> = [
  ['openai-compatible', parseOpenAI, 'openai-compatible/stream-text.sse.txt', /"finish_reason":"/],
  ['gemini', parseGemini, 'gemini/stream-text.sse.txt', /"finishReason"/],
  ['hunyuan-tc3', parseHunyuan, 'hunyuan-tc3/stream-text.sse.txt', /"FinishReason":"[a-z]/],
];

describe('a stream cut before its end', () => {
  for (const [name, parse, fixture, ends] of CASES) {
    it(`${name}: ends with an upstream_stream_truncated error part; the whole stream still finishes`, async () => {
      const whole = await parts(parse, readFixture(fixture));
      expect(whole.at(-1)?.type).toBe('finish');
      const partial = await parts(parse, cut(readFixture(fixture), ends));
      expect(partial.some((p) => p.type === 'text-delta')).toBe(true);
      const last = partial.at(-1);
      expect(last?.type).toBe('error');
      expect(last?.type === 'error' && last.error.code).toBe('upstream_stream_truncated');
      expect(partial.some((p) => p.type === 'finish')).toBe(false);
    });
  }
});
