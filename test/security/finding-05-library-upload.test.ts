import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/limits.js';
import { api, attackScene, chat, type Caller } from '../helpers/admin-api.js';
import type { FakeUpstream } from '../helpers/fake-openai-upstream.js';
import type { TestBaimo } from '../helpers/start-baimo.js';

// Finding 5, second part: a 150k-term keyword library upload must not block the event loop. It was
// parsed, inserted in one transaction, re-read, sorted and hashed, and its Aho–Corasick automaton
// built by the first request, each in one synchronous piece (hundreds of milliseconds to seconds
// during which no other workspace got an answer). Now every step runs in slices of a few
// milliseconds, the automaton is ready before the new policy is used, and uploads are capped at
// LIMITS.libraryTerms.

const TERMS = 150_000;
/**
 * What "still answers" means: within 250 ms, or 3x the worst latency of the same probe without an
 * upload when the machine is busier than that (shared CI cores); a blocked loop took 0.7–6 s here.
 */
const bound = (baseline: number): number => Math.max(250, 3 * baseline);
const ALPHABET =
  '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈剑号巨阙珠称夜光果珍李柰菜重芥姜海咸河淡';

/** `n` distinct terms of four CJK characters, `term<TAB>risk` lines. */
function library(n: number): { text: string; sample: string } {
  const lines: string[] = [];
  const a = ALPHABET.length;
  for (let i = 0; i < n; i++) {
    const term = `禁${ALPHABET[i % a]}${ALPHABET[Math.floor(i / a) % a]}${ALPHABET[Math.floor(i / (a * a)) % a]}`;
    lines.push(`${term}\tA.1.${1 + (i % 8)}`);
  }
  return { text: lines.join('\n'), sample: lines[n - 7].split('\t')[0] };
}

let fake: FakeUpstream;
let baimo: TestBaimo;
let adminA: Caller;
let keyA: string;
let keyB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const scene = await attackScene({ a: 'uploader', b: 'bystander', email: 'lib-admin@example.cn' });
  ({ fake, baimo, adminA, keyA, keyB } = scene);
  ids.wsA = scene.wsA;
  ids.wsB = scene.wsB;
  for (const k of [keyA, keyB]) expect((await chat(baimo, k, { model: 'echo' })).status).toBe(200); // warm up
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** Runs `work` while workspace B asks GET /healthz and chats every 10 ms; returns B's worst latency. */
async function worstLatencyDuring(work: () => Promise<void>): Promise<{ worst: number; count: number }> {
  let done = false;
  const latencies: number[] = [];
  const probe = (async () => {
    for (let i = 0; !done; i++) {
      const t0 = performance.now();
      if (i % 2 === 0) expect((await fetch(`${baimo.url}/healthz`)).status).toBe(200);
      else expect((await chat(baimo, keyB, { model: 'echo' })).status).toBe(200);
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 50));
  try {
    await work();
  } finally {
    done = true;
    await probe;
  }
  return { worst: Math.max(...latencies), count: latencies.length };
}

describe('finding 5: a 150k-term library upload does not block the event loop', () => {
  it('other workspaces keep getting answers within 250 ms while it is parsed, stored, loaded and used', async () => {
    const { text, sample } = library(TERMS);
    // Encoded before the clock starts: the client's JSON.stringify of 3 MB runs on this thread, too,
    // and is not the server's doing.
    const upload = Buffer.from(JSON.stringify({ workspace_id: ids.wsA, name: 'big', text }));
    const baseline = (await worstLatencyDuring(() => new Promise((resolve) => setTimeout(resolve, 1_500)))).worst;
    let first = Infinity;
    const { worst, count } = await worstLatencyDuring(async () => {
      const r = await api(baimo, 'POST', '/api/moderation/libraries', upload, adminA);
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
      expect(r.body).toMatchObject({ term_count: TERMS, added: TERMS, skipped: 0, errors: [] });
      // The first request of the workspace uses the new 150k-term automaton: it is ready, not built now.
      const t0 = performance.now();
      const hit = await chat(baimo, keyA, { model: 'echo', messages: [{ role: 'user', content: `请写${sample}相关内容` }] });
      first = performance.now() - t0;
      expect(hit.status).toBe(400);
      expect(hit.body.error.type).toBe('content_policy_violation');
      expect((await chat(baimo, keyA, { model: 'echo', messages: [{ role: 'user', content: '正常的问题' }] })).status).toBe(200);
    });
    const figures =
      `B's worst latency during the upload: ${worst.toFixed(0)} ms (without: ${baseline.toFixed(0)} ms); ` +
      `A's first request after it: ${first.toFixed(0)} ms`;
    console.info(`finding 5: ${figures}`);
    expect(count).toBeGreaterThan(5);
    expect(worst, figures).toBeLessThan(bound(baseline));
    expect(first, figures).toBeLessThan(bound(baseline));
  });

  it(`more than LIMITS.libraryTerms terms is a 400 and stores nothing`, async () => {
    const { text } = library(LIMITS.libraryTerms + 1);
    const before = (await api(baimo, 'GET', `/api/moderation/libraries?workspace_id=${ids.wsA}`, undefined, adminA)).body.data.length;
    const r = await api(baimo, 'POST', '/api/moderation/libraries', { workspace_id: ids.wsA, name: 'too big', text }, adminA);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('too_many_terms');
    expect(r.body.error.message).toContain(String(LIMITS.libraryTerms));
    const after = (await api(baimo, 'GET', `/api/moderation/libraries?workspace_id=${ids.wsA}`, undefined, adminA)).body.data.length;
    expect(after).toBe(before);
  });
});
