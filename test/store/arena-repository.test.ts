import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArenaRepository, type ArenaBattleRow } from '../../src/store/arena-repository.js';
import type { OpenedDatabase } from '../../src/store/open-database.js';
import { openTestDatabaseWithWorkspaces, TEST_DIALECT } from '../helpers/test-database.js';

// The arena's SQL on the dialect of this run (the postgres project runs it on PostgreSQL): single and
// batch inserts (ids present skipped), the atomic vote of a pending battle, newest-first keyset paging
// with a source filter, the decided battles streamed in pages, counts and the stamp, and a 100,000-line
// import in one transaction.

let database: OpenedDatabase;
let repo: ArenaRepository;
let seq = 0;

beforeAll(async () => {
  database = await openTestDatabaseWithWorkspaces('baimo-arena-repo-', ['ws_a', 'ws_b', 'ws_big']);
  repo = new ArenaRepository(database.db);
});
afterAll(async () => {
  await database?.close();
});

const battle = (over: Partial<ArenaBattleRow> = {}): ArenaBattleRow => ({
  id: `battle_t${String(++seq).padStart(6, '0')}`,
  workspace_id: 'ws_a',
  model_a: 'alpha',
  model_b: 'beta',
  winner: 'model_a',
  source: 'import',
  prompt: '你好',
  answer_a: 'A 的回答',
  answer_b: 'B 的回答',
  detail: '{}',
  created_by: 'usr_x',
  created_at: 1_000 + seq,
  voted_at: 1_000 + seq,
  ...over,
});

describe(`arena repository (${TEST_DIALECT})`, () => {
  it('inserts one battle and reads it back as stored; the same id again is skipped', async () => {
    const row = battle({ id: 'battle_one', winner: null, source: 'vote', voted_at: null, created_at: 5_000_000_000_000 });
    expect(await repo.insert(row)).toBe(true);
    expect(await repo.get('battle_one')).toEqual(row);
    expect(await repo.insert({ ...row, model_a: 'other' })).toBe(false);
    expect((await repo.get('battle_one'))!.model_a).toBe('alpha');
    expect(await repo.get('battle_none')).toBeUndefined();
    expect(await repo.existingIds(['battle_one', 'battle_none', 'battle_one'])).toEqual(new Set(['battle_one']));
  });

  it('a vote decides a pending battle once: a second vote (or one on a decided battle) changes nothing', async () => {
    const row = battle({ id: 'battle_vote', winner: null, source: 'vote', voted_at: null });
    await repo.insert(row);
    const votes = await Promise.all([
      repo.vote('battle_vote', 'model_b', 2_000, '{"voted_by":"usr_1"}'),
      repo.vote('battle_vote', 'tie', 2_001, '{"voted_by":"usr_2"}'),
    ]);
    expect(votes.filter(Boolean)).toHaveLength(1);
    const after = (await repo.get('battle_vote'))!;
    expect(after.winner).toBe(votes[0] ? 'model_b' : 'tie');
    expect(after.voted_at).toBe(votes[0] ? 2_000 : 2_001);
    expect(JSON.parse(after.detail).voted_by).toBe(votes[0] ? 'usr_1' : 'usr_2');
    expect(await repo.vote('battle_vote', 'both_bad', 3_000)).toBe(false);
    expect(await repo.vote('battle_nowhere', 'tie', 3_000)).toBe(false);
    expect((await repo.get('battle_vote'))!.winner).toBe(after.winner);
  });

  it('lists newest first with keyset paging (ties on created_at broken by id) and a source filter; other workspaces never show', async () => {
    const ws = 'ws_b';
    const rows = [
      battle({ workspace_id: ws, created_at: 100, source: 'import' }),
      battle({ workspace_id: ws, created_at: 200, source: 'judge' }),
      battle({ workspace_id: ws, created_at: 200, source: 'import' }),
      battle({ workspace_id: ws, created_at: 300, source: 'vote', winner: null, voted_at: null }),
      battle({ workspace_id: ws, created_at: 400, source: 'import' }),
    ];
    expect(await repo.insertMany(rows)).toBe(5);
    const expected = [...rows].sort((x, y) => y.created_at - x.created_at || (x.id < y.id ? 1 : -1)).map((r) => r.id);
    const seen: string[] = [];
    let before: { createdAt: number; id: string } | undefined;
    for (;;) {
      const page = await repo.list(ws, { limit: 2, before });
      seen.push(...page.map((r) => r.id));
      if (page.length < 2) break;
      before = { createdAt: page[1].created_at, id: page[1].id };
    }
    expect(seen).toEqual(expected);
    const imports = await repo.list(ws, { limit: 10, source: 'import' });
    expect(imports.map((r) => r.id)).toEqual(expected.filter((id) => rows.find((r) => r.id === id)!.source === 'import'));
    expect((await repo.list('ws_a', { limit: 100 })).some((r) => r.workspace_id !== 'ws_a')).toBe(false);
  });

  it('counts by source and streams only decided battles, in pages, newest first', async () => {
    expect(await repo.counts('ws_b')).toEqual({
      vote: { decided: 0, pending: 1 },
      judge: { decided: 1, pending: 0 },
      import: { decided: 3, pending: 0 },
    });
    const pages: number[] = [];
    const all: string[] = [];
    for await (const page of repo.battles('ws_b', { pageSize: 2 })) {
      pages.push(page.length);
      all.push(...page.map((b) => `${b.model_a}>${b.winner}`));
    }
    expect(pages).toEqual([2, 2]);
    expect(all).toHaveLength(4);
    let judged = 0;
    for await (const page of repo.battles('ws_b', { source: 'judge' })) judged += page.length;
    expect(judged).toBe(1);
  });

  it('the stamp moves when a battle is added or decided, and only then', async () => {
    const s1 = await repo.stamp('ws_b');
    expect(s1.decided).toBe(4);
    expect(await repo.stamp('ws_b')).toEqual(s1);
    const pending = (await repo.list('ws_b', { limit: 10, source: 'vote' }))[0];
    await repo.vote(pending.id, 'model_a', 9_999_999);
    const s2 = await repo.stamp('ws_b');
    expect(s2).not.toEqual(s1);
    expect(s2.decided).toBe(5);
    expect((await repo.stamp('ws_b', 'judge')).decided).toBe(1);
    expect(await repo.stamp('ws_nobody')).toEqual({ decided: 0, lastCreated: 0, lastVoted: 0 });
  });

  it('insertMany is all or nothing: a bad row rolls the whole batch back', async () => {
    const good = battle({ workspace_id: 'ws_a' });
    const bad = battle({ workspace_id: 'ws_missing' }); // no such workspace: the foreign key refuses it
    await expect(repo.insertMany([good, bad])).rejects.toThrow();
    expect(await repo.get(good.id)).toBeUndefined();
  });

  it('imports 100,000 battles in one transaction quickly, and streams them all back', async () => {
    const models = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];
    const rows: ArenaBattleRow[] = [];
    for (let i = 0; i < 100_000; i++) {
      const a = models[i % 6];
      const b = models[(i + 1 + (i % 5)) % 6];
      rows.push(
        battle({
          id: `battle_big${i}`,
          workspace_id: 'ws_big',
          model_a: a,
          model_b: b === a ? 'm9' : b,
          prompt: null,
          answer_a: null,
          answer_b: null,
        }),
      );
    }
    const started = performance.now();
    expect(await repo.insertMany(rows)).toBe(100_000);
    const ms = performance.now() - started;
    console.log(`[arena] insertMany of 100,000 battles on ${TEST_DIALECT}: ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(30_000);
    let n = 0;
    const streamStart = performance.now();
    for await (const page of repo.battles('ws_big')) n += page.length;
    console.log(`[arena] streamed 100,000 decided battles on ${TEST_DIALECT}: ${Math.round(performance.now() - streamStart)} ms`);
    expect(n).toBe(100_000);
    expect((await repo.counts('ws_big')).import.decided).toBe(100_000);
  }, 120_000);
});
