import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, chat, createKey, userSession, type Caller } from '../helpers/admin-api.js';
import { startFakeOpenAI, type FakeUpstream } from '../helpers/fake-openai-upstream.js';
import { ADMIN_TOKEN, startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

/**
 * Likes and dislikes (`POST /api/feedback`) on answers of real gateway calls (a fake upstream behind):
 * the request id of the answer's `x-request-id`, one rating per request and end user, a changed rating
 * moving the count, a request of another workspace not found, comments bounded and never shown back.
 */
let fake: FakeUpstream;
let baimo: TestBaimo;
const ws: Record<string, string> = {};
let keyA: { key: string; id: string };
let keyB: { key: string; id: string };
let memberA: Caller;
let memberB: Caller;

const DAY = 86_400_000;
async function totals(workspace: string): Promise<{ likes: number; dislikes: number; requests: number }> {
  const now = Date.now();
  const r = await api(baimo, 'GET', `/api/analytics/report?workspace=${workspace}&from=${now - DAY}&to=${now + 600_000}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.totals;
}

/** A chat answer through the gateway with key A; its request id from the response header. */
async function answer(key = keyA.key, headers: Record<string, string> = {}): Promise<string> {
  const r = await chat(baimo, key, { model: 'chat' }, headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const id = r.headers.get('x-request-id');
  expect(id).toBeTruthy();
  return id!;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ fallback: { kind: 'text', text: '好的。' } });
  baimo = await startBaimo({
    providers: { fake: { type: 'openai-compatible', base_url: fake.url } },
    models: [{ name: 'chat', targets: [{ provider: 'fake', model: 'm1' }] }],
  });
  for (const t of ['A', 'B']) ws[t] = (await api(baimo, 'POST', '/api/workspaces', { name: `feedback ${t}` })).body.id;
  keyA = await createKey(baimo, { name: 'fa' }, ws.A);
  keyB = await createKey(baimo, { name: 'fb' }, ws.B);
  memberA = await userSession(baimo, 'fb-a@example.cn', [{ id: ws.A, role: 'viewer' }]);
  memberB = await userSession(baimo, 'fb-b@example.cn', [{ id: ws.B, role: 'owner' }]);
});
afterAll(async () => {
  await baimo?.close();
  await fake?.close();
});

describe('POST /api/feedback', () => {
  it('rates an answer right after it (the log writer may not have written it yet), once per end user', async () => {
    const id = await answer();
    const like = await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like', comment: '很好' }, { token: keyA.key });
    expect(like.status, JSON.stringify(like.body)).toBe(200);
    expect(like.body).toEqual({ object: 'feedback', request_id: id, rating: 'like' });
    expect(JSON.stringify(like.body)).not.toContain('很好');
    // The same rater again: still one like.
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like' }, { token: keyA.key })).status).toBe(200);
    expect(await totals(ws.A)).toMatchObject({ requests: 1, likes: 1, dislikes: 0 });
    // A console user of the workspace (a viewer) rates it too: a second rater.
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like' }, memberA)).status).toBe(200);
    expect(await totals(ws.A)).toMatchObject({ likes: 2, dislikes: 0 });
  });

  it('moves the count when a rating changes, and takes it back on null', async () => {
    const id = await answer();
    const before = await totals(ws.A);
    const rate = (rating: string | null) =>
      api(baimo, 'POST', '/api/feedback', { request_id: id, rating, end_user: 'reader-7' }, { token: keyA.key });
    expect((await rate('like')).status).toBe(200);
    expect(await totals(ws.A)).toMatchObject({ likes: before.likes + 1, dislikes: before.dislikes });
    expect((await rate('dislike')).status).toBe(200);
    expect(await totals(ws.A)).toMatchObject({ likes: before.likes, dislikes: before.dislikes + 1 });
    expect((await rate(null)).status).toBe(200);
    expect(await totals(ws.A)).toMatchObject({ likes: before.likes, dislikes: before.dislikes });
  });

  it('answers 404 request_not_found for a request of another workspace or none at all', async () => {
    const theirs = await answer(keyB.key);
    for (const caller of [{ token: keyA.key }, memberA]) {
      const r = await api(baimo, 'POST', '/api/feedback', { request_id: theirs, rating: 'dislike' }, caller);
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: 'request_not_found', param: 'request_id' });
    }
    const none = await api(baimo, 'POST', '/api/feedback', { request_id: 'req_missing', rating: 'like' }, memberB);
    expect(none.status).toBe(404);
    expect(await totals(ws.B)).toMatchObject({ likes: 0, dislikes: 0 });
    // Its own workspace's member and the admin token may rate it.
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: theirs, rating: 'dislike' }, memberB)).status).toBe(200);
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: theirs, rating: 'dislike' })).status).toBe(200);
    expect(await totals(ws.B)).toMatchObject({ likes: 0, dislikes: 2 });
  });

  it('lets instance administrators rate the admin token’s own calls (no workspace); nobody else', async () => {
    const id = await answer(ADMIN_TOKEN);
    const now = Date.now();
    const all = async () =>
      (await api(baimo, 'GET', `/api/analytics/report?from=${now - DAY}&to=${now + 600_000}`)).body.totals as { likes: number };
    const before = (await all()).likes;
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like' }, memberA)).status).toBe(404);
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like' }, { token: keyA.key })).status).toBe(404);
    const r = await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'like' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await all()).likes).toBe(before + 1);
  });

  it('bounds the body and keeps a console session to its own user', async () => {
    const id = await answer();
    const send = (body: Record<string, unknown>, caller: Caller = { token: keyA.key }) => api(baimo, 'POST', '/api/feedback', body, caller);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ request_id: id, rating: 'love' }, 'rating', 'invalid_value'],
      [{ request_id: id }, 'rating', 'invalid_value'],
      [{ rating: 'like' }, 'request_id', 'missing_required_parameter'],
      [{ request_id: 'r'.repeat(129), rating: 'like' }, 'request_id', 'invalid_value'],
      [{ request_id: id, rating: 'like', comment: 'c'.repeat(2_001) }, 'comment', 'invalid_value'],
      [{ request_id: id, rating: 'like', end_user: 'u'.repeat(201) }, 'end_user', 'invalid_value'],
      [{ request_id: id, rating: 'like', stars: 5 }, 'body', 'invalid_value'],
    ];
    for (const [body, param, code] of cases) {
      const r = await send(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe(code);
      if (param !== 'body') expect(r.body.error.param).toBe(param);
    }
    const long = await send({ request_id: id, rating: 'like', comment: `${'好'.repeat(1_990)}\n\u0000ok` });
    expect(long.status).toBe(200);
    const other = await send({ request_id: id, rating: 'like', end_user: 'someone' }, memberA);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('end_user_not_allowed');
  });

  it('is not audited (a comment never lands in the audit log)', async () => {
    const id = await answer();
    const comment = 'feedback-comment-marker';
    expect((await api(baimo, 'POST', '/api/feedback', { request_id: id, rating: 'dislike', comment }, { token: keyA.key })).status).toBe(
      200,
    );
    const audit = await api(baimo, 'GET', `/api/audit?workspace_id=${ws.A}`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain(comment);
  });
});
