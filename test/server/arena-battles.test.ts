import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, userSession, type Caller } from '../helpers/admin-api.js';
import { fightBattle } from '../helpers/arena-api.js';
import { startScriptedUpstream, type ScriptedUpstream } from '../helpers/scripted-upstream.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// Blind battles end to end: the real server, two models served by a local upstream speaking
// OpenAI's wire format. The stream and the list name no model until the vote; the vote reveals them
// once (a second vote is 409); ratings follow the votes; calls are made with the workspace's
// evaluation key; a failed side stores nothing; a client that goes away cancels both calls.

const ANSWERS: Record<string, string> = {
  'm-alpha': 'The sky is blue because air scatters short wavelengths more (Rayleigh scattering).',
  'm-beta': '天空呈蓝色，是因为大气对短波长的光散射更强（瑞利散射）。',
  'm-slow': '慢'.repeat(400),
};
/** Strings that would give a model away. */
const NAMES = ['alpha', 'beta', 'm-alpha', 'm-beta', 'up/m'];

let upstream: ScriptedUpstream;
let baimo: TestBaimo;
let wsA: string;
let wsB: string;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  upstream = await startScriptedUpstream(
    (model) => (model === 'm-broken' ? { status: 500, message: 'm-broken fell over' } : (ANSWERS[model] ?? '?')),
    {
      chunkDelayMs: (model) => (model === 'm-slow' ? 20 : 1),
    },
  );
  baimo = await startBaimo({
    providers: { up: { type: 'openai-compatible', base_url: upstream.url } },
    models: ['alpha', 'beta', 'broken', 'slow'].map((n) => ({ name: n, targets: [{ provider: 'up', model: `m-${n}` }] })),
    router: { retries: 0 },
    arena: { models: ['alpha', 'beta'] },
  });
  wsA = (await api(baimo, 'POST', '/api/workspaces', { name: 'arena A' })).body.id;
  wsB = (await api(baimo, 'POST', '/api/workspaces', { name: 'arena B' })).body.id;
  callers.memberA = await userSession(baimo, 'member-a@arena.cn', [{ id: wsA, role: 'member' }]);
  callers.viewerA = await userSession(baimo, 'viewer-a@arena.cn', [{ id: wsA, role: 'viewer' }]);
  callers.ownerB = await userSession(baimo, 'owner-b@arena.cn', [{ id: wsB, role: 'owner' }]);
  const key = await api(baimo, 'POST', `/api/workspaces/${wsA}/keys`, { name: 'a key' });
  callers.keyA = { token: key.body.key };
});
afterAll(async () => {
  await baimo?.close();
  await upstream?.close();
});

/** Which model answered a side, from its text. */
const modelOf = (text: string): string =>
  text === ANSWERS['m-alpha'] ? 'alpha' : text === ANSWERS['m-beta'] ? 'beta' : `unknown: ${text.slice(0, 40)}`;

describe('blind arena battles', () => {
  let battleId: string;
  let sideA: string;

  it('streams both answers side by side with no model name, in order: battle, deltas, done per side, end', async () => {
    const before = upstream.calls.length;
    const r = await fightBattle(baimo, { prompt: '为什么天空是蓝色的？' }, { caller: callers.memberA, workspace: wsA });
    expect(r.status).toBe(200);
    expect(r.events[0].event).toBe('battle');
    expect(r.events.at(-1)).toEqual({ event: 'end', data: {} });
    expect(r.id).toMatch(/^battle_/);
    const done = r.events.filter((e) => e.event === 'done').map((e) => e.data);
    expect(done).toEqual(
      expect.arrayContaining([
        { side: 'a', finish_reason: 'stop' },
        { side: 'b', finish_reason: 'stop' },
      ]),
    );
    expect(r.events.filter((e) => e.event === 'error')).toEqual([]);
    // Both models answered, one per side, and the stream gives neither away.
    expect([modelOf(r.text.a), modelOf(r.text.b)].sort()).toEqual(['alpha', 'beta']);
    for (const name of NAMES) expect(r.raw.toLowerCase()).not.toContain(name);
    // Deltas of both sides arrived interleaved, not one answer after the other.
    const sides = r.events.filter((e) => e.event === 'delta').map((e) => e.data.side as string);
    expect(sides.indexOf('b')).toBeLessThan(sides.lastIndexOf('a'));
    const calls = upstream.calls.slice(before);
    expect(calls.map((c) => c.model).sort()).toEqual(['m-alpha', 'm-beta']);
    for (const c of calls) {
      expect(c.stream).toBe(true);
      expect(c.messages).toEqual([{ role: 'user', content: '为什么天空是蓝色的？' }]);
    }
    battleId = r.id!;
    sideA = modelOf(r.text.a);
  });

  it('lists the battle as pending without its models until the vote', async () => {
    const list = await api(baimo, 'GET', `/api/arena/battles?workspace_id=${wsA}`, undefined, callers.viewerA);
    expect(list.status).toBe(200);
    const b = list.body.data.find((x: { id: string }) => x.id === battleId);
    expect(b).toMatchObject({
      status: 'pending',
      source: 'vote',
      model_a: null,
      model_b: null,
      winner: null,
      prompt: '为什么天空是蓝色的？',
    });
    expect([modelOf(b.answer_a), modelOf(b.answer_b)].sort()).toEqual(['alpha', 'beta']);
    for (const name of NAMES) expect(JSON.stringify(list.body).toLowerCase()).not.toContain(name);
  });

  it('the vote reveals both models (side a is the model that answered side a); a second vote is 409', async () => {
    const v = await api(baimo, 'POST', `/api/arena/battles/${battleId}/vote?workspace_id=${wsA}`, { winner: 'model_a' }, callers.memberA);
    expect(v.status).toBe(200);
    expect(v.body).toEqual({ id: battleId, model_a: sideA, model_b: sideA === 'alpha' ? 'beta' : 'alpha', winner: 'model_a' });
    const again = await api(baimo, 'POST', `/api/arena/battles/${battleId}/vote?workspace_id=${wsA}`, { winner: 'tie' }, callers.memberA);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('arena_already_voted');
    const list = await api(baimo, 'GET', `/api/arena/battles?workspace_id=${wsA}&source=vote`, undefined, callers.viewerA);
    const b = list.body.data.find((x: { id: string }) => x.id === battleId);
    expect(b).toMatchObject({ status: 'decided', model_a: sideA, winner: 'model_a' });
    expect(b.voted_at).not.toBeNull();
    // Audited, in the battle's workspace.
    await waitFor(async () => {
      const audit = await api(baimo, 'GET', `/api/audit?workspace_id=${wsA}`);
      return audit.body.data.find(
        (e: { action: string; target_id: string }) => e.action === 'arena_battle.vote' && e.target_id === battleId,
      );
    });
  });

  it('calls the models with the workspace’s evaluation key (baimo-eval), logged under it', async () => {
    const keys = await api(baimo, 'GET', `/api/workspaces/${wsA}/keys`);
    const evalKey = keys.body.data.find((k: { name: string }) => k.name === 'baimo-eval');
    expect(evalKey).toBeDefined();
    await baimo.runtime.logWriter.flush();
    const logs = await api(baimo, 'GET', `/api/logs?workspace_id=${wsA}&key_id=${evalKey.id}`);
    const ours = logs.body.data.filter((l: { id: string }) => l.id.startsWith(battleId));
    expect(ours.map((l: { id: string }) => l.id).sort()).toEqual([`${battleId}-a`, `${battleId}-b`]);
  });

  it('sides are drawn at random; ratings follow the votes (the answer voted for is always alpha’s)', async () => {
    const seenA = new Set<string>([sideA]);
    for (let i = 0; i < 10; i++) {
      const r = await fightBattle(baimo, { prompt: `问题 ${i}` }, { caller: callers.memberA, workspace: wsA });
      const a = modelOf(r.text.a);
      seenA.add(a);
      const winner = a === 'alpha' ? 'model_a' : 'model_b';
      expect((await api(baimo, 'POST', `/api/arena/battles/${r.id}/vote?workspace_id=${wsA}`, { winner }, callers.memberA)).status).toBe(
        200,
      );
    }
    expect([...seenA].sort()).toEqual(['alpha', 'beta']);
    const ratings = await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsA}`, undefined, callers.viewerA);
    expect(ratings.status).toBe(200);
    expect(ratings.body.map((r: { model: string }) => r.model)).toEqual(['alpha', 'beta']);
    const [alpha, beta] = ratings.body;
    expect(Object.keys(alpha).sort()).toEqual(['battles', 'ci_high', 'ci_low', 'model', 'rank', 'rating']);
    expect(alpha.battles).toBe(11);
    expect(alpha.rating).toBeGreaterThan(beta.rating);
    expect(alpha.rating + beta.rating).toBeCloseTo(2000, 6);
    expect(alpha.ci_low).toBeLessThanOrEqual(alpha.rating);
    expect(alpha.ci_high).toBeGreaterThanOrEqual(alpha.rating);
    // By source: these are votes; no judge battles yet.
    expect(
      (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsA}&source=vote&rounds=20`, undefined, callers.viewerA)).body,
    ).toHaveLength(2);
    expect((await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsA}&source=judge`, undefined, callers.viewerA)).body).toEqual([]);
    // Another workspace has none.
    expect((await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsB}`, undefined, callers.ownerB)).body).toEqual([]);
  });

  it('a side that fails says so without naming its model, and leaves nothing to vote on', async () => {
    const r = await fightBattle(baimo, { prompt: 'hello', models: ['alpha', 'broken'] }, { caller: callers.memberA, workspace: wsA });
    expect(r.status).toBe(200);
    const errors = r.events.filter((e) => e.event === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].data.message).toMatch(/could not answer/);
    expect(r.events.filter((e) => e.event === 'done')).toHaveLength(1);
    expect(r.events.at(-1)!.event).toBe('end');
    for (const name of ['broken', 'm-broken', 'alpha', 'fell over']) expect(r.raw).not.toContain(name);
    const v = await api(baimo, 'POST', `/api/arena/battles/${r.id}/vote?workspace_id=${wsA}`, { winner: 'model_a' }, callers.memberA);
    expect(v.status).toBe(404);
    expect(v.body.error.code).toBe('arena_battle_not_found');
  });

  it('a client that goes away cancels both calls and stores nothing', async () => {
    const total = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${wsA}&limit=100`)).body.data.length;
    const aborted = upstream.aborted;
    const ac = new AbortController();
    const res = await fetch(`${baimo.url}/api/arena/battles?workspace_id=${wsA}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: (callers.memberA as { cookie: string }).cookie,
        'x-csrf-token': (callers.memberA as { csrf: string }).csrf,
      },
      body: JSON.stringify({ prompt: 'slowly', models: ['slow', 'alpha'] }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    let seen = '';
    while (!seen.includes('event: delta')) seen += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    await waitFor(() => upstream.aborted > aborted);
    await new Promise((r) => setTimeout(r, 200));
    expect((await api(baimo, 'GET', `/api/arena/battles?workspace_id=${wsA}&limit=100`)).body.data.length).toBe(total);
  });

  it('refuses bad input with 400s before streaming', async () => {
    const cases: Array<[unknown, string]> = [
      [{ prompt: '' }, 'invalid_value'],
      [{}, 'missing_required_parameter'],
      [{ prompt: 'x'.repeat(20_001) }, 'invalid_value'],
      [{ prompt: 'hi', models: ['alpha', 'alpha'] }, 'invalid_value'],
      [{ prompt: 'hi', models: ['alpha', 'nobody/none'] }, 'model_not_found'],
      [{ prompt: 'hi', models: ['alpha'] }, 'invalid_value'],
      [{ prompt: 'hi', extra: 1 }, 'invalid_value'],
    ];
    for (const [body, code] of cases) {
      const r = await fightBattle(baimo, body, { caller: callers.memberA, workspace: wsA });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.error.error.code, JSON.stringify(body)).toBe(code);
    }
  });

  it('needs write access; API keys and other workspaces get nothing', async () => {
    const viewer = await fightBattle(baimo, { prompt: 'hi' }, { caller: callers.viewerA, workspace: wsA });
    expect(viewer.status).toBe(403);
    expect((await fightBattle(baimo, { prompt: 'hi' }, { caller: callers.keyA, workspace: wsA })).status).toBe(403);
    expect((await fightBattle(baimo, { prompt: 'hi' }, { caller: callers.ownerB, workspace: wsA })).status).toBe(404);
    const vote = await api(baimo, 'POST', `/api/arena/battles/${battleId}/vote`, { winner: 'tie' }, callers.ownerB);
    expect(vote.status).toBe(404);
    expect(vote.body.error.code).toBe('arena_battle_not_found');
    const viewerVote = await api(baimo, 'POST', `/api/arena/battles/${battleId}/vote`, { winner: 'tie' }, callers.viewerA);
    expect(viewerVote.status).toBe(403);
    expect((await api(baimo, 'GET', `/api/arena/battles?workspace_id=${wsA}`, undefined, callers.ownerB)).status).toBe(404);
    expect((await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsA}`, undefined, callers.keyA)).status).toBe(403);
  });

  it('draws only from models the evaluation key may call: fewer than two is a clear 400', async () => {
    // Workspace B's evaluation key (created by its first arena call) limited to one of the two models.
    await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${wsB}`, undefined, callers.ownerB);
    const first = await fightBattle(baimo, { prompt: 'hi' }, { caller: callers.ownerB, workspace: wsB });
    expect(first.status).toBe(200);
    const keys = await api(baimo, 'GET', `/api/workspaces/${wsB}/keys`);
    const evalKey = keys.body.data.find((k: { name: string }) => k.name === 'baimo-eval');
    expect((await api(baimo, 'PATCH', `/api/keys/${evalKey.id}`, { models: ['alpha'] })).status).toBe(200);
    const r = await fightBattle(baimo, { prompt: 'hi' }, { caller: callers.ownerB, workspace: wsB });
    expect(r.status).toBe(400);
    expect(r.error.error.code).toBe('arena_models_unavailable');
    expect(r.error.error.message).toContain('arena.models');
  });
});
