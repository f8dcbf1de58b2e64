import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, attackScene, chat, type Caller } from '../helpers/admin-api.js';
import type { FakeUpstream } from '../helpers/fake-openai-upstream.js';
import type { TestBaimo } from '../helpers/start-baimo.js';

// Finding 5 (ReDoS): custom PII and moderation patterns from workspace admins were only checked to
// compile, then run with JavaScript's backtracking RegExp on the main thread: `(a+)+$` on 26 `a`s
// and `!` took 7 s and stalled every other workspace. They now run on RE2 (re2js, linear time), and
// patterns RE2 cannot run (backreferences, lookaround) are refused with a 400 that says why.

const EVIL = '(a+)+$';

let fake: FakeUpstream;
let baimo: TestBaimo;
let adminA: Caller;
let keyA: string;
let keyB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const scene = await attackScene({ a: 'attacker', b: 'victim', email: 'admin-a@example.cn' });
  ({ fake, baimo, adminA, keyA, keyB } = scene);
  ids.wsA = scene.wsA;
  ids.wsB = scene.wsB;
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

/** Sends `attack` while workspace B sends a request every 20 ms; returns the attack's time and B's worst latency. */
async function underLoad(attack: () => Promise<unknown>): Promise<{ attackMs: number; worstB: number; countB: number }> {
  let done = false;
  const latencies: number[] = [];
  const background = (async () => {
    while (!done) {
      const t0 = performance.now();
      const r = await chat(baimo, keyB, { model: 'echo', messages: [{ role: 'user', content: 'hello' }] });
      expect(r.status).toBe(200);
      latencies.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 60));
  const t0 = performance.now();
  await attack();
  const attackMs = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 60));
  done = true;
  await background;
  return { attackMs, worstB: Math.max(...latencies), countB: latencies.length };
}

describe('finding 5: administrator patterns run in linear time', () => {
  it('a workspace admin may save (a+)+$ as a custom PII pattern and as a moderation rule', async () => {
    const put = await api(
      baimo,
      'PUT',
      `/api/security/policies/workspace/${ids.wsA}`,
      {
        policy: {
          pii: { action: 'redact', custom: [{ name: 'evil', pattern: EVIL }] },
          moderation: { input: 'block', rules: [{ pattern: EVIL, risk: 'A.1.1' }] },
        },
      },
      adminA,
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // Warm up both workspaces' paths (compiled policies, connections).
    expect((await chat(baimo, keyA, { model: 'echo', messages: [{ role: 'user', content: 'b' }] })).status).toBe(200);
    expect((await chat(baimo, keyB, { model: 'echo', messages: [{ role: 'user', content: 'b' }] })).status).toBe(200);
  });

  it("'a' x 26 + '!' is answered at once and does not stall workspace B (was 7 s of blocked main thread)", async () => {
    const content = `${'a'.repeat(26)}!`;
    const { attackMs, worstB, countB } = await underLoad(async () => {
      const r = await chat(baimo, keyA, { model: 'echo', messages: [{ role: 'user', content }] });
      expect(r.status).toBe(200);
      expect(r.body.choices[0].message.content).toBe(content); // no match: nothing masked, nothing blocked
    });
    expect(attackMs).toBeLessThan(1_000);
    expect(countB).toBeGreaterThan(0);
    expect(worstB, `B's worst latency while A's request ran: ${worstB.toFixed(0)} ms`).toBeLessThan(1_000);
  });

  it("'a' x 30,000 + '!' too, through the PII scan test endpoint and the moderation check as well", async () => {
    const content = `${'a'.repeat(30_000)}!`;
    const { attackMs, worstB } = await underLoad(async () => {
      const r = await chat(baimo, keyA, { model: 'echo', messages: [{ role: 'user', content }] });
      expect(r.status).toBe(200);
      const scan = await api(baimo, 'POST', '/api/security/pii/scan', { workspace_id: ids.wsA, text: content }, adminA);
      expect(scan.status).toBe(200);
      expect(scan.body.findings).toEqual([]);
      const check = await api(baimo, 'POST', '/api/security/moderation/check', { workspace_id: ids.wsA, text: content }, adminA);
      expect(check.status).toBe(200);
      expect(check.body.hits).toEqual([]);
    });
    expect(attackMs).toBeLessThan(3_000);
    expect(worstB, `B's worst latency while A's requests ran: ${worstB.toFixed(0)} ms`).toBeLessThan(1_000);
  });

  it('the patterns still match what they should (RE2 finds the same matches)', async () => {
    const check = await api(baimo, 'POST', '/api/security/moderation/check', { workspace_id: ids.wsA, text: 'xyz aaaa' }, adminA);
    expect(check.body.hits).toEqual([{ term: EVIL, risk: 'A.1.1', start: 4, end: 8, source: 'regex' }]);
    const scan = await api(baimo, 'POST', '/api/security/pii/scan', { workspace_id: ids.wsA, text: 'xyz aaaa' }, adminA);
    expect(scan.body.findings.map((f: { type: string; start: number; end: number }) => [f.type, f.start, f.end])).toEqual([['evil', 4, 8]]);
    expect(scan.body.redacted).toBe('xyz [evil]');
  });

  it('JavaScript \\uXXXX escapes keep working', async () => {
    const put = await api(baimo, 'PUT', `/api/security/policies/workspace/${ids.wsB}`, {
      policy: { pii: { custom: [{ name: 'corp', pattern: '[\\u4e00-\\u9fa5]{2}\\u516c\\u53f8' }] } },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const scan = await api(baimo, 'POST', '/api/security/pii/scan', { workspace_id: ids.wsB, text: '客户是华为公司。' });
    expect(scan.body.findings.map((f: { type: string }) => f.type)).toEqual(['corp']);
    expect(scan.body.redacted).toBe('客户是[corp]。');
  });

  it('a backreference or a lookaround is refused with a 400 naming the pattern and why; nothing is stored', async () => {
    const path = `/api/security/policies/workspace/${ids.wsA}`;
    const backref = await api(baimo, 'PUT', path, { policy: { pii: { custom: [{ name: 'twice', pattern: '(\\w+) \\1' }] } } }, adminA);
    expect(backref.status).toBe(400);
    expect(backref.body.error.param).toBe('policy.pii.custom[0].pattern');
    expect(backref.body.error.message).toContain('(\\w+) \\1');
    expect(backref.body.error.message).toMatch(/RE2/);
    expect(backref.body.error.message).toMatch(/backreference/);

    const lookahead = await api(
      baimo,
      'PUT',
      path,
      { policy: { moderation: { rules: [{ pattern: 'foo(?=bar)', risk: 'A.1.1' }] } } },
      adminA,
    );
    expect(lookahead.status).toBe(400);
    expect(lookahead.body.error.param).toBe('policy.moderation.rules[0].pattern');
    expect(lookahead.body.error.message).toMatch(/lookaround/);

    const tooLong = await api(baimo, 'PUT', path, { policy: { pii: { custom: [{ name: 'long', pattern: 'a'.repeat(1_025) }] } } }, adminA);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.param).toBe('policy.pii.custom[0].pattern');

    const kept = await api(baimo, 'GET', path, undefined, adminA);
    expect(kept.body.policy.pii.custom).toEqual([{ name: 'evil', pattern: EVIL }]);
  });
});
