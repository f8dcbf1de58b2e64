import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCalls, roleText, runApp, streamedText } from '../helpers/app-run.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { queryRows } from '../helpers/db-query.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Long inputs (issue 18): a main text over the model's context window is cut into token-sized chunks
// by the documented rule (src/apps/chunk-text.ts), each summarised by a map call in order, then reduced.
// The expected calls are computed here from the rule, not from baimo's code:
//   window W = 8192 (the alias's context_tokens; the fake's models are not in the catalog)
//   reserve R = the app's max_tokens, else min(4096, ⌊W / 4⌋) = 2048
//   chunk C = ⌊(W − R) / 2⌋ = 3072 tokens; a Han character or full-width mark is one token, other
//   characters one per four (rounded up over the chunk); a chunk ends after its last line break.

const W = 8192;
const R = Math.min(4096, Math.floor(W / 4));
const C = Math.floor((W - R) / 2);

const SPEAKERS = ['王磊', '李娜', '赵强', '陈晨'];
const WORDS = '关于新版本上线的安排我们还需要再确认一下测试进度和支付模块的问题以及用户反馈的夜间模式显示效果';

/** A transcript line: speaker, colon, words, full stop, line break: 61 characters, 60 of them one token each. */
function line(i: number): string {
  const speaker = SPEAKERS[i % SPEAKERS.length];
  const start = i % WORDS.length;
  const words = WORDS.repeat(3).slice(start, start + 56);
  return `${speaker}：${words}。\n`;
}

const LINES = 3279;
const TRANSCRIPT = Array.from({ length: LINES }, (_, i) => line(i)).join('');
/** Lines per chunk: the most k with 60k + ⌈k / 4⌉ ≤ C (the line breaks are the narrow characters). */
let perChunk = 0;
while (60 * (perChunk + 1) + Math.ceil((perChunk + 1) / 4) <= C) perChunk++;
const CHUNKS = Math.ceil(LINES / perChunk);

/**
 * What the fake answers every call (a valid minutes object). Short enough that all the parts' answers
 * fit one reduce call: 66 × (its tokens + 8 for the heading) ≤ C.
 */
const MINUTES = JSON.stringify({ summary: '讨论上线安排', decisions: [], action_items: [] });
const tokens = (s: string) => {
  const wide = [...s].filter((c) => c.charCodeAt(0) >= 0x2e80).length;
  return wide + Math.ceil((s.length - wide) / 4);
};

let fake: FakeUpstream;
let baimo: TestBaimo;

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: MINUTES } });
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: fake.url, trust: 'self_hosted' } },
    models: [{ name: 'small', targets: [{ provider: 'up', model: 'small-8k' }], context_tokens: W }],
    apps: { default_model: 'small' },
    body_limit_mb: 4,
  });
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('a 200k-character Chinese transcript through an 8k window', () => {
  it('is 200,000 characters and the rule gives the chunks', () => {
    expect(TRANSCRIPT.length).toBeGreaterThanOrEqual(200_000);
    for (let i = 0; i < LINES; i++) expect(line(i)).toHaveLength(61);
    expect(perChunk).toBe(50);
    expect(CHUNKS).toBe(66);
    expect(CHUNKS * (tokens(MINUTES) + 8)).toBeLessThanOrEqual(C);
  });

  it('meeting-minutes: the map calls in order, then one reduce call, and the answer', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT } });
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(JSON.parse(r.body.choices[0].message.content)).toEqual(JSON.parse(MINUTES));
    expect(r.body.app).toEqual({ slug: 'meeting-minutes', version: 1 });

    const calls = chatCalls(fake).slice(before);
    expect(calls).toHaveLength(CHUNKS + 1);
    for (let i = 0; i < CHUNKS; i++) {
      const user = roleText(calls[i], 'user');
      // Each map call has its part, in order, and the part's text is exactly its lines.
      expect(roleText(calls[i], 'system')).toContain(`分成了 ${CHUNKS} 段`);
      expect(user).toContain(`第 ${i + 1} 段，共 ${CHUNKS} 段`);
      const chunk = TRANSCRIPT.split('\n')
        .slice(i * perChunk, Math.min(LINES, (i + 1) * perChunk))
        .join('\n');
      expect(user).toContain(chunk);
      expect(user).not.toContain(line((i + 1) * perChunk));
      expect(calls[i].body.model).toBe('small-8k');
    }
    // The reduce call merges every part's answer, numbered in order.
    const reduce = roleText(calls[CHUNKS], 'user');
    expect(reduce).toContain('【第 1 部分】');
    expect(reduce).toContain(`【第 ${CHUNKS} 部分】`);
    expect(reduce.split(MINUTES).length - 1).toBe(CHUNKS);
    expect(roleText(calls[CHUNKS], 'system')).toContain('合并');
    // Usage is the run's: every call's tokens (the fake reports 7 prompt tokens a call).
    expect(r.body.usage.prompt_tokens).toBe(7 * (CHUNKS + 1));

    // Every call left a log row with the app and version.
    const id = r.headers.get('x-request-id')!;
    const rows = await waitFor(async () => {
      const found = await queryRows<{ app_slug: string; app_version: number }>(
        baimo.runtime.database,
        `select app_slug, app_version from request_logs where id like '${id}%'`,
      );
      return found.length === CHUNKS + 1 ? found : undefined;
    });
    expect(new Set(rows.map((x) => `${x.app_slug}@${Number(x.app_version)}`))).toEqual(new Set(['meeting-minutes@1']));
  });

  it('streamed: progress chunks while the parts are worked through, then the answer', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'meeting-minutes', { inputs: { text: TRANSCRIPT }, stream: true });
    expect(r.status).toBe(200);
    expect(r.done).toBe(true);
    const progress = r.events.filter((e) => e.progress).map((e) => e.progress);
    expect(progress.filter((p) => p.phase === 'map')).toEqual(
      Array.from({ length: CHUNKS }, (_, i) => ({ phase: 'map', done: i + 1, total: CHUNKS })),
    );
    expect(progress.at(-1)).toEqual({ phase: 'reduce', done: 0, total: 1 });
    // Progress chunks carry an empty delta and no text.
    for (const e of r.events.filter((x) => x.progress)) expect(e.choices[0].delta).toEqual({});
    expect(JSON.parse(streamedText(r.events))).toEqual(JSON.parse(MINUTES));
    expect(chatCalls(fake).length - before).toBe(CHUNKS + 1);
  });

  it('summarize streams its reduce call from the upstream', async () => {
    const before = chatCalls(fake).length;
    fake.fallback = { kind: 'text', text: '要点：上线安排与支付问题。' };
    try {
      const r = await runApp(baimo, 'summarize', { inputs: { text: TRANSCRIPT }, stream: true });
      expect(r.status).toBe(200);
      expect(streamedText(r.events)).toBe('要点：上线安排与支付问题。');
      const calls = chatCalls(fake).slice(before);
      expect(calls).toHaveLength(CHUNKS + 1);
      expect(calls.map((c) => c.body.stream === true)).toEqual([...Array(CHUNKS).fill(false), true]);
      expect(r.events.filter((e) => e.progress?.phase === 'map')).toHaveLength(CHUNKS);
    } finally {
      fake.fallback = { kind: 'text', text: MINUTES };
    }
  });
});

describe('answers too long to reduce in one call', () => {
  it('are reduced in groups, level by level, in order', async () => {
    // 10 chunks of 50 lines; every answer 1,000 Han characters (1,008 tokens with its heading), so 3
    // fit a reduce call: level 1 reduces 10 answers in 4 calls (3+3+3+1), level 2 the 4 in 2 (3+1),
    // and the last call takes the 2.
    const text = TRANSCRIPT.split('\n').slice(0, 500).join('\n') + '\n';
    const long = '长'.repeat(1000);
    fake.fallback = { kind: 'text', text: long };
    const before = chatCalls(fake).length;
    try {
      const r = await runApp(baimo, 'summarize', { inputs: { text } });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      const calls = chatCalls(fake).slice(before);
      expect(calls).toHaveLength(10 + 4 + 2 + 1);
      const parts = (i: number) => (roleText(calls[i], 'user').match(/【第 \d+ 部分】/g) ?? []).length;
      expect([10, 11, 12, 13, 14, 15, 16].map(parts)).toEqual([3, 3, 3, 1, 3, 1, 2]);
      expect(r.body.choices[0].message.content).toBe(long);
    } finally {
      fake.fallback = { kind: 'text', text: MINUTES };
    }
  });
});

describe('long inputs other apps refuse', () => {
  it('translate (strategy refuse) answers 400 context_length_exceeded without a call', async () => {
    const before = chatCalls(fake).length;
    const r = await runApp(baimo, 'translate', { inputs: { text: TRANSCRIPT.slice(0, 40_000), target_language: 'en' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('context_length_exceeded');
    expect(chatCalls(fake).length).toBe(before);
  });
});
