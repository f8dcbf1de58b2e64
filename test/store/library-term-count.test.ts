import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { api } from '../helpers/admin-api.js';
import { startBaimo, type TestBaimo } from '../helpers/start-baimo.js';

// moderation_libraries.term_count is kept by the writes (0006). A database from before it has its
// libraries counted once by the migration; from then on adds and deletes move it.

let baimo: TestBaimo | undefined;
afterAll(async () => {
  await baimo?.close();
});

describe('library term counts', () => {
  it('a database from before 0006 gets its libraries counted; adds and deletes keep the count', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'baimo-termcount-')), 'baimo.db');
    const sqlite = new SQLite(path);
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('0005_compliance');
    expect(error).toBeUndefined();
    const now = Date.now();
    const lib = sqlite.prepare(
      'INSERT INTO moderation_libraries (id, workspace_id, name, description, enabled, created_at, updated_at) VALUES (?, NULL, ?, NULL, 1, ?, ?)',
    );
    lib.run('lib_old', 'old', now, now);
    lib.run('lib_empty', 'empty', now, now);
    const term = sqlite.prepare('INSERT INTO moderation_terms (library_id, term, risk) VALUES (?, ?, ?)');
    for (let i = 0; i < 1_234; i++) term.run('lib_old', `旧词${i}`, 'A.1.1');
    await db.destroy();

    baimo = await startBaimo({ database: path });
    const counts = async (): Promise<Record<string, number>> => {
      const r = await api(baimo!, 'GET', '/api/moderation/libraries');
      expect(r.status).toBe(200);
      return Object.fromEntries(r.body.data.map((l: { id: string; term_count: number }) => [l.id, l.term_count]));
    };
    expect(await counts()).toMatchObject({ lib_old: 1_234, lib_empty: 0 });

    const added = await api(baimo, 'POST', '/api/moderation/libraries/lib_old/terms', { text: '旧词1\n新词甲\n新词乙' });
    expect(added.body).toMatchObject({ added: 2, skipped: 1 });
    const deleted = await api(baimo, 'DELETE', '/api/moderation/libraries/lib_old/terms', { terms: ['旧词2', '旧词3', '不存在'] });
    expect(deleted.body).toEqual({ deleted: 2 });
    expect(await counts()).toMatchObject({ lib_old: 1_234, lib_empty: 0 });
    const stored = new SQLite(path, { readonly: true });
    try {
      expect(stored.prepare("SELECT count(*) AS n FROM moderation_terms WHERE library_id = 'lib_old'").get()).toEqual({ n: 1_234 });
    } finally {
      stored.close();
    }
  });
});
