import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArenaRepository } from '../../src/store/arena-repository.js';
import { api, userSession, type Caller } from '../helpers/admin-api.js';
import { battlesFromStrengths, importBattles } from '../helpers/arena-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';
import { waitFor } from '../helpers/wait-for.js';

// `POST /api/arena/import`: JSONL battles, every line checked; a bad line (reported by number, in
// English and Chinese) stops the whole import unless skip_invalid; the imported battles feed the
// ratings, which recover the order of the strengths they were drawn from.

let baimo: TestBaimo;
let ws: string;
let member: Caller;
let viewer: Caller;

beforeAll(async () => {
  baimo = await startBaimo({});
  ws = (await api(baimo, 'POST', '/api/workspaces', { name: 'imports' })).body.id;
  member = await userSession(baimo, 'member@import.cn', [{ id: ws, role: 'member' }]);
  viewer = await userSession(baimo, 'viewer@import.cn', [{ id: ws, role: 'viewer' }]);
});
afterAll(async () => {
  await baimo?.close();
});

const count = async (): Promise<number> =>
  (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=import&limit=100`)).body.data.length;

const BAD = [
  '{"model_a":"qwen-max","model_b":"deepseek-chat","winner":"model_a"}',
  '{"model_a":"qwen-max","model_b":"deepseek-chat","winner":"A"}',
  '',
  'not json',
  '{"model_a":"qwen-max","model_b":"qwen-max","winner":"tie"}',
  `{"model_a":"${'x'.repeat(201)}","model_b":"deepseek-chat","winner":"tie"}`,
  '{"model_b":"deepseek-chat","winner":"tie"}',
  '{"model_a":"glm-4","model_b":"deepseek-chat","winner":"tie (bothbad)","prompt":"你好","answer_a":"你好！","answer_b":"您好","question_id":"x1"}',
  '[1,2]',
].join('\n');

describe('arena import', () => {
  it('refuses the whole import when a line is bad, naming each bad line in English and Chinese', async () => {
    const r = await importBattles(baimo, BAD, { caller: member, workspace: ws });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_battles');
    const m = r.body.error.message as string;
    for (const line of [2, 4, 5, 6, 7, 9]) {
      expect(m).toContain(`line ${line}:`);
      expect(m).toContain(`第 ${line} 行`);
    }
    expect(m).not.toContain('line 1:');
    expect(m).not.toContain('line 8:');
    expect(m).toContain('winner must be model_a, model_b, tie or both_bad');
    expect(m).toContain('a model cannot battle itself');
    expect(m).toContain('longer than 200 characters');
    expect(await count()).toBe(0);
  });

  it('with skip_invalid imports the good lines and lists the bad ones', async () => {
    const r = await importBattles(baimo, BAD, { caller: member, workspace: ws, skipInvalid: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.imported).toBe(2);
    expect(r.body.skipped).toBe(6);
    expect(r.body.errors.map((e: { line: number }) => e.line)).toEqual([2, 4, 5, 6, 7, 9]);
    expect(r.body.errors[0].message).toBe(
      'winner must be model_a, model_b, tie or both_bad / winner 必须是 model_a、model_b、tie 或 both_bad',
    );
    const list = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&source=import`)).body.data;
    const glm = list.find((b: { model_a: string }) => b.model_a === 'glm-4');
    expect(glm).toMatchObject({
      status: 'decided',
      winner: 'both_bad',
      prompt: '你好',
      answer_a: '你好！',
      answer_b: '您好',
      detail: { line: 8 },
    });
    await waitFor(async () => {
      const audit = await api(baimo, 'GET', `/api/audit?workspace_id=${ws}&action=arena_battle.import`);
      return audit.body.data.length === 1 ? audit.body.data : undefined;
    });
  });

  it('imported battles feed the ratings: the order of the strengths they were drawn from', async () => {
    const strengths = { 'model-s': 1300, 'model-a': 1150, 'model-b': 1000, 'model-c': 850 };
    const r = await importBattles(baimo, battlesFromStrengths(strengths, 3000), {
      caller: member,
      workspace: ws,
      contentType: 'text/plain',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ imported: 3000, skipped: 0, errors: [] });
    const ratings = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=import&rounds=50`, undefined, viewer)).body;
    const ours = ratings.filter((x: { model: string }) => x.model.startsWith('model-'));
    expect(ours.map((x: { model: string }) => x.model)).toEqual(['model-s', 'model-a', 'model-b', 'model-c']);
    // Differences within 60 points of the truth.
    const rating = Object.fromEntries(ours.map((x: { model: string; rating: number }) => [x.model, x.rating]));
    expect(Math.abs(rating['model-s'] - rating['model-c'] - 450)).toBeLessThan(60);
    // Well separated: each rank above the next (the two battles imported before rate too, with wide intervals).
    for (let i = 1; i < ours.length; i++) expect(ours[i].rank).toBeGreaterThan(ours[i - 1].rank);
  });

  it('the ratings are cached until a battle is added', async () => {
    const first = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=all`)).body;
    const again = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=all`)).body;
    expect(again).toEqual(first);
    await importBattles(baimo, '{"model_a":"model-c","model_b":"model-s","winner":"model_a"}\n', { caller: member, workspace: ws });
    const after = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=all`)).body;
    expect(after.find((x: { model: string }) => x.model === 'model-c').battles).toBe(
      first.find((x: { model: string }) => x.model === 'model-c').battles + 1,
    );
    // A battle another process stored (straight into the table, past this server's service) is seen too.
    await new ArenaRepository(baimo.runtime.database.db).insert({
      id: 'battle_elsewhere',
      workspace_id: ws,
      model_a: 'model-c',
      model_b: 'model-b',
      winner: 'model_a',
      source: 'import',
      prompt: null,
      answer_a: null,
      answer_b: null,
      detail: '{}',
      created_by: 'cli',
      created_at: 1,
      voted_at: 1,
    });
    const elsewhere = (await api(baimo, 'GET', `/api/arena/ratings?workspace_id=${ws}&source=all`)).body;
    expect(elsewhere.find((x: { model: string }) => x.model === 'model-c').battles).toBe(
      after.find((x: { model: string }) => x.model === 'model-c').battles + 1,
    );
  });

  it('lists battles newest first, page by page with next_before', async () => {
    const seen: string[] = [];
    let before: string | null = '';
    for (let page = 0; page < 3 && before !== null; page++) {
      const r = await api(
        baimo,
        'GET',
        `/api/arena/battles?workspace_id=${ws}&limit=2${before ? `&before=${before}` : ''}`,
        undefined,
        viewer,
      );
      expect(r.status).toBe(200);
      expect(r.body.data).toHaveLength(2);
      seen.push(...r.body.data.map((b: { id: string }) => b.id));
      before = r.body.next_before;
    }
    expect(new Set(seen).size).toBe(6);
    const all = (await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&limit=6`, undefined, viewer)).body.data;
    expect(all.map((b: { id: string }) => b.id)).toEqual(seen);
    const bad = await api(baimo, 'GET', `/api/arena/battles?workspace_id=${ws}&before=nonsense`, undefined, viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('before');
  });

  it('takes JSONL only, within bounds; viewers may not import', async () => {
    const json = await api(baimo, 'POST', `/api/arena/import?workspace_id=${ws}`, { model_a: 'a', model_b: 'b', winner: 'tie' }, member);
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_body');
    const empty = await importBattles(baimo, '\n\n', { caller: member, workspace: ws });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('invalid_value');
    const many = await importBattles(baimo, '{}\n'.repeat(500_001), { caller: member, workspace: ws });
    expect(many.status).toBe(400);
    expect(many.body.error.message).toContain('more than 500000 lines');
    expect((await importBattles(baimo, '{"model_a":"a","model_b":"b","winner":"tie"}', { caller: viewer, workspace: ws })).status).toBe(
      403,
    );
  });
});
